import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { documentClient } from "../aws/clients";
import type { UserRefDto } from "../api/schemas";
import type { WorkspaceRole } from "../domain/permissions";
import { gsi1, keys, SK_PREFIX, workspacePartition } from "./keys";
import { queryPage, type Page } from "./query";
import { tableName, withoutKeys } from "./table";
import type { TransactItem } from "./transact";

export interface WorkspaceRecord {
  workspaceId: string;
  name: string;
  clientName: string;
  createdAt: string;
  createdBy: UserRefDto;
  /**
   * Members with role `staff`. Removals are conditional on it staying above
   * zero, so a workspace always keeps someone who can manage it.
   */
  staffMemberCount?: number;
  version: number;
}

/** The workspace's fixed fields, as copied into each Member item. */
export type WorkspaceSummary = Omit<WorkspaceRecord, "version" | "staffMemberCount">;

export function workspaceSummary(workspace: WorkspaceRecord): WorkspaceSummary {
  const { version: _version, staffMemberCount: _count, ...summary } = workspace;
  return summary;
}

export interface MemberRecord {
  workspaceId: string;
  userId: string;
  email: string;
  role: WorkspaceRole;
  addedAt: string;
  addedBy: UserRefDto;
  /** Copy of the workspace's immutable fields, so a user's workspace list is one Query. */
  workspace: WorkspaceSummary;
  version: number;
}

export function putWorkspace(workspace: WorkspaceRecord): TransactItem {
  return {
    Put: {
      TableName: tableName(),
      Item: {
        ...keys.workspace(workspace.workspaceId),
        GSI1PK: gsi1.allWorkspaces,
        GSI1SK: gsi1.workspaceSort(workspace.createdAt, workspace.workspaceId),
        entity: "Workspace",
        ...workspace,
      },
      ConditionExpression: "attribute_not_exists(PK)",
    },
  };
}

export function putMember(member: MemberRecord): TransactItem {
  return {
    Put: {
      TableName: tableName(),
      Item: {
        ...keys.member(member.workspaceId, member.userId),
        GSI1PK: gsi1.membershipsOf(member.userId),
        GSI1SK: gsi1.membershipSort(member.workspaceId),
        entity: "Member",
        ...member,
      },
      ConditionExpression: "attribute_not_exists(PK)",
    },
  };
}

/** Deletes a membership, on condition that it is unchanged since it was read. */
export function deleteMember(member: MemberRecord): TransactItem {
  return {
    Delete: {
      TableName: tableName(),
      Key: keys.member(member.workspaceId, member.userId),
      ConditionExpression: "#version = :version",
      ExpressionAttributeNames: { "#version": "version" },
      ExpressionAttributeValues: { ":version": member.version },
    },
  };
}

/**
 * Adds `delta` to the workspace's staff count (0 for a client member) and
 * fails unless the workspace exists.
 */
export function countStaffMember(workspaceId: string, delta: 0 | 1): TransactItem {
  return {
    Update: {
      TableName: tableName(),
      Key: keys.workspace(workspaceId),
      UpdateExpression: "ADD staffMemberCount :delta",
      ConditionExpression: "attribute_exists(PK)",
      ExpressionAttributeValues: { ":delta": delta },
    },
  };
}

/** Subtracts one staff member, on condition that at least one other remains. */
export function uncountStaffMember(workspaceId: string): TransactItem {
  return {
    Update: {
      TableName: tableName(),
      Key: keys.workspace(workspaceId),
      UpdateExpression: "ADD staffMemberCount :minusOne",
      ConditionExpression: "staffMemberCount > :one",
      ExpressionAttributeValues: { ":minusOne": -1, ":one": 1 },
    },
  };
}

/** Condition that the user is still a member of the workspace. */
export function memberExists(workspaceId: string, userId: string): TransactItem {
  return {
    ConditionCheck: {
      TableName: tableName(),
      Key: keys.member(workspaceId, userId),
      ConditionExpression: "attribute_exists(PK)",
    },
  };
}

/** Condition that the workspace still exists, for writes into its partition. */
export function workspaceExists(workspaceId: string): TransactItem {
  return {
    ConditionCheck: {
      TableName: tableName(),
      Key: keys.workspace(workspaceId),
      ConditionExpression: "attribute_exists(PK)",
    },
  };
}

export async function getWorkspace(workspaceId: string): Promise<WorkspaceRecord | undefined> {
  const result = await documentClient().send(
    new GetCommand({ TableName: tableName(), Key: keys.workspace(workspaceId), ConsistentRead: true }),
  );
  return result.Item ? withoutKeys<WorkspaceRecord>(result.Item) : undefined;
}

export async function getMember(workspaceId: string, userId: string): Promise<MemberRecord | undefined> {
  const result = await documentClient().send(
    new GetCommand({ TableName: tableName(), Key: keys.member(workspaceId, userId), ConsistentRead: true }),
  );
  return result.Item ? withoutKeys<MemberRecord>(result.Item) : undefined;
}

export function listMembers(workspaceId: string, limit: number, nextToken?: string): Promise<Page<MemberRecord>> {
  return queryPage(
    { partition: ["PK", workspacePartition(workspaceId)], sortKeyPrefix: ["SK", SK_PREFIX.member], limit, nextToken },
    (item) => withoutKeys<MemberRecord>(item),
  );
}

/** Memberships of one user, across workspaces (GSI1). */
export function listMemberships(userId: string, limit: number, nextToken?: string): Promise<Page<MemberRecord>> {
  return queryPage(
    { indexName: "GSI1", partition: ["GSI1PK", gsi1.membershipsOf(userId)], limit, nextToken },
    (item) => withoutKeys<MemberRecord>(item),
  );
}

/** Lists every workspace of the firm, oldest first (GSI1), for admins. */
export function listAllWorkspaces(limit: number, nextToken?: string): Promise<Page<WorkspaceRecord>> {
  return queryPage(
    { indexName: "GSI1", partition: ["GSI1PK", gsi1.allWorkspaces], limit, nextToken },
    (item) => withoutKeys<WorkspaceRecord>(item),
  );
}
