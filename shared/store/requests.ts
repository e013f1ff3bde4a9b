import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { documentClient } from "../aws/clients";
import type { DocumentRequestDto } from "../api/schemas";
import { WAITING_ON_CLIENT, type RequestStatus } from "../domain/request-status";
import { gsi2, keys, SK_PREFIX, workspacePartition } from "./keys";
import { queryPage, type Page } from "./query";
import { tableName, withoutKeys } from "./table";
import type { TransactItem } from "./transact";

export type RequestRecord = DocumentRequestDto;

/** GSI2 keys while the request waits on an assigned client; none otherwise. */
function waitingKeys(request: RequestRecord): Record<string, string> | undefined {
  if (!request.assignee || !WAITING_ON_CLIENT.includes(request.status)) return undefined;
  return {
    GSI2PK: gsi2.waitingOn(request.assignee.userId),
    GSI2SK: gsi2.waitingSort(request.dueDate, request.requestId),
  };
}

export function putNewRequest(request: RequestRecord): TransactItem {
  return {
    Put: {
      TableName: tableName(),
      Item: {
        ...keys.request(request.workspaceId, request.requestId),
        ...waitingKeys(request),
        entity: "Request",
        ...request,
      },
      ConditionExpression: "attribute_not_exists(PK)",
    },
  };
}

export async function getRequestRecord(workspaceId: string, requestId: string): Promise<RequestRecord | undefined> {
  const result = await documentClient().send(
    new GetCommand({ TableName: tableName(), Key: keys.request(workspaceId, requestId), ConsistentRead: true }),
  );
  return result.Item ? withoutKeys<RequestRecord>(result.Item) : undefined;
}

export function listRequestRecords(
  workspaceId: string,
  options: { status?: RequestStatus; limit: number; nextToken?: string },
): Promise<Page<RequestRecord>> {
  return queryPage(
    {
      partition: ["PK", workspacePartition(workspaceId)],
      sortKeyPrefix: ["SK", SK_PREFIX.request],
      limit: options.limit,
      nextToken: options.nextToken,
      filter: options.status
        ? { FilterExpression: "#status = :status", ExpressionAttributeNames: { "#status": "status" }, ExpressionAttributeValues: { ":status": options.status } }
        : undefined,
    },
    (item) => withoutKeys<RequestRecord>(item),
  );
}

/** Requests waiting on one assignee across workspaces (GSI2), soonest due first. */
export function listWaitingOn(userId: string, limit: number, nextToken?: string): Promise<Page<RequestRecord>> {
  return queryPage(
    { indexName: "GSI2", partition: ["GSI2PK", gsi2.waitingOn(userId)], limit, nextToken },
    (item) => withoutKeys<RequestRecord>(item),
  );
}

/**
 * Replaces a request with its next state, on condition that the stored
 * version and status are still the ones the change was computed from. This
 * optimistic lock is what makes exactly one of several concurrent reviews win.
 */
export function replaceRequest(previous: RequestRecord, next: RequestRecord): TransactItem {
  return {
    Put: {
      TableName: tableName(),
      Item: {
        ...keys.request(next.workspaceId, next.requestId),
        ...waitingKeys(next),
        entity: "Request",
        ...next,
      },
      ConditionExpression: "#version = :version AND #status = :status",
      ExpressionAttributeNames: { "#version": "version", "#status": "status" },
      ExpressionAttributeValues: { ":version": previous.version, ":status": previous.status },
    },
  };
}

/**
 * Adds `delta` to the count of available files, bumping the version, on
 * condition that the request still takes files (`ACCEPTS_LATE_FILES`).
 */
export function adjustAvailableFiles(workspaceId: string, requestId: string, delta: number): TransactItem {
  return {
    Update: {
      TableName: tableName(),
      Key: keys.request(workspaceId, requestId),
      UpdateExpression:
        "SET availableFileCount = availableFileCount + :delta, " +
        "filesSinceReturn = if_not_exists(filesSinceReturn, :zero) + :delta, " +
        "#version = #version + :one, updatedAt = :now",
      ConditionExpression: "attribute_exists(PK) AND #status IN (:open, :returned, :submitted)",
      ExpressionAttributeNames: { "#version": "version", "#status": "status" },
      ExpressionAttributeValues: {
        ":delta": delta,
        ":one": 1,
        ":zero": 0,
        ":now": new Date().toISOString(),
        ":open": "open",
        ":returned": "returned",
        ":submitted": "submitted",
      },
    },
  };
}
