import type { Caller } from "../api/caller";
import type { UserRefDto } from "../api/schemas";
import { effectiveRole, roleAllows, type Permission, type WorkspaceRole } from "../domain/permissions";
import { ForbiddenError, NotFoundError } from "../errors";
import { getMember, getWorkspace, type WorkspaceRecord } from "../store/workspaces";
import { getUserProfile } from "../store/users";
import { callerProfile, userRef } from "../users/identity";

export interface WorkspaceAccess {
  workspace: WorkspaceRecord;
  role: WorkspaceRole;
  /**
   * The caller as recorded on audit events. Read-only permissions skip
   * creating a missing profile, because the read-only functions may not
   * write; their actor then has an empty e-mail.
   */
  actor: UserRefDto;
  /** False for an admin who is not a member and acts as staff. */
  viaMembership: boolean;
}

/** Permissions whose operations write nothing but, at most, an audit event. */
const READ_ONLY: ReadonlySet<Permission> = new Set(["workspace.read", "member.list", "request.read", "audit.read"]);

async function actorFor(caller: Caller, permission: Permission): Promise<UserRefDto> {
  if (!READ_ONLY.has(permission)) return userRef(await callerProfile(caller));
  const stored = await getUserProfile(caller.userId);
  return { userId: caller.userId, email: stored?.email ?? "" };
}

const PERMISSION_PHRASES: Record<Permission, string> = {
  "workspace.read": "view this workspace",
  "member.list": "list members",
  "member.add": "add members",
  "member.remove": "remove members",
  "request.read": "view requests",
  "request.create": "create requests",
  "request.update": "change requests",
  "request.submit": "submit requests; only client contacts submit",
  "request.review": "review requests; only firm staff review",
  "request.cancel": "cancel requests",
  "file.upload": "upload files",
  "file.read": "view files",
  "audit.read": "view the audit history",
};

/**
 * Checks the caller's membership (read on every call, so removing a member
 * takes effect at once) and the permission. Non-members get 404 so that
 * workspace ids do not leak; members without the permission get 403.
 */
export async function authorizeWorkspace(
  caller: Caller,
  workspaceId: string,
  permission: Permission,
): Promise<WorkspaceAccess> {
  const [membership, workspace, actor] = await Promise.all([
    getMember(workspaceId, caller.userId),
    getWorkspace(workspaceId),
    actorFor(caller, permission),
  ]);
  const role = effectiveRole(caller, membership?.role);
  if (role === undefined || workspace === undefined) {
    throw new NotFoundError(`Workspace ${workspaceId} not found`);
  }
  if (!roleAllows(role, permission)) {
    throw new ForbiddenError(`Your role in this workspace (${role}) cannot ${PERMISSION_PHRASES[permission]}`);
  }
  return { workspace, role, actor, viaMembership: membership !== undefined };
}
