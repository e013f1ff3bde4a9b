import type { S3Event } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { processObjectCreatedEvent } from "../../shared/files/process-object";
import { quarantineKey } from "../../shared/files/object-keys";
import { createLogger } from "../../shared/logger";
import { loadConfig } from "../../shared/config";
import type { ApiClient } from "../support/api-client";
import { acceptedFixtureFiles, disguisedExecutable, minimalPdf, type FixtureFile } from "../support/fixtures";
import { startTestPortal, type TestPortal } from "../support/test-portal";
import {
  downloadFile,
  extendedFileName,
  postForm,
  sha256Of,
  startUpload as startUploadAs,
  uploadFile as uploadAs,
  waitForProcessed as waitForProcessedAs,
  type UploadOverrides,
  type UploadTarget,
} from "./upload-steps";

let portal: TestPortal;
let staff: ApiClient;
let client: ApiClient;
let otherClient: ApiClient;
let workspaceId: string;
let requestId: string;

const target = (): UploadTarget => ({ workspaceId, requestId });

function uploadFile(file: FixtureFile, overrides: UploadOverrides = {}) {
  return uploadAs(client, target(), file, overrides);
}

function startUpload(as: ApiClient, file: FixtureFile) {
  return startUploadAs(as, target(), file);
}

function waitForProcessed(fileId: string) {
  return waitForProcessedAs(client, workspaceId, fileId);
}

async function auditActions(): Promise<{ action: string; target: { id: string } }[]> {
  const page = await staff.get(`/workspaces/${workspaceId}/audit?limit=100`);
  return page.body.items;
}

beforeAll(async () => {
  portal = await startTestPortal();
  staff = await portal.createStaff("preparer@firm.example");
  const workspace = await staff.post("/workspaces", { name: "Year-end 2025", clientName: "Müller & Söhne GmbH" });
  workspaceId = workspace.body.workspaceId;
  client = await portal.inviteClient(staff, workspaceId, "buchhaltung@mueller.example");
  const request = await staff.post(`/workspaces/${workspaceId}/requests`, {
    title: "Year-end documents",
    assignee: "buchhaltung@mueller.example",
  });
  requestId = request.body.requestId;

  const other = await staff.post("/workspaces", { name: "Contoso tax", clientName: "Contoso Dental" });
  otherClient = await portal.inviteClient(staff, other.body.workspaceId, "owner@contoso.example");
});

afterAll(async () => {
  await portal?.close();
});

describe("upload and download", () => {
  for (const fixture of acceptedFixtureFiles()) {
    it(`round-trips ${fixture.fileName}`, async () => {
      const { file } = await uploadFile(fixture);
      expect(file.status).toBe("available");
      expect(file.fileName).toBe(fixture.fileName);
      expect(file.sha256).toBe(sha256Of(fixture.bytes));
      expect(file.size).toBe(fixture.bytes.length);

      const download = await downloadFile(staff, workspaceId, file.fileId);
      expect(Date.parse(download.expiresAt)).toBeGreaterThan(Date.now());
      expect(download.bytes).toEqual(fixture.bytes);
      expect(download.contentType).toBe(file.detectedType);
      expect(download.contentDisposition).toMatch(/^attachment; filename="/);
      expect(extendedFileName(download.contentDisposition)).toBe(fixture.fileName);
    });
  }

  it("records detected and declared type", async () => {
    const heic = acceptedFixtureFiles().find((fixture) => fixture.fileName.endsWith(".heic"))!;
    const { file } = await uploadFile(heic);
    expect(file.contentType).toBe("application/octet-stream");
    expect(file.detectedType).toBe("image/heic");
  });

  it("counts available files on the request", async () => {
    const before = await staff.get(`/workspaces/${workspaceId}/requests/${requestId}`);
    await uploadFile({ fileName: "count.pdf", contentType: "application/pdf", bytes: minimalPdf("count") });
    const after = await staff.get(`/workspaces/${workspaceId}/requests/${requestId}`);
    expect(after.body.availableFileCount).toBe(before.body.availableFileCount + 1);
  });

  it("audits each step", async () => {
    const { file } = await uploadFile({ fileName: "audited.pdf", contentType: "application/pdf", bytes: minimalPdf("audit") });
    await staff.get(`/workspaces/${workspaceId}/files/${file.fileId}/download`);
    const actions = (await auditActions()).filter((event) => event.target.id === file.fileId).map((event) => event.action);
    expect(actions.sort()).toEqual(["file.available", "file.downloaded", "file.uploaded", "upload.started"]);
  });

  it("lists a request's files", async () => {
    const { file } = await uploadFile({ fileName: "listed.pdf", contentType: "application/pdf", bytes: minimalPdf("listed") });
    const byRequest = await client.get(`/workspaces/${workspaceId}/files?requestId=${requestId}&limit=100`);
    expect(byRequest.status).toBe(200);
    expect(byRequest.body.items.map((item: any) => item.fileId)).toContain(file.fileId);
    const byWorkspace = await client.get(`/workspaces/${workspaceId}/files?limit=100`);
    expect(byWorkspace.body.items.map((item: any) => item.fileId)).toContain(file.fileId);
    expect(byWorkspace.body.items[0]).not.toHaveProperty("quarantineKey");
    expect(byWorkspace.body.items[0]).not.toHaveProperty("vaultKey");
  });

  it("lists an unknown request as empty", async () => {
    const listed = await client.get(`/workspaces/${workspaceId}/files?requestId=NOSUCHREQUEST`);
    expect(listed.body.items).toEqual([]);
  });

  it("pages through files", async () => {
    const first = await client.get(`/workspaces/${workspaceId}/files?limit=1`);
    expect(first.body.items).toHaveLength(1);
    expect(first.body.nextToken).toBeDefined();
    const second = await client.get(`/workspaces/${workspaceId}/files?limit=1&nextToken=${encodeURIComponent(first.body.nextToken)}`);
    expect(second.body.items[0].fileId).not.toBe(first.body.items[0].fileId);
  });
});

describe("rejected uploads", () => {
  it("rejects bytes that differ from the checksum", async () => {
    const pdf = minimalPdf("declared");
    const { file } = await uploadFile({ fileName: "tampered.pdf", contentType: "application/pdf", bytes: pdf }, { declaredSha256: sha256Of(minimalPdf("other")) });
    expect(file.status).toBe("rejected");
    expect(file.rejectionReason).toBe("The file's contents do not match the checksum sent when the upload started; upload it again");
  });

  it("rejects bytes of another size", async () => {
    const declared = minimalPdf("declared");
    const posted = Buffer.concat([declared, Buffer.from("extra bytes")]);
    const { file } = await uploadFile({ fileName: "longer.pdf", contentType: "application/pdf", bytes: declared }, { postedBytes: posted });
    expect(file.status).toBe("rejected");
    expect(file.rejectionReason).toMatch(`received ${posted.length} bytes but the upload declared ${declared.length} bytes`);
  });

  it("rejects a disguised executable", async () => {
    const { file } = await uploadFile(disguisedExecutable());
    expect(file.status).toBe("rejected");
    expect(file.rejectionReason).toMatch(/^The file is a Windows executable, not a document/);
  });

  it("audits the rejection", async () => {
    const { file } = await uploadFile(disguisedExecutable());
    const events = (await auditActions()).filter((event) => event.target.id === file.fileId);
    expect(events.map((event) => event.action)).toContain("file.rejected");
  });

  it("refuses to download a rejected file", async () => {
    const { file } = await uploadFile(disguisedExecutable());
    const download = await staff.get(`/workspaces/${workspaceId}/files/${file.fileId}/download`);
    expect(download.status).toBe(409);
    expect(download.body.error.message).toMatch(/was rejected/);
  });

  it("removes the quarantined object", async () => {
    const { file } = await uploadFile(disguisedExecutable());
    const listing = await fetch(`${process.env.HUBSECURE_S3_ENDPOINT}/${loadConfig().quarantineBucket}?list-type=2&prefix=${encodeURIComponent(quarantineKey(workspaceId, file.fileId))}`);
    expect(await listing.text()).toContain("<KeyCount>0</KeyCount>");
  });
});

describe("createUpload", () => {
  const pdf = minimalPdf();
  const body = { fileName: "statement.pdf", contentType: "application/pdf", size: pdf.length, sha256: sha256Of(pdf) };

  it("rejects a file over the limit", async () => {
    const response = await client.post(`/workspaces/${workspaceId}/requests/${requestId}/uploads`, { ...body, size: 300 * 1024 * 1024 });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/^size: /);
  });

  it("rejects a program's file name", async () => {
    const response = await client.post(`/workspaces/${workspaceId}/requests/${requestId}/uploads`, { ...body, fileName: "setup.exe" });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/^fileName: .*\.exe/);
  });

  it("rejects a bad checksum", async () => {
    const response = await client.post(`/workspaces/${workspaceId}/requests/${requestId}/uploads`, { ...body, sha256: "xyz" });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/sha256/);
  });

  it("signs a form bound to one key and size", async () => {
    const upload = await startUpload(client, { fileName: "Tax return 2025.pdf", contentType: "application/pdf", bytes: pdf });
    expect(upload.fields.key).toBe(quarantineKey(workspaceId, upload.fileId));
    expect(upload.fields.key).not.toContain("Tax");
    const policy = JSON.parse(Buffer.from(upload.fields.Policy!, "base64").toString("utf8"));
    expect(policy.conditions).toContainEqual(["content-length-range", pdf.length, pdf.length]);
    expect(policy.conditions).toContainEqual({ "Content-Type": "application/pdf" });
    expect(policy.conditions).toContainEqual({ key: upload.fields.key });
  });

  it("rejects a request that no longer takes files", async () => {
    const request = await staff.post(`/workspaces/${workspaceId}/requests`, { title: "Cancelled item" });
    await staff.post(`/workspaces/${workspaceId}/requests/${request.body.requestId}/cancel`, {});
    const response = await client.post(`/workspaces/${workspaceId}/requests/${request.body.requestId}/uploads`, body);
    expect(response.status).toBe(409);
    expect(response.body.error.message).toMatch(/is cancelled/);
  });

  it("is 404 for another organisation", async () => {
    const response = await otherClient.post(`/workspaces/${workspaceId}/requests/${requestId}/uploads`, body);
    expect(response.status).toBe(404);
  });
});

describe("completeUpload", () => {
  const pdf = minimalPdf("complete");
  const fixture = { fileName: "complete.pdf", contentType: "application/pdf", bytes: pdf };

  it("is 409 before the bytes arrive", async () => {
    const upload = await startUpload(client, fixture);
    const response = await client.post(`/workspaces/${workspaceId}/uploads/${upload.uploadId}/complete`);
    expect(response.status).toBe(409);
    expect(response.body.error.message).toBe("The file has not arrived in storage yet; finish the upload first");
  });

  it("is 404 for another member", async () => {
    const upload = await startUpload(client, fixture);
    await postForm(upload, pdf, fixture.fileName);
    const response = await staff.post(`/workspaces/${workspaceId}/uploads/${upload.uploadId}/complete`);
    expect(response.status).toBe(404);
  });

  it("is idempotent", async () => {
    const upload = await startUpload(client, fixture);
    await postForm(upload, pdf, fixture.fileName);
    const first = await client.post(`/workspaces/${workspaceId}/uploads/${upload.uploadId}/complete`);
    const second = await client.post(`/workspaces/${workspaceId}/uploads/${upload.uploadId}/complete`);
    expect(first.status).toBe(202);
    expect(second.status).toBe(202);
    expect(second.body.fileId).toBe(upload.fileId);
    await waitForProcessed(upload.fileId);
    const uploaded = (await auditActions()).filter((event) => event.target.id === upload.fileId && event.action === "file.uploaded");
    expect(uploaded).toHaveLength(1);
  });

  it("works after the processor finished", async () => {
    const upload = await startUpload(client, fixture);
    await postForm(upload, pdf, fixture.fileName);
    const processed = await waitForProcessed(upload.fileId);
    expect(processed.status).toBe("available");
    const completed = await client.post(`/workspaces/${workspaceId}/uploads/${upload.uploadId}/complete`);
    expect(completed.status).toBe(202);
    expect(completed.body.status).toBe("available");
  });
});

describe("processor", () => {
  function eventFor(key: string): S3Event {
    return {
      Records: [
        {
          eventVersion: "2.1",
          eventSource: "aws:s3",
          awsRegion: "us-east-1",
          eventTime: new Date().toISOString(),
          eventName: "ObjectCreated:Post",
          userIdentity: { principalId: "test" },
          requestParameters: { sourceIPAddress: "127.0.0.1" },
          responseElements: { "x-amz-request-id": "redelivery", "x-amz-id-2": "test" },
          s3: {
            s3SchemaVersion: "1.0",
            configurationId: "test",
            bucket: { name: loadConfig().quarantineBucket, ownerIdentity: { principalId: "test" }, arn: "arn:aws:s3:::test" },
            object: { key, size: 0, eTag: "", sequencer: "0" },
          },
        },
      ],
    };
  }

  it("ignores a redelivered event", async () => {
    const { file } = await uploadFile({ fileName: "redelivered.pdf", contentType: "application/pdf", bytes: minimalPdf("again") });
    const before = await staff.get(`/workspaces/${workspaceId}/requests/${requestId}`);
    await processObjectCreatedEvent(eventFor(quarantineKey(workspaceId, file.fileId)), createLogger());
    const after = await staff.get(`/workspaces/${workspaceId}/requests/${requestId}`);
    expect(after.body.availableFileCount).toBe(before.body.availableFileCount);
    const available = (await auditActions()).filter((event) => event.target.id === file.fileId && event.action === "file.available");
    expect(available).toHaveLength(1);
  });

  it("ignores keys outside quarantine", async () => {
    await expect(processObjectCreatedEvent(eventFor("other/place+with+spaces"), createLogger())).resolves.toBeUndefined();
  });
});

describe("downloads across organisations", () => {
  it("is 404 for another organisation", async () => {
    const { file } = await uploadFile({ fileName: "private.pdf", contentType: "application/pdf", bytes: minimalPdf("private") });
    const download = await otherClient.get(`/workspaces/${workspaceId}/files/${file.fileId}/download`);
    expect(download.status).toBe(404);
    const metadata = await otherClient.get(`/workspaces/${workspaceId}/files/${file.fileId}`);
    expect(metadata.status).toBe(404);
  });
});
