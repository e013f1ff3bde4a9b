import type { Operation } from "../api/handler";
import type { MemberDto } from "../api/schemas";
import { authorizeWorkspace } from "../access/workspace-access";
import { auditEventPut } from "../audit/audit-event";
import { loadConfig } from "../config";
import type { WorkspaceRole } from "../domain/permissions";
import { ConflictError, ValidationError } from "../errors";
import { invitationMessage } from "../mail/invitation";
import { sendMail } from "../mail/send";
import { transactWrite } from "../store/transact";
import { findUserIdByEmail, getUserProfile, type UserProfile } from "../store/users";
import { getMember, listMembers as listMemberRecords, putMember, workspaceExists, type MemberRecord } from "../store/workspaces";
import { provisionUser } from "../users/provision";

function memberDto(member: MemberRecord, invited?: boolean): MemberDto {
  return {
    userId: member.userId,
    email: member.email,
    role: member.role,
    addedAt: member.addedAt,
    addedBy: member.addedBy,
    ...(invited === undefined ? {} : { invited }),
  };
}

export const listMembers: Operation = async ({ caller }, { params, query }) => {
  await authorizeWorkspace(caller, params.workspaceId, "member.list");
  const page = await listMemberRecords(params.workspaceId, query.limit, query.nextToken);
  return { items: page.items.map((member) => memberDto(member)), nextToken: page.nextToken };
};

/**
 * Finds the account for an e-mail address, checking that its kind fits the
 * requested role. Firm staff accounts come only from an admin, so an unknown
 * address can join only as a client.
 */
async function existingAccount(email: string, role: WorkspaceRole): Promise<UserProfile | undefined> {
  const userId = await findUserIdByEmail(email);
  const profile = userId ? await getUserProfile(userId) : undefined;
  if (role === "staff" && profile?.kind !== "staff") {
    throw new ValidationError(
      `email: ${email} has no firm staff account; an admin creates staff accounts with "hubsecure users create", or add the person with role "client"`,
      "email",
    );
  }
  if (role === "client" && profile?.kind === "staff") {
    throw new ValidationError(`email: ${email} belongs to firm staff; add them with role "staff"`, "email");
  }
  return profile;
}

/**
 * Adds a member. An address with no account gets one, and an invitation
 * e-mail, before the membership is written. If the write then fails, a retry
 * issues a fresh temporary password and sends the invitation again.
 */
export const addMember: Operation = async ({ caller, requestId, log }, { params, body }) => {
  const access = await authorizeWorkspace(caller, params.workspaceId, "member.add");
  const email: string = body.email;
  const role: WorkspaceRole = body.role;

  let profile = await existingAccount(email, role);
  if (profile && (await getMember(params.workspaceId, profile.userId))) {
    throw new ConflictError(`${email} is already a member of this workspace`);
  }

  let invited = false;
  if (!profile) {
    const provisioned = await provisionUser({ email, kind: "client" });
    profile = provisioned.profile;
    if (provisioned.temporaryPassword) {
      await sendMail(
        invitationMessage({
          to: email,
          temporaryPassword: provisioned.temporaryPassword,
          signInUrl: loadConfig().webUrl,
          workspaceName: access.workspace.name,
          invitedBy: access.actor.email,
        }),
      );
      invited = true;
      log.info("invitation sent", { invitedUserId: profile.userId });
    }
  }

  const now = new Date().toISOString();
  const { version: _version, ...workspaceSummary } = access.workspace;
  const member: MemberRecord = {
    workspaceId: params.workspaceId,
    userId: profile.userId,
    email: profile.email,
    role,
    addedAt: now,
    addedBy: access.actor,
    workspace: workspaceSummary,
    version: 1,
  };
  const target = { type: "member" as const, id: profile.userId, label: profile.email };
  await transactWrite(
    [
      workspaceExists(params.workspaceId),
      putMember(member),
      auditEventPut({
        workspaceId: params.workspaceId,
        action: "member.added",
        actor: access.actor,
        target,
        requestId,
        details: { email: profile.email, role, invited },
        at: now,
      }),
      ...(invited
        ? [
            auditEventPut({
              workspaceId: params.workspaceId,
              action: "user.invited",
              actor: access.actor,
              target,
              requestId,
              details: { email: profile.email },
              at: now,
            }),
          ]
        : []),
    ],
    { 0: `Workspace ${params.workspaceId} not found`, 1: `${email} is already a member of this workspace`, default: "The membership changed meanwhile; retry" },
  );
  log.info("member added", { memberUserId: profile.userId, role, invited });
  return memberDto(member, invited);
};
