import { createHash } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { expect } from "vitest";
import type { ApiClient } from "../support/api-client";
import type { FixtureFile } from "../support/fixtures";

/** The upload steps the web app takes, as test helpers against a running portal. */

export interface UploadTarget {
  workspaceId: string;
  requestId: string;
}

export interface UploadOverrides {
  /** Bytes actually posted, when they should differ from the declared file. */
  postedBytes?: Buffer;
  declaredSha256?: string;
}

export interface StartedUpload {
  uploadId: string;
  fileId: string;
  url: string;
  fields: Record<string, string>;
  expiresAt: string;
}

export function sha256Of(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("hex");
}

export async function startUpload(
  as: ApiClient,
  target: UploadTarget,
  file: FixtureFile,
  overrides: UploadOverrides = {},
): Promise<StartedUpload> {
  const created = await as.post(`/workspaces/${target.workspaceId}/requests/${target.requestId}/uploads`, {
    fileName: file.fileName,
    contentType: file.contentType,
    size: file.bytes.length,
    sha256: overrides.declaredSha256 ?? sha256Of(file.bytes),
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body as StartedUpload;
}

/** Posts the presigned form as a browser does and returns the storage's HTTP status. */
export async function postForm(upload: Pick<StartedUpload, "url" | "fields">, bytes: Buffer, fileName: string): Promise<number> {
  const form = new FormData();
  for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
  form.append("file", new Blob([new Uint8Array(bytes)]), fileName);
  const response = await fetch(upload.url, { method: "POST", body: form });
  return response.status;
}

/** Polls until the processor has finished with the file; fails after about ten seconds. */
export async function waitForProcessed(as: ApiClient, workspaceId: string, fileId: string): Promise<any> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const file = await as.get(`/workspaces/${workspaceId}/files/${fileId}`);
    if (file.body.status !== "processing") return file.body;
    await sleep(50);
  }
  throw new Error(`file ${fileId} is still processing`);
}

/** Uploads a file the way the web app does and returns it once processed. */
export async function uploadFile(as: ApiClient, target: UploadTarget, file: FixtureFile, overrides: UploadOverrides = {}) {
  const upload = await startUpload(as, target, file, overrides);
  expect(await postForm(upload, overrides.postedBytes ?? file.bytes, file.fileName)).toBe(204);
  const completed = await as.post(`/workspaces/${target.workspaceId}/uploads/${upload.uploadId}/complete`);
  expect(completed.status, JSON.stringify(completed.body)).toBe(202);
  return { upload, file: await waitForProcessed(as, target.workspaceId, upload.fileId) };
}

/** Downloads an available file through its presigned URL. */
export async function downloadFile(as: ApiClient, workspaceId: string, fileId: string) {
  const download = await as.get(`/workspaces/${workspaceId}/files/${fileId}/download`);
  expect(download.status, JSON.stringify(download.body)).toBe(200);
  const response = await fetch(download.body.url);
  expect(response.status).toBe(200);
  return {
    expiresAt: download.body.expiresAt as string,
    bytes: Buffer.from(await response.arrayBuffer()),
    contentType: response.headers.get("content-type"),
    contentDisposition: response.headers.get("content-disposition") ?? "",
  };
}

/** Reads the UTF-8 file name from a Content-Disposition `filename*` parameter. */
export function extendedFileName(contentDisposition: string): string | undefined {
  const match = /filename\*=UTF-8''(\S+)/.exec(contentDisposition);
  return match ? decodeURIComponent(match[1]!) : undefined;
}
