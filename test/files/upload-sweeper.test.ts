import { DeleteObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { s3Client } from "../../shared/aws/clients";
import { loadConfig } from "../../shared/config";
import { quarantineKey } from "../../shared/files/object-keys";
import { ABANDONED_UPLOAD_REASON, SWEEP_GRACE_AFTER_FORM_LIFETIME_MS } from "../../shared/files/sweep-abandoned";
import { newId } from "../../shared/ids";
import { getFileRecord, listProcessingFilesExpiredBefore, putNewFile, type FileRecord } from "../../shared/store/files";
import { transactWrite } from "../../shared/store/transact";
import type { ApiClient } from "../support/api-client";
import { disguisedExecutable, minimalPdf, type FixtureFile } from "../support/fixtures";
import { startTestPortal, type TestPortal } from "../support/test-portal";
import { startUpload, uploadFile, type UploadTarget } from "./upload-steps";

let portal: TestPortal;
let staff: ApiClient;
let client: ApiClient;
let target: UploadTarget;

const pdf = (name: string): FixtureFile => ({ fileName: `${name}.pdf`, contentType: "application/pdf", bytes: minimalPdf(name) });

/** Returns the last time at which a form that expires at `expiresAt` is still within its grace period. */
function graceEnd(expiresAt: string): Date {
  const formLifetimeMs = loadConfig().uploadUrlTtlSeconds * 1000;
  return new Date(Date.parse(expiresAt) + formLifetimeMs + SWEEP_GRACE_AFTER_FORM_LIFETIME_MS);
}

/** Returns a time at which a form that expires at `expiresAt` has passed its grace period. */
function afterGrace(expiresAt: string): Date {
  return new Date(graceEnd(expiresAt).getTime() + 1000);
}

async function processingIndexHas(fileId: string): Promise<boolean> {
  const page = await listProcessingFilesExpiredBefore("9999-12-31T23:59:59.999Z", 1000);
  return page.files.some((file) => file.fileId === fileId);
}

async function fileStatus(fileId: string): Promise<{ status: string; rejectionReason?: string }> {
  const response = await client.get(`/workspaces/${target.workspaceId}/files/${fileId}`);
  expect(response.status).toBe(200);
  return response.body;
}

async function rejectionEvents(fileId: string): Promise<any[]> {
  const page = await staff.get(`/workspaces/${target.workspaceId}/audit?limit=100`);
  return page.body.items.filter((event: any) => event.target.id === fileId && event.action === "file.rejected");
}

/**
 * Writes a `processing` file whose object sits in quarantine under a key the
 * processor does not handle, so the object stays there as one the processor
 * has not reached yet would.
 */
async function fileWithHeldObject(formExpiresAt: string): Promise<FileRecord> {
  const fileId = newId();
  const bytes = minimalPdf("held");
  const file: FileRecord = {
    fileId,
    workspaceId: target.workspaceId,
    requestId: target.requestId,
    uploadId: newId(),
    fileName: "held.pdf",
    contentType: "application/pdf",
    size: bytes.length,
    sha256: "0".repeat(64),
    status: "processing",
    uploadedBy: { userId: "uploader", email: "uploader@example.com" },
    createdAt: formExpiresAt,
    updatedAt: formExpiresAt,
    quarantineKey: `${quarantineKey(target.workspaceId, fileId)}/held`,
    formExpiresAt,
    version: 1,
  };
  await transactWrite([putNewFile(file)], { default: "test file exists" });
  await s3Client().send(
    new PutObjectCommand({ Bucket: loadConfig().quarantineBucket, Key: file.quarantineKey, Body: bytes }),
  );
  await portal.whenIdle();
  return file;
}

beforeAll(async () => {
  portal = await startTestPortal();
  staff = await portal.createStaff("sweeper-staff@firm.example");
  const workspace = await staff.post("/workspaces", { name: "Sweeper", clientName: "Abandoned Uploads Ltd" });
  client = await portal.inviteClient(staff, workspace.body.workspaceId, "client@abandoned.example");
  const request = await staff.post(`/workspaces/${workspace.body.workspaceId}/requests`, {
    title: "Bank statements",
    assignee: "client@abandoned.example",
  });
  target = { workspaceId: workspace.body.workspaceId, requestId: request.body.requestId };
});

afterAll(async () => {
  await portal?.close();
});

describe("upload sweeper", () => {
  it("rejects an expired upload without bytes", async () => {
    const upload = await startUpload(client, target, pdf("abandoned"));
    const result = await portal.sweepNow({ now: afterGrace(upload.expiresAt) });
    expect(result.rejected).toBeGreaterThanOrEqual(1);
    expect(result.failed).toBe(0);

    const file = await fileStatus(upload.fileId);
    expect(file.status).toBe("rejected");
    expect(file.rejectionReason).toBe(ABANDONED_UPLOAD_REASON);

    const events = await rejectionEvents(upload.fileId);
    expect(events).toHaveLength(1);
    expect(events[0].actor.userId).toBe("system");
    expect(events[0].details.reason).toBe(ABANDONED_UPLOAD_REASON);
    expect(events[0].details.uploadId).toBe(upload.uploadId);
    expect(await processingIndexHas(upload.fileId)).toBe(false);
  });

  it("waits out the grace period", async () => {
    const upload = await startUpload(client, target, pdf("slow"));
    await portal.sweepNow({ now: new Date(Date.parse(upload.expiresAt) + 60_000) });
    expect((await fileStatus(upload.fileId)).status).toBe("processing");
    await portal.sweepNow({ now: graceEnd(upload.expiresAt) });
    expect((await fileStatus(upload.fileId)).status).toBe("processing");
    expect(await processingIndexHas(upload.fileId)).toBe(true);
  });

  it("is idempotent", async () => {
    const upload = await startUpload(client, target, pdf("twice"));
    await portal.sweepNow({ now: afterGrace(upload.expiresAt) });
    const file = await getFileRecord(target.workspaceId, upload.fileId);
    await portal.sweepNow({ now: afterGrace(upload.expiresAt) });
    expect(await getFileRecord(target.workspaceId, upload.fileId)).toEqual(file);
    expect(await rejectionEvents(upload.fileId)).toHaveLength(1);
  });

  it("leaves a file whose object exists", async () => {
    const file = await fileWithHeldObject(new Date().toISOString());
    const now = afterGrace(file.formExpiresAt!);
    const result = await portal.sweepNow({ now });
    expect(result.leftForProcessor).toBeGreaterThanOrEqual(1);
    const stored = await getFileRecord(file.workspaceId, file.fileId);
    expect(stored?.status).toBe("processing");
    expect(stored?.version).toBe(1);
    expect(await processingIndexHas(file.fileId)).toBe(true);

    // Once the quarantine lifecycle rule has removed the object, the next run rejects the file.
    await s3Client().send(new DeleteObjectCommand({ Bucket: loadConfig().quarantineBucket, Key: file.quarantineKey }));
    await portal.sweepNow({ now });
    expect((await getFileRecord(file.workspaceId, file.fileId))?.status).toBe("rejected");
  });

  it("bounds the files per run", async () => {
    const first = await startUpload(client, target, pdf("bounded-1"));
    const second = await startUpload(client, target, pdf("bounded-2"));
    expect(Date.parse(second.expiresAt)).toBeGreaterThan(Date.parse(first.expiresAt));
    // Sweeps the files of earlier tests, so that `first` is the oldest candidate.
    await portal.sweepNow({ now: graceEnd(first.expiresAt) });

    const result = await portal.sweepNow({ now: afterGrace(second.expiresAt), maxFiles: 1 });
    expect(result.examined).toBe(1);
    expect(result.more).toBe(true);
    expect((await fileStatus(first.fileId)).status).toBe("rejected");
    expect((await fileStatus(second.fileId)).status).toBe("processing");
  });
});

describe("processing index", () => {
  it("lists a started upload", async () => {
    const upload = await startUpload(client, target, pdf("started"));
    expect(await processingIndexHas(upload.fileId)).toBe(true);
  });

  it("drops an available file", async () => {
    const { file } = await uploadFile(client, target, pdf("verified"));
    expect(file.status).toBe("available");
    expect(await processingIndexHas(file.fileId)).toBe(false);
  });

  it("drops a rejected file", async () => {
    const { file } = await uploadFile(client, target, disguisedExecutable());
    expect(file.status).toBe("rejected");
    expect(await processingIndexHas(file.fileId)).toBe(false);
  });

  it("excludes forms not yet expired", async () => {
    const upload = await startUpload(client, target, pdf("fresh"));
    const page = await listProcessingFilesExpiredBefore(upload.expiresAt, 1000);
    expect(page.files.map((file) => file.fileId)).not.toContain(upload.fileId);
  });
});
