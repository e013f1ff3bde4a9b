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
import { findUserIdByEmail, getUserProfile, markInvitationSent, type UserProfile } from "../store/users";
import {
  deleteMember,
  getMember,
  listMembers as listMemberRecords,
  memberExists,
  putMember,
  countStaffMember,
  uncountStaffMember,
  workspaceSummary,
  type MemberRecord,
} from "../store/workspaces";
import { awaitsFirstSignIn, provisionUser } from "../users/provision";

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

/** True when an existing client account never received its invitation and never signed in. */
async function invitationMissing(profile: UserProfile): Promise<boolean> {
  return profile.kind === "client" && profile.invitationSentAt === undefined && (await awaitsFirstSignIn(profile.email));
}

interface InvitationContext {
  access: WorkspaceAccess;
  requestId: string;
  log: Logger;
}

/**
 * Issues a fresh temporary password and e-mails the invitation. Callers hold
 * the address's claim, so concurrent callers cannot each reset the password
 * that another one just mailed. An account that already signed in keeps its
 * password and gets no e-mail.
 */
async function sendInvitation(email: string, context: InvitationContext): Promise<{ profile: UserProfile; invited: boolean }> {
  const provisioned = await provisionUser({ email, kind: "client" });
  if (provisioned.temporaryPassword === undefined) return { profile: provisioned.profile, invited: false };
  await sendMail(
    invitationMessage({
      to: email,
      temporaryPassword: provisioned.temporaryPassword,
      signInUrl: loadConfig().webUrl,
      workspaceName: context.access.workspace.name,
      invitedBy: context.access.actor.email,
    }),
  );
  await markInvitationSent(provisioned.profile.userId);
  context.log.info("invitation sent", { invitedUserId: provisioned.profile.userId });
  return { profile: provisioned.profile, invited: true };
}

async function withInvitationClaim<T>(email: string, work: () => Promise<T>): Promise<T> {
  if (!(await claimInvitation(email))) {
    throw new ConflictError(`An invitation to ${email} is being sent right now; wait a moment, then check the member list`);
  }
  try {
    return await work();
  } finally {
    await releaseInvitation(email);
  }
}

/**
 * Adds a member. An address with no account, or whose earlier invitation
 * was never sent, gets a temporary password and an invitation e-mail before
 * the membership is written. If the write then fails, a retry issues a fresh
 * password and sends the invitation again.
 */
export const addMember: Operation = async ({ caller, requestId, log }, { params, body }) => {
  const access = await authorizeWorkspace(caller, params.workspaceId, "member.add");
  const email: string = body.email;
  const role: WorkspaceRole = body.role;
  const workspaceId: string = params.workspaceId;

  const requireNotMember = async (profile: UserProfile | undefined) => {
    if (profile && (await getMember(workspaceId, profile.userId))) {
      throw new ConflictError(`${email} is already a member of this workspace`);
    }
  };

  const profile = await existingAccount(email, role);
  await requireNotMember(profile);
  if (profile && !(await invitationMissing(profile))) {
    return addMembership({ workspaceId, access, profile, role, invited: false, requestId, log });
  }

  return withInvitationClaim(email, async () => {
    // A concurrent invitation may have finished between the first look and
    // the claim; inviting again would reset the password it just mailed.
    const current = await existingAccount(email, role);
    await requireNotMember(current);
    if (current && !(await invitationMissing(current))) {
      return addMembership({ workspaceId, access, profile: current, role, invited: false, requestId, log });
    }
    const invitation = await sendInvitation(email, { access, requestId, log });
    return addMembership({ workspaceId, access, profile: invitation.profile, role, invited: invitation.invited, requestId, log });
  });
};

/**
 * Sends a client member a new invitation with a fresh temporary password,
 * for a contact who lost the e-mail or let the password expire. Only
 * accounts that have never signed in qualify, because a new temporary
 * password would lock out someone who already chose their own.
 */
export const resendInvitation: Operation = async ({ caller, requestId, log }, { params }) => {
  const access = await authorizeWorkspace(caller, params.workspaceId, "member.add");
  const member = await getMember(params.workspaceId, params.userId);
  if (!member) throw new NotFoundError(`Member ${params.userId} not found in this workspace`);
  if (member.role !== "client") {
    throw new ConflictError(`${member.email} is firm staff; an admin manages staff accounts with "hubsecure users create"`);
  }
  if (!(await awaitsFirstSignIn(member.email))) {
    throw new ConflictError(`${member.email} has already signed in and chosen a password, so no invitation is needed.`);
  }

  return withInvitationClaim(member.email, async () => {
    const invitation = await sendInvitation(member.email, { access, requestId, log });
    if (!invitation.invited) {
      throw new ConflictError(`${member.email} signed in meanwhile, so no invitation is needed.`);
    }
    await transactWrite(
      [
        memberExists(params.workspaceId, member.userId),
        auditEventPut({
          workspaceId: params.workspaceId,
          action: "user.invited",
          actor: access.actor,
          target: { type: "member", id: member.userId, label: member.email },
          requestId,
          details: { email: member.email, resent: true },
        }),
      ],
      { 0: `${member.email} was removed from this workspace meanwhile`, default: "The membership changed meanwhile; retry" },
    );
    return memberDto(member, true);
  });
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

  const member: MemberRecord = {
    workspaceId,
    userId: profile.userId,
    email: profile.email,
    role,
    addedAt: now,
    addedBy: access.actor,
    workspace: workspaceSummary(access.workspace),
    version: 1,
  };
  const target = { type: "member" as const, id: profile.userId, label: profile.email };
  await transactWrite(
    [
      countStaffMember(workspaceId, role === "staff" ? 1 : 0),
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
 * loses access with their next request. Their Cognito account stays, since
 * they may belong to other workspaces. Staff cannot remove themselves, and
 * the last staff member cannot be removed, so someone can always manage the
 * workspace.
 */
export const removeMember: Operation = async ({ caller, requestId, log }, { params }) => {
  const access = await authorizeWorkspace(caller, params.workspaceId, "member.remove");
  if (params.userId === caller.userId) {
    throw new ConflictError("You cannot remove yourself; ask another staff member of this workspace");
  }
  const member = await getMember(params.workspaceId, params.userId);
  if (!member) throw new NotFoundError(`Member ${params.userId} not found in this workspace`);

  const now = new Date().toISOString();
  const staffCount = member.role === "staff" ? [uncountStaffMember(params.workspaceId)] : [];
  await transactWrite(
    [
      ...staffCount,
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
    member.role === "staff"
      ? {
          0: `${member.email} is the last staff member of this workspace; add another staff member first`,
          default: `${member.email} changed meanwhile; reload the member list and try again`,
        }
      : { default: `${member.email} changed meanwhile; reload the member list and try again` },
  );
  log.info("member removed", { memberUserId: member.userId });
  return memberDto(member);
};
