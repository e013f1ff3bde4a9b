import type { Operation } from "../api/handler";
import type { MemberDto } from "../api/schemas";
import { authorizeWorkspace, type WorkspaceAccess } from "../access/workspace-access";
import { auditEventPut } from "../audit/audit-event";
import { loadConfig } from "../config";
import type { WorkspaceRole } from "../domain/permissions";
import { ConflictError, NotFoundError, ValidationError } from "../errors";
import type { Logger } from "../logger";
import { invitationMessage } from "../mail/invitation";
import { sendMail } from "../mail/send";
import { claimInvitation, releaseInvitation } from "../store/invitation-claims";
import { transactWrite } from "../store/transact";
import { findUserIdByEmail, getUserProfile, type UserProfile } from "../store/users";
import {
  deleteMember,
  getMember,
  listMembers as listMemberRecords,
  putMember,
  workspaceExists,
  type MemberRecord,
} from "../store/workspaces";
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

  const profile = await existingAccount(email, role);
  if (profile && (await getMember(params.workspaceId, profile.userId))) {
    throw new ConflictError(`${email} is already a member of this workspace`);
  }

  if (profile) {
    return addMembership({ workspaceId: params.workspaceId, access, profile, role, invited: false, requestId, log });
  }
  if (!(await claimInvitation(email))) {
    throw new ConflictError(`An invitation to ${email} is being sent right now; wait a moment, then check the member list`);
  }
  try {
    // A concurrent invitation may have created the account between the
    // first look and the claim; inviting again would reset its password.
    const createdMeanwhile = await existingAccount(email, role);
    if (createdMeanwhile) {
      return await addMembership({ workspaceId: params.workspaceId, access, profile: createdMeanwhile, role, invited: false, requestId, log });
    }
    const provisioned = await provisionUser({ email, kind: "client" });
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
      log.info("invitation sent", { invitedUserId: provisioned.profile.userId });
    }
    const invited = provisioned.temporaryPassword !== undefined;
    return await addMembership({ workspaceId: params.workspaceId, access, profile: provisioned.profile, role, invited, requestId, log });
  } finally {
    await releaseInvitation(email);
  }
};

/** Writes the membership and its audit events in one transaction. */
async function addMembership(input: {
  workspaceId: string;
  access: WorkspaceAccess;
  profile: UserProfile;
  role: WorkspaceRole;
  invited: boolean;
  requestId: string;
  log: Logger;
}): Promise<MemberDto> {
  const { workspaceId, access, profile, role, invited, requestId, log } = input;
  const now = new Date().toISOString();
  const { version: _version, ...workspaceSummary } = access.workspace;
  const member: MemberRecord = {
    workspaceId,
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
      workspaceExists(workspaceId),
      putMember(member),
      auditEventPut({
        workspaceId,
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
              workspaceId,
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
    { 0: `Workspace ${workspaceId} not found`, 1: `${profile.email} is already a member of this workspace`, default: "The membership changed meanwhile; retry" },
  );
  log.info("member added", { memberUserId: profile.userId, role, invited });
  return memberDto(member, invited);
}

/**
 * Removes a member. Every call reads the caller's membership, so the person
 * loses access with their next request; their Cognito account stays, since
 * they may belong to other workspaces. Staff cannot remove themselves, which
 * keeps at least one staff member able to manage the workspace.
 */
export const removeMember: Operation = async ({ caller, requestId, log }, { params }) => {
  const access = await authorizeWorkspace(caller, params.workspaceId, "member.remove");
  if (params.userId === caller.userId) {
    throw new ConflictError("You cannot remove yourself; ask another staff member of this workspace");
  }
  const member = await getMember(params.workspaceId, params.userId);
  if (!member) throw new NotFoundError(`Member ${params.userId} not found in this workspace`);

  const now = new Date().toISOString();
  await transactWrite(
    [
      deleteMember(member),
      auditEventPut({
        workspaceId: params.workspaceId,
        action: "member.removed",
        actor: access.actor,
        target: { type: "member", id: member.userId, label: member.email },
        requestId,
        details: { email: member.email, role: member.role },
        at: now,
      }),
    ],
    { default: `${member.email} changed meanwhile; reload the member list and try again` },
  );
  log.info("member removed", { memberUserId: member.userId });
  return memberDto(member);
};
