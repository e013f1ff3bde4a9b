/**
 * Key templates of the single table. Every workspace-owned item lives in the
 * workspace's partition, so one Query on `PK = WS#<id>` can never return
 * another workspace's data. See docs/data-model.md.
 */
export const keys = {
  workspace: (workspaceId: string) => ({ PK: `WS#${workspaceId}`, SK: "META" }),
  member: (workspaceId: string, userId: string) => ({ PK: `WS#${workspaceId}`, SK: `MEMBER#${userId}` }),
  request: (workspaceId: string, requestId: string) => ({ PK: `WS#${workspaceId}`, SK: `REQ#${requestId}` }),
  file: (workspaceId: string, fileId: string) => ({ PK: `WS#${workspaceId}`, SK: `FILE#${fileId}` }),
  upload: (workspaceId: string, uploadId: string) => ({ PK: `WS#${workspaceId}`, SK: `UPLOAD#${uploadId}` }),
  audit: (workspaceId: string, at: string, eventId: string) => ({
    PK: `WS#${workspaceId}`,
    SK: `AUDIT#${at}#${eventId}`,
  }),
  userProfile: (userId: string) => ({ PK: `USER#${userId}`, SK: "PROFILE" }),
  userEmail: (email: string) => ({ PK: `EMAIL#${email.toLowerCase()}`, SK: "USER" }),
};

export const workspacePartition = (workspaceId: string) => `WS#${workspaceId}`;

/** Sort-key prefixes for the collections inside a workspace partition. */
export const SK_PREFIX = {
  member: "MEMBER#",
  request: "REQ#",
  file: "FILE#",
  audit: "AUDIT#",
} as const;

/** GSI1 keys: memberships by user, the firm-wide workspace list, files by request. */
export const gsi1 = {
  membershipsOf: (userId: string) => `USER#${userId}`,
  membershipSort: (workspaceId: string) => `WS#${workspaceId}`,
  allWorkspaces: "WORKSPACES",
  workspaceSort: (createdAt: string, workspaceId: string) => `${createdAt}#${workspaceId}`,
  filesOfRequest: (workspaceId: string, requestId: string) => `WS#${workspaceId}#REQ#${requestId}`,
  fileSort: (fileId: string) => `FILE#${fileId}`,
};

/**
 * GSI2 keys: requests waiting on an assignee, soonest due first, and files
 * still `processing`, by when their upload form expired.
 */
export const gsi2 = {
  waitingOn: (userId: string) => `ASSIGNEE#${userId}`,
  waitingSort: (dueDate: string | undefined, requestId: string) => `${dueDate ?? "9999-12-31"}#${requestId}`,
  processing: "PROCESSING",
  /** `formExpiresAt` is ISO 8601 in UTC, so the keys sort by expiry time. */
  processingSort: (formExpiresAt: string, workspaceId: string, fileId: string) =>
    `${formExpiresAt}#${workspaceId}#${fileId}`,
};
