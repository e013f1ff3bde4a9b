import type { Caller } from "../api/caller";
import { isAdmin } from "../api/caller";

export type WorkspaceRole = "staff" | "client";

export type Permission =
  | "workspace.read"
  | "member.list"
  | "member.add"
  | "member.remove"
  | "request.read"
  | "request.create"
  | "request.update"
  | "request.submit"
  | "request.review"
  | "request.cancel"
  | "file.upload"
  | "file.read"
  | "audit.read";

/**
 * The workspace roles granted each permission. Clients submit. Only staff
 * create, review and read the audit history, because the history records
 * staff activity that a client has no need to see.
 */
const POLICY: Record<Permission, readonly WorkspaceRole[]> = {
  "workspace.read": ["staff", "client"],
  "member.list": ["staff", "client"],
  "member.add": ["staff"],
  "member.remove": ["staff"],
  "request.read": ["staff", "client"],
  "request.create": ["staff"],
  "request.update": ["staff"],
  "request.submit": ["client"],
  "request.review": ["staff"],
  "request.cancel": ["staff"],
  "file.upload": ["staff", "client"],
  "file.read": ["staff", "client"],
  "audit.read": ["staff"],
};

export function roleAllows(role: WorkspaceRole, permission: Permission): boolean {
  return POLICY[permission].includes(role);
}

/**
 * Returns the role a caller acts with in a workspace: their membership
 * role, or `staff` for firm admins, who oversee every workspace. Undefined
 * means the caller cannot see the workspace at all.
 */
export function effectiveRole(caller: Caller, membershipRole: WorkspaceRole | undefined): WorkspaceRole | undefined {
  if (membershipRole !== undefined) return membershipRole;
  return isAdmin(caller) ? "staff" : undefined;
}
