import { createApiHandler } from "../shared/api/handler";
import { addMember, listMembers, removeMember, resendInvitation } from "../shared/services/members";
import { createWorkspace, getMe, getWorkspace, listWorkspaces } from "../shared/services/workspaces";

export const handler = createApiHandler("workspaces", {
  getMe,
  listWorkspaces,
  createWorkspace,
  getWorkspace,
  listMembers,
  addMember,
  removeMember,
  resendInvitation,
});
