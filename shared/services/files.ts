import type { Operation } from "../api/handler";
import type { StoredFileDto } from "../api/schemas";
import { authorizeWorkspace } from "../access/workspace-access";
import { auditEventPut } from "../audit/audit-event";
import { loadConfig } from "../config";
import { ACCEPTS_UPLOADS } from "../domain/request-status";
import { ConflictError, NotFoundError, ValidationError } from "../errors";
import { dangerousNameReason } from "../files/file-name";
import { quarantineKey } from "../files/object-keys";
import { createUploadForm, presignVaultDownload, quarantineObjectExists } from "../files/storage";
import { newId } from "../ids";
import {
  completeUploadRecord,
  fileIsAvailable,
  getFileRecord,
  getUploadRecord,
  listRequestFiles,
  listWorkspaceFiles,
  putNewFile,
  putNewUpload,
  requestAcceptsUploads,
  type FileRecord,
  type UploadRecord,
} from "../store/files";
import { getRequestRecord } from "../store/requests";
import { transactWrite } from "../store/transact";

/** Converts a file record to its API view, which leaves out the storage keys. */
export function storedFileDto(file: FileRecord): StoredFileDto {
  return {
    fileId: file.fileId,
    workspaceId: file.workspaceId,
    requestId: file.requestId,
    fileName: file.fileName,
    contentType: file.contentType,
    detectedType: file.detectedType,
    size: file.size,
    sha256: file.sha256,
    status: file.status,
    rejectionReason: file.rejectionReason,
    uploadedBy: file.uploadedBy,
    createdAt: file.createdAt,
    updatedAt: file.updatedAt,
    version: file.version,
  };
}

async function requireFile(workspaceId: string, fileId: string): Promise<FileRecord> {
  const file = await getFileRecord(workspaceId, fileId);
  if (!file) throw new NotFoundError(`File ${fileId} not found in this workspace`);
  return file;
}

function describeStatuses(statuses: readonly string[]): string {
  return statuses.join(" or ");
}

function checkUploadRequest(body: { fileName: string; size: number }): void {
  const maxBytes = loadConfig().uploadMaxBytes;
  if (body.size > maxBytes) {
    throw new ValidationError(
      `size: ${body.size} bytes is more than the upload limit of ${maxBytes} bytes; split the file or compress it`,
      "size",
    );
  }
  const nameReason = dangerousNameReason(body.fileName);
  if (nameReason) throw new ValidationError(`fileName: ${nameReason}`, "fileName");
}

/**
 * Starts an upload: records the upload and the file (status `processing`)
 * and returns a presigned POST form for the bytes. The object key comes from
 * server-made ids, never from the client's file name.
 */
export const createUpload: Operation = async ({ caller, requestId, log }, { params, body }) => {
  const access = await authorizeWorkspace(caller, params.workspaceId, "file.upload");
  const request = await getRequestRecord(params.workspaceId, params.requestId);
  if (!request) throw new NotFoundError(`Request ${params.requestId} not found in this workspace`);
  if (!ACCEPTS_UPLOADS.includes(request.status)) {
    throw new ConflictError(
      `Request ${request.requestId} is ${request.status}; files can be added only while it is ${describeStatuses(ACCEPTS_UPLOADS)}`,
    );
  }
  checkUploadRequest(body);

  const config = loadConfig();
  const uploadId = newId();
  const fileId = newId();
  const key = quarantineKey(params.workspaceId, fileId);
  const now = new Date();
  const createdAt = now.toISOString();
  // Taken before signing, so the reported expiry is never later than the form's.
  const formExpiresAt = new Date(now.getTime() + config.uploadUrlTtlSeconds * 1000).toISOString();
  const form = await createUploadForm({
    key,
    size: body.size,
    contentType: body.contentType,
    uploadId,
    sha256: body.sha256,
    expiresInSeconds: config.uploadUrlTtlSeconds,
  });

  const upload: UploadRecord = {
    uploadId,
    fileId,
    workspaceId: params.workspaceId,
    requestId: params.requestId,
    uploaderId: caller.userId,
    quarantineKey: key,
    declared: { fileName: body.fileName, contentType: body.contentType, size: body.size, sha256: body.sha256 },
    status: "pending",
    createdAt,
    formExpiresAt,
    version: 1,
  };
  // If the browser never posts the bytes, the upload sweeper rejects the file
  // some time after `formExpiresAt` (shared/files/sweep-abandoned.ts).
  const file: FileRecord = {
    fileId,
    workspaceId: params.workspaceId,
    requestId: params.requestId,
    uploadId,
    fileName: body.fileName,
    contentType: body.contentType,
    size: body.size,
    sha256: body.sha256,
    status: "processing",
    uploadedBy: access.actor,
    uploaderWasMember: access.viaMembership,
    createdAt,
    updatedAt: createdAt,
    quarantineKey: key,
    formExpiresAt,
    version: 1,
  };
  await transactWrite(
    [
      requestAcceptsUploads(params.workspaceId, params.requestId, ACCEPTS_UPLOADS),
      putNewUpload(upload),
      putNewFile(file),
      auditEventPut({
        workspaceId: params.workspaceId,
        action: "upload.started",
        actor: access.actor,
        target: { type: "file", id: fileId, label: body.fileName },
        requestId,
        details: {
          uploadId,
          documentRequestId: params.requestId,
          fileName: body.fileName,
          contentType: body.contentType,
          size: body.size,
          sha256: body.sha256,
        },
        at: createdAt,
      }),
    ],
    {
      0: `Request ${params.requestId} changed meanwhile and no longer accepts files; reload it`,
      default: "The upload could not be started because the workspace changed meanwhile; retry",
    },
  );
  log.info("upload started", { uploadId, fileId, documentRequestId: params.requestId, size: body.size });
  return { uploadId, fileId, url: form.url, fields: form.fields, expiresAt: formExpiresAt };
};

/**
 * Records that the uploader finished posting the bytes. Idempotent: a second
 * call returns the file again. The processor may already have verified the
 * file (it runs on the storage event), in which case the quarantined object
 * is gone and is not looked for.
 */
export const completeUpload: Operation = async ({ caller, requestId, log }, { params }) => {
  const access = await authorizeWorkspace(caller, params.workspaceId, "file.upload");
  const upload = await getUploadRecord(params.workspaceId, params.uploadId);
  // Another member's upload id is treated like an unknown one, so ids do not leak.
  if (!upload || upload.uploaderId !== caller.userId) {
    throw new NotFoundError(`Upload ${params.uploadId} not found in this workspace`);
  }
  if (upload.status === "completed") return storedFileDto(await requireFile(upload.workspaceId, upload.fileId));

  const file = await requireFile(upload.workspaceId, upload.fileId);
  if (file.status === "processing" && !(await quarantineObjectExists(upload.quarantineKey))) {
    // The processor deletes the object once it is done, so look again
    // before telling the caller that nothing arrived.
    const latest = await requireFile(upload.workspaceId, upload.fileId);
    if (latest.status === "processing") {
      throw new ConflictError("The file has not arrived in storage yet; finish the upload first");
    }
  }

  const completedAt = new Date().toISOString();
  try {
    await transactWrite(
      [
        completeUploadRecord(upload, completedAt),
        auditEventPut({
          workspaceId: upload.workspaceId,
          action: "file.uploaded",
          actor: access.actor,
          target: { type: "file", id: upload.fileId, label: upload.declared.fileName },
          requestId,
          details: { uploadId: upload.uploadId, documentRequestId: upload.requestId, fileName: upload.declared.fileName },
          at: completedAt,
        }),
      ],
      { default: `Upload ${upload.uploadId} changed meanwhile; retry` },
    );
  } catch (error) {
    const latest = error instanceof ConflictError ? await getUploadRecord(upload.workspaceId, upload.uploadId) : undefined;
    if (latest?.status !== "completed") throw error;
  }
  log.info("upload completed", { uploadId: upload.uploadId, fileId: upload.fileId });
  return storedFileDto(await requireFile(upload.workspaceId, upload.fileId));
};

export const listFiles: Operation = async ({ caller }, { params, query }) => {
  await authorizeWorkspace(caller, params.workspaceId, "file.read");
  const page = query.requestId
    ? await listRequestFiles(params.workspaceId, query.requestId, query.limit, query.nextToken)
    : await listWorkspaceFiles(params.workspaceId, query.limit, query.nextToken);
  return { items: page.items.map(storedFileDto), nextToken: page.nextToken };
};

export const getFile: Operation = async ({ caller }, { params }) => {
  await authorizeWorkspace(caller, params.workspaceId, "file.read");
  return storedFileDto(await requireFile(params.workspaceId, params.fileId));
};

function notDownloadable(file: FileRecord): ConflictError {
  if (file.status === "rejected") {
    return new ConflictError(`File ${file.fileId} was rejected and cannot be downloaded: ${file.rejectionReason ?? "no reason recorded"}`);
  }
  return new ConflictError(`File ${file.fileId} is ${file.status}; it can be downloaded once it is available`);
}

/**
 * Returns a short-lived download URL for an available file and audits the
 * download. The audit event is written only while the file is still
 * available, and the URL is signed only after the event is stored.
 */
export const getFileDownload: Operation = async ({ caller, requestId, log }, { params }) => {
  const access = await authorizeWorkspace(caller, params.workspaceId, "file.read");
  const file = await requireFile(params.workspaceId, params.fileId);
  if (file.status !== "available" || !file.vaultKey) throw notDownloadable(file);

  const config = loadConfig();
  const now = new Date();
  const expiresAt = new Date(now.getTime() + config.downloadUrlTtlSeconds * 1000).toISOString();
  await transactWrite(
    [
      fileIsAvailable(file.workspaceId, file.fileId),
      auditEventPut({
        workspaceId: file.workspaceId,
        action: "file.downloaded",
        actor: access.actor,
        target: { type: "file", id: file.fileId, label: file.fileName },
        requestId,
        details: { fileName: file.fileName, documentRequestId: file.requestId, urlExpiresAt: expiresAt },
        at: now.toISOString(),
      }),
    ],
    { 0: `File ${file.fileId} is no longer available`, default: "The download could not be recorded; retry" },
  );
  const url = await presignVaultDownload({
    key: file.vaultKey,
    fileName: file.fileName,
    contentType: file.detectedType ?? "application/octet-stream",
    expiresInSeconds: config.downloadUrlTtlSeconds,
  });
  log.info("download issued", { fileId: file.fileId });
  return { url, expiresAt };
};
