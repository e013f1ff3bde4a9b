import type { S3Event, S3EventRecord } from "aws-lambda";
import { auditEventPut, SYSTEM_ACTOR } from "../audit/audit-event";
import { loadConfig } from "../config";
import { ConflictError } from "../errors";
import { newId } from "../ids";
import type { Logger } from "../logger";
import { getFileRecord, replaceFile, type FileRecord } from "../store/files";
import { ACCEPTS_LATE_FILES } from "../domain/request-status";
import { adjustAvailableFiles, getRequestRecord } from "../store/requests";
import { getMember, memberExists } from "../store/workspaces";
import { transactWrite } from "../store/transact";
import { inspectUpload } from "./inspect-upload";
import { decodeEventKey, parseQuarantineKey, vaultKey } from "./object-keys";
import { copyToVault, deleteQuarantineObject, openQuarantineObject } from "./storage";

/**
 * Processes each object created in the quarantine bucket: verifies the bytes
 * against the upload's declaration, then either promotes them to the vault
 * (status `available`) or rejects the file with a reason.
 *
 * Every step is safe to repeat, because S3 delivers events at least once and
 * Lambda retries a failed invocation: a file that is no longer `processing`
 * is skipped, and infrastructure errors are thrown so the event is retried.
 * Object-created events and the uploader's completeUpload call can arrive in
 * either order; neither waits for the other.
 */
export async function processObjectCreatedEvent(event: S3Event, log: Logger): Promise<void> {
  for (const record of event.Records) {
    await processRecord(record, log);
  }
}

interface QuarantinedObject {
  key: string;
  workspaceId: string;
  fileId: string;
  /** Id of the S3 request that created the object, recorded on audit events. */
  eventRequestId: string;
}

function quarantinedObjectOf(record: S3EventRecord, log: Logger): QuarantinedObject | undefined {
  const bucket = record.s3.bucket.name;
  if (bucket !== loadConfig().quarantineBucket) {
    // Local S3 reports every bucket's events, the vault's own copies included.
    log.debug("event for another bucket ignored", { bucket });
    return undefined;
  }
  const key = decodeEventKey(record.s3.object.key);
  const ids = key === undefined ? undefined : parseQuarantineKey(key);
  if (key === undefined || ids === undefined) {
    log.warn("object key is not a quarantine key; ignored", { bucket, encodedKey: record.s3.object.key });
    return undefined;
  }
  const eventRequestId = record.responseElements?.["x-amz-request-id"] || newId();
  return { key, ...ids, eventRequestId };
}

async function processRecord(record: S3EventRecord, baseLog: Logger): Promise<void> {
  const object = quarantinedObjectOf(record, baseLog);
  if (!object) return;
  const log = baseLog.child({ workspaceId: object.workspaceId, fileId: object.fileId, eventRequestId: object.eventRequestId });

  const file = await getFileRecord(object.workspaceId, object.fileId);
  if (!file) {
    // Records are written before any upload form is handed out, so an
    // object without one was not posted through this service.
    log.warn("quarantined object has no file record; deleting it");
    await deleteQuarantineObject(object.key);
    return;
  }
  if (file.status !== "processing") {
    log.info("file already processed; removing any quarantined copy", { status: file.status });
    await deleteQuarantineObject(object.key);
    return;
  }

  const stored = await openQuarantineObject(object.key);
  if (!stored) {
    log.warn("quarantined object disappeared before it was processed");
    return;
  }
  const verdict = await inspectUpload(stored.body, stored.contentLength, file);
  const closedReason = verdict.accepted ? await reasonNotAccepted(file) : undefined;
  if (closedReason) {
    await reject(file, object, closedReason, verdict.detectedType, log);
  } else if (verdict.accepted) {
    const promoted = await promote(file, object, stored.eTag, verdict.detectedType, log);
    // The request may have closed, or the uploader left, between the check
    // above and the write; the file is then rejected rather than retried.
    const lateReason = promoted ? undefined : await reasonNotAccepted(file);
    if (!promoted && lateReason) await reject(file, object, lateReason, verdict.detectedType, log);
    else if (!promoted) throw new Error("The file could not be marked available; the event will be retried");
  } else {
    await reject(file, object, verdict.reason, verdict.detectedType, log);
  }
  await deleteQuarantineObject(object.key);
}

/**
 * Returns why a verified file may not join its request: the request closed
 * (accepted, cancelled or gone) or the uploader is no longer a member.
 */
async function reasonNotAccepted(file: FileRecord): Promise<string | undefined> {
  const [request, uploader] = await Promise.all([
    getRequestRecord(file.workspaceId, file.requestId),
    getMember(file.workspaceId, file.uploadedBy.userId),
  ]);
  if (!request || !ACCEPTS_LATE_FILES.includes(request.status)) {
    const closed = request ? `was ${request.status}` : "was removed";
    return `The request ${closed} before this file finished uploading, so the file was not added to it`;
  }
  if (file.uploaderWasMember && !uploader) {
    return "The person who uploaded this file was removed from the workspace before it finished uploading";
  }
  return undefined;
}

/**
 * Reads the file again after a failed conditional write. Returns true when
 * another delivery of the same event already finished it.
 */
async function finishedElsewhere(file: FileRecord, log: Logger): Promise<boolean> {
  const latest = await getFileRecord(file.workspaceId, file.fileId);
  if (latest && latest.status !== "processing") {
    log.info("another delivery finished the file first", { status: latest.status });
    return true;
  }
  return false;
}

/**
 * Copies the verified object into the vault, then marks the file available,
 * counts it on its request and records the audit event in one transaction.
 * The copy comes first so that `available` always means "in the vault".
 */
/**
 * Copies the verified object into the vault and marks the file available.
 * Returns false when a condition of the write failed for a reason other than
 * another delivery finishing first, so the caller can find out why.
 */
async function promote(file: FileRecord, object: QuarantinedObject, eTag: string, detectedType: string, log: Logger): Promise<boolean> {
  const destinationKey = vaultKey(file.workspaceId, file.fileId);
  await copyToVault({
    sourceKey: object.key,
    eTag,
    destinationKey,
    contentType: detectedType,
    metadata: { "workspace-id": file.workspaceId, "file-id": file.fileId, sha256: file.sha256 },
  });

  const now = new Date().toISOString();
  const next: FileRecord = { ...file, status: "available", detectedType, vaultKey: destinationKey, updatedAt: now, version: file.version + 1 };
  try {
    await transactWrite(
      [
        replaceFile(file, next),
        adjustAvailableFiles(file.workspaceId, file.requestId, 1),
        ...(file.uploaderWasMember ? [memberExists(file.workspaceId, file.uploadedBy.userId)] : []),
        auditEventPut({
          workspaceId: file.workspaceId,
          action: "file.available",
          actor: SYSTEM_ACTOR,
          target: { type: "file", id: file.fileId, label: file.fileName },
          requestId: object.eventRequestId,
          details: { fileName: file.fileName, documentRequestId: file.requestId, size: file.size, sha256: file.sha256, detectedType },
          at: now,
        }),
      ],
      {
        0: "The file changed while it was processed",
        1: "The file's request was closed or removed while the file was processed",
        default: "The file could not be marked available",
      },
    );
  } catch (error) {
    // The vault object stays unreachable because no available record points
    // to it; a retried delivery copies over it and tries the write again.
    if (error instanceof ConflictError) {
      if (await finishedElsewhere(file, log)) return true;
      log.warn("vault copy written but a condition for marking the file available failed", { vaultKey: destinationKey });
      return false;
    }
    log.error("vault copy written but the file could not be marked available", { vaultKey: destinationKey, error });
    throw error;
  }
  log.info("file available", { detectedType, size: file.size });
  return true;
}

async function reject(
  file: FileRecord,
  object: QuarantinedObject,
  reason: string,
  detectedType: string | undefined,
  log: Logger,
): Promise<void> {
  const now = new Date().toISOString();
  const next: FileRecord = { ...file, status: "rejected", rejectionReason: reason, detectedType, updatedAt: now, version: file.version + 1 };
  try {
    await transactWrite(
      [
        replaceFile(file, next),
        auditEventPut({
          workspaceId: file.workspaceId,
          action: "file.rejected",
          actor: SYSTEM_ACTOR,
          target: { type: "file", id: file.fileId, label: file.fileName },
          requestId: object.eventRequestId,
          details: { fileName: file.fileName, documentRequestId: file.requestId, reason },
          at: now,
        }),
      ],
      { default: "The file changed while it was processed" },
    );
  } catch (error) {
    if (error instanceof ConflictError && (await finishedElsewhere(file, log))) return;
    throw error;
  }
  log.info("file rejected", { reason });
}
