import { GetCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { documentClient } from "../aws/clients";
import type { StoredFileDto } from "../api/schemas";
import { gsi1, gsi2, keys, SK_PREFIX, workspacePartition } from "./keys";
import { queryPage, type Page } from "./query";
import { tableName, withoutKeys } from "./table";
import type { TransactItem } from "./transact";

/** A file as stored: the API's fields plus where its bytes are. */
export interface FileRecord extends StoredFileDto {
  uploadId: string;
  /** Object key in the quarantine bucket that the browser posts to. The processor deletes the object when done. */
  quarantineKey: string;
  /** Object key of the verified bytes in the vault, set when the file becomes available. */
  vaultKey?: string;
  /**
   * True when the uploader was a member of the workspace, rather than an
   * admin acting on every workspace. Such a file joins its request only
   * while the uploader is still a member.
   */
  uploaderWasMember?: boolean;
  /**
   * When the upload form for the file's bytes stops working (ISO 8601, UTC).
   * A `processing` file without it is not in the processing index, so the
   * sweeper never finds it.
   */
  formExpiresAt?: string;
}

export type UploadStatus = "pending" | "completed";

/** One presigned upload of one file, completed by its uploader. */
export interface UploadRecord {
  uploadId: string;
  fileId: string;
  workspaceId: string;
  requestId: string;
  uploaderId: string;
  quarantineKey: string;
  declared: { fileName: string; contentType: string; size: number; sha256: string };
  status: UploadStatus;
  createdAt: string;
  /** When the presigned POST form stops working (ISO 8601). */
  formExpiresAt: string;
  completedAt?: string;
  version: number;
}

/**
 * How long an upload record outlives its form before DynamoDB's TTL removes
 * it, so a slow upload can still be completed. The table's TTL attribute is
 * `expiresAt`, in epoch seconds.
 */
const UPLOAD_RECORD_RETENTION_SECONDS = 7 * 24 * 60 * 60;

/**
 * GSI2 keys while the file is `processing`; none otherwise. Every change of
 * a file is a full Put of `fileItem`, so a file that becomes available or
 * rejected leaves the index in the same write.
 */
function processingKeys(file: FileRecord): Record<string, string> | undefined {
  if (file.status !== "processing" || !file.formExpiresAt) return undefined;
  return {
    GSI2PK: gsi2.processing,
    GSI2SK: gsi2.processingSort(file.formExpiresAt, file.workspaceId, file.fileId),
  };
}

function fileItem(file: FileRecord): Record<string, unknown> {
  return {
    ...keys.file(file.workspaceId, file.fileId),
    GSI1PK: gsi1.filesOfRequest(file.workspaceId, file.requestId),
    GSI1SK: gsi1.fileSort(file.fileId),
    ...processingKeys(file),
    entity: "File",
    ...file,
  };
}

export function putNewFile(file: FileRecord): TransactItem {
  return {
    Put: { TableName: tableName(), Item: fileItem(file), ConditionExpression: "attribute_not_exists(PK)" },
  };
}

/**
 * Replaces a file with its next state, on condition that the stored version
 * and status are those the change was computed from.
 */
export function replaceFile(previous: FileRecord, next: FileRecord): TransactItem {
  return {
    Put: {
      TableName: tableName(),
      Item: fileItem(next),
      ConditionExpression: "#version = :version AND #status = :status",
      ExpressionAttributeNames: { "#version": "version", "#status": "status" },
      ExpressionAttributeValues: { ":version": previous.version, ":status": previous.status },
    },
  };
}

/** Condition that a file is still available, for writes that depend on it. */
export function fileIsAvailable(workspaceId: string, fileId: string): TransactItem {
  return {
    ConditionCheck: {
      TableName: tableName(),
      Key: keys.file(workspaceId, fileId),
      ConditionExpression: "#status = :available",
      ExpressionAttributeNames: { "#status": "status" },
      ExpressionAttributeValues: { ":available": "available" },
    },
  };
}

/**
 * Condition that a request exists and is in one of `statuses`, so a file is
 * never added to a request that was submitted meanwhile.
 */
export function requestAcceptsUploads(workspaceId: string, requestId: string, statuses: readonly string[]): TransactItem {
  const values: Record<string, string> = {};
  statuses.forEach((status, index) => {
    values[`:status${index}`] = status;
  });
  return {
    ConditionCheck: {
      TableName: tableName(),
      Key: keys.request(workspaceId, requestId),
      ConditionExpression: `#status IN (${Object.keys(values).join(", ")})`,
      ExpressionAttributeNames: { "#status": "status" },
      ExpressionAttributeValues: values,
    },
  };
}

export async function getFileRecord(workspaceId: string, fileId: string): Promise<FileRecord | undefined> {
  const result = await documentClient().send(
    new GetCommand({ TableName: tableName(), Key: keys.file(workspaceId, fileId), ConsistentRead: true }),
  );
  return result.Item ? withoutKeys<FileRecord>(result.Item) : undefined;
}

/** Files of a workspace, oldest first (file ids sort by creation time). */
export function listWorkspaceFiles(workspaceId: string, limit: number, nextToken?: string): Promise<Page<FileRecord>> {
  return queryPage(
    { partition: ["PK", workspacePartition(workspaceId)], sortKeyPrefix: ["SK", SK_PREFIX.file], limit, nextToken },
    (item) => withoutKeys<FileRecord>(item),
  );
}

/** Files of one request (GSI1), oldest first. */
export function listRequestFiles(
  workspaceId: string,
  requestId: string,
  limit: number,
  nextToken?: string,
): Promise<Page<FileRecord>> {
  return queryPage(
    { indexName: "GSI1", partition: ["GSI1PK", gsi1.filesOfRequest(workspaceId, requestId)], limit, nextToken },
    (item) => withoutKeys<FileRecord>(item),
  );
}

export interface ProcessingFilesPage {
  files: FileRecord[];
  /** Start key of the next page; undefined on the last page. It is never returned to API callers. */
  lastEvaluatedKey?: Record<string, unknown>;
}

/**
 * Lists files still `processing` whose upload form expired before
 * `expiredBefore` (ISO 8601), earliest expiry first, with one Query on the
 * GSI2 partition `PROCESSING`. Index reads are eventually consistent, so a
 * listed file may have finished meanwhile, and writers must condition on status.
 */
export async function listProcessingFilesExpiredBefore(
  expiredBefore: string,
  limit: number,
  exclusiveStartKey?: Record<string, unknown>,
): Promise<ProcessingFilesPage> {
  const result = await documentClient().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: "GSI2",
      KeyConditionExpression: "GSI2PK = :processing AND GSI2SK < :expiredBefore",
      ExpressionAttributeValues: { ":processing": gsi2.processing, ":expiredBefore": expiredBefore },
      ExclusiveStartKey: exclusiveStartKey,
      Limit: limit,
    }),
  );
  return {
    files: (result.Items ?? []).map((item) => withoutKeys<FileRecord>(item)),
    lastEvaluatedKey: result.LastEvaluatedKey,
  };
}

export function putNewUpload(upload: UploadRecord): TransactItem {
  const formExpiry = Math.floor(Date.parse(upload.formExpiresAt) / 1000);
  return {
    Put: {
      TableName: tableName(),
      Item: {
        ...keys.upload(upload.workspaceId, upload.uploadId),
        entity: "Upload",
        ...upload,
        expiresAt: formExpiry + UPLOAD_RECORD_RETENTION_SECONDS,
      },
      ConditionExpression: "attribute_not_exists(PK)",
    },
  };
}

export async function getUploadRecord(workspaceId: string, uploadId: string): Promise<UploadRecord | undefined> {
  const result = await documentClient().send(
    new GetCommand({ TableName: tableName(), Key: keys.upload(workspaceId, uploadId), ConsistentRead: true }),
  );
  return result.Item ? withoutKeys<UploadRecord>(result.Item) : undefined;
}

/** Marks a pending upload completed, on condition that it is still pending at the version read. */
export function completeUploadRecord(upload: UploadRecord, completedAt: string): TransactItem {
  return {
    Update: {
      TableName: tableName(),
      Key: keys.upload(upload.workspaceId, upload.uploadId),
      UpdateExpression: "SET #status = :completed, completedAt = :completedAt, #version = #version + :one",
      ConditionExpression: "#version = :version AND #status = :pending",
      ExpressionAttributeNames: { "#status": "status", "#version": "version" },
      ExpressionAttributeValues: {
        ":completed": "completed",
        ":pending": "pending",
        ":completedAt": completedAt,
        ":version": upload.version,
        ":one": 1,
      },
    },
  };
}
