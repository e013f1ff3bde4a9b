import { isAdmin, isFirmStaff } from "../api/caller";
import type { Operation } from "../api/handler";
import type { MeDto, WorkspaceDto } from "../api/schemas";
import { authorizeWorkspace } from "../access/workspace-access";
import { auditEventPut } from "../audit/audit-event";
import type { WorkspaceRole } from "../domain/permissions";
import { ForbiddenError } from "../errors";
import { newId } from "../ids";
import { transactWrite } from "../store/transact";
import {
  listAllWorkspaces,
  listMemberships,
  putMember,
  putWorkspace,
  workspaceSummary,
  type MemberRecord,
  type WorkspaceSummary,
  type WorkspaceRecord,
} from "../store/workspaces";
import { callerProfile, userRef } from "../users/identity";

function workspaceDto(workspace: WorkspaceSummary & { version?: number }, role: WorkspaceRole): WorkspaceDto {
  return {
    workspaceId: workspace.workspaceId,
    name: workspace.name,
    clientName: workspace.clientName,
    createdAt: workspace.createdAt,
    createdBy: workspace.createdBy,
    role,
    version: workspace.version ?? 1,
  };
}

export const getMe: Operation = async ({ caller }) => {
  const profile = await callerProfile(caller);
  const me: MeDto = {
    userId: caller.userId,
    email: profile.email,
    groups: caller.groups,
    isStaff: isFirmStaff(caller),
    isAdmin: isAdmin(caller),
  };
  return me;
};

export const listWorkspaces: Operation = async ({ caller }, { query }) => {
  if (isAdmin(caller)) {
    const page = await listAllWorkspaces(query.limit, query.nextToken);
    return { items: page.items.map((workspace) => workspaceDto(workspace, "staff")), nextToken: page.nextToken };
  }
  const page = await listMemberships(caller.userId, query.limit, query.nextToken);
  return {
    items: page.items.map((membership) => workspaceDto(membership.workspace, membership.role)),
    nextToken: page.nextToken,
  };
};

/** Creates a workspace with its creator as the first staff member. */
export const createWorkspace: Operation = async ({ caller, requestId, log }, { body }) => {
  if (!isFirmStaff(caller)) {
    throw new ForbiddenError("Only firm staff can create workspaces");
  }
  const actor = userRef(await callerProfile(caller));
  const now = new Date().toISOString();
  const workspace: WorkspaceRecord = {
    workspaceId: newId(),
    name: body.name,
    clientName: body.clientName,
    createdAt: now,
    createdBy: actor,
    staffMemberCount: 1,
    version: 1,
  };
  const summary = workspaceSummary(workspace);
  const creator: MemberRecord = {
    workspaceId: workspace.workspaceId,
    userId: actor.userId,
    email: actor.email,
    role: "staff",
    addedAt: now,
    addedBy: actor,
    workspace: summary,
    version: 1,
  };
  await transactWrite(
    [
      putWorkspace(workspace),
      putMember(creator),
      auditEventPut({
        workspaceId: workspace.workspaceId,
        action: "workspace.created",
        actor,
        target: { type: "workspace", id: workspace.workspaceId, label: workspace.name },
        requestId,
        details: { name: workspace.name, clientName: workspace.clientName },
        at: now,
      }),
      auditEventPut({
        workspaceId: workspace.workspaceId,
        action: "member.added",
        actor,
        target: { type: "member", id: actor.userId, label: actor.email },
        requestId,
        details: { email: actor.email, role: "staff" },
        at: now,
      }),
    ],
    { default: "A workspace with this id already exists; retry" },
  );
  log.info("workspace created", { workspaceId: workspace.workspaceId });
  return workspaceDto(workspace, "staff");
};

export const getWorkspace: Operation = async ({ caller }, { params }) => {
  const access = await authorizeWorkspace(caller, params.workspaceId, "workspace.read");
  return workspaceDto(access.workspace, access.role);
};
