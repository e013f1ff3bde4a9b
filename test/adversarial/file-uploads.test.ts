import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { quarantineKey } from "../../shared/files/object-keys";
import { quarantineObjectExists } from "../../shared/files/storage";
import { disguisedExecutable, minimalPdf, tinyPng } from "../support/fixtures";
import {
  downloadFile,
  extendedFileName,
  postForm,
  sha256Of,
  startUpload,
  uploadFile,
  waitForProcessed,
  type UploadTarget,
} from "../files/upload-steps";
import { expectInputError, startEngagement, type Engagement } from "./engagement";

let world: Engagement;
let target: UploadTarget;

beforeAll(async () => {
  world = await startEngagement();
  const created = await world.staff.post(`/workspaces/${world.workspaceId}/requests`, { title: "Year-end documents" });
  target = { workspaceId: world.workspaceId, requestId: created.body.requestId };
});

afterAll(async () => {
  await world?.portal.close();
});

/** Polls until the processor has removed the quarantined object; fails after about ten seconds. */
async function waitForQuarantineEmpty(fileId: string): Promise<void> {
  const key = quarantineKey(world.workspaceId, fileId);
  for (let attempt = 0; attempt < 200; attempt++) {
    if (!(await quarantineObjectExists(key))) return;
    await sleep(50);
  }
  throw new Error(`quarantine object ${key} was never removed`);
}

const ODD_NAMES = [
  "Bank statement – January 2026.pdf",
  "Form W-9 (signed).pdf",
  "Engagement letter – Müller & Söhne.docx",
  'He said "final".pdf',
  "a;b; filename=evil.exe.pdf",
  "100%25 done.pdf",
  "Rechnung Nr. 5 – Größe ß.pdf",
  "e\u0301\u0301 combining.pdf",
  `${"🧾".repeat(60)}.pdf`,
  `${"x".repeat(251)}.pdf`,
  "  spaced  .pdf",
  "résumé.PDF",
];

describe("download names", () => {
  it.each(ODD_NAMES)("round-trips %s", async (fileName) => {
    const bytes = minimalPdf(fileName.slice(0, 20));
    const { file } = await uploadFile(world.client, target, { fileName, contentType: "application/pdf", bytes });
    expect(file.status).toBe("available");
    expect(file.fileName).toBe(fileName);
    const download = await downloadFile(world.staff, world.workspaceId, file.fileId);
    expect(download.bytes.equals(bytes)).toBe(true);
    expect(download.contentDisposition).toMatch(/^attachment; filename="[\x20-\x7e]*"; filename\*=UTF-8''/);
    expect(extendedFileName(download.contentDisposition)).toBe(fileName);
  });

  it("keeps quotes and semicolons out of the ASCII name", async () => {
    const fileName = 'He said "x"; filename=evil.exe.pdf';
    const bytes = minimalPdf("quotes");
    const { file } = await uploadFile(world.client, target, { fileName, contentType: "application/pdf", bytes });
    const download = await downloadFile(world.staff, world.workspaceId, file.fileId);
    const asciiName = /filename="([^"]*)"/.exec(download.contentDisposition)![1]!;
    expect(asciiName).not.toContain('"');
    expect(download.contentDisposition.match(/filename\*=/g)).toHaveLength(1);
  });
});

describe("bytes that differ from the declaration", () => {
  it("rejects a file larger than declared", async () => {
    const declared = minimalPdf("declared");
    const { file } = await uploadFile(world.client, target, { fileName: "bigger.pdf", contentType: "application/pdf", bytes: declared }, {
      postedBytes: Buffer.concat([declared, Buffer.from("appended")]),
    });
    expect(file.status).toBe("rejected");
    expect(file.rejectionReason).toContain("bytes");
  });

  it("rejects zero bytes posted for a declared file", async () => {
    const { file } = await uploadFile(world.client, target, { fileName: "empty.pdf", contentType: "application/pdf", bytes: minimalPdf("x") }, {
      postedBytes: Buffer.alloc(0),
    });
    expect(file.status).toBe("rejected");
    expect(file.rejectionReason).toContain("received 0 bytes");
  });

  it("rejects a declared zero-byte file", async () => {
    const response = await world.client.post(`/workspaces/${world.workspaceId}/requests/${target.requestId}/uploads`, {
      fileName: "empty.pdf",
      contentType: "application/pdf",
      size: 0,
      sha256: sha256Of(Buffer.alloc(0)),
    });
    expectInputError(response, 400, "size");
  });

  it("rejects an executable declared as a PDF", async () => {
    const exe = disguisedExecutable();
    const { file } = await uploadFile(world.client, target, { ...exe, fileName: "invoice.pdf", contentType: "application/pdf" });
    expect(file.status).toBe("rejected");
    expect(file.rejectionReason).toContain("executable");
  });

  it("serves the sniffed type, not the posted one", async () => {
    const png = tinyPng();
    const upload = await startUpload(world.client, target, { fileName: "scan.pdf", contentType: "application/pdf", bytes: png });
    expect(await postForm({ url: upload.url, fields: { ...upload.fields, "Content-Type": "text/html" } }, png, "scan.pdf")).toBe(204);
    const file = await waitForProcessed(world.client, world.workspaceId, upload.fileId);
    expect(file).toMatchObject({ status: "available", detectedType: "image/png", contentType: "application/pdf" });
    const download = await downloadFile(world.staff, world.workspaceId, upload.fileId);
    expect(download.contentType).toBe("image/png");
    expect(download.bytes.equals(png)).toBe(true);
  });
});

describe("upload order", () => {
  it("completeUpload is 409 before the bytes", async () => {
    const upload = await startUpload(world.client, target, { fileName: "early.pdf", contentType: "application/pdf", bytes: minimalPdf("early") });
    const completed = await world.client.post(`/workspaces/${world.workspaceId}/uploads/${upload.uploadId}/complete`);
    expect(completed.status).toBe(409);
    expect(completed.body.error.message).toContain("not arrived");
  });

  it("download of a processing file is 409", async () => {
    const upload = await startUpload(world.client, target, { fileName: "pending.pdf", contentType: "application/pdf", bytes: minimalPdf("pending") });
    const download = await world.staff.get(`/workspaces/${world.workspaceId}/files/${upload.fileId}/download`);
    expect(download.status).toBe(409);
    expect(download.body.error.message).toContain("processing");
  });

  it("download of a rejected file is 409", async () => {
    const { file } = await uploadFile(world.client, target, { fileName: "tampered.pdf", contentType: "application/pdf", bytes: minimalPdf("a") }, {
      postedBytes: minimalPdf("b"),
    });
    const download = await world.staff.get(`/workspaces/${world.workspaceId}/files/${file.fileId}/download`);
    expect(download.status).toBe(409);
    expect(download.body.error.message).toContain("rejected");
  });

  it("ignores a second post after processing", async () => {
    const bytes = minimalPdf("original");
    const { upload, file } = await uploadFile(world.client, target, { fileName: "original.pdf", contentType: "application/pdf", bytes });
    expect(await postForm(upload, minimalPdf("replacement"), "original.pdf")).toBe(204);
    await waitForQuarantineEmpty(upload.fileId);
    const after = await world.client.get(`/workspaces/${world.workspaceId}/files/${upload.fileId}`);
    expect(after.body).toMatchObject({ status: "available", version: file.version, sha256: file.sha256 });
    const download = await downloadFile(world.staff, world.workspaceId, upload.fileId);
    expect(download.bytes.equals(bytes)).toBe(true);
  });

  it("ignores a second post after a rejection", async () => {
    const declared = minimalPdf("declared");
    const { upload, file } = await uploadFile(world.client, target, { fileName: "retry.pdf", contentType: "application/pdf", bytes: declared }, {
      postedBytes: minimalPdf("wrong"),
    });
    expect(file.status).toBe("rejected");
    expect(await postForm(upload, declared, "retry.pdf")).toBe(204);
    await waitForQuarantineEmpty(upload.fileId);
    const after = await world.client.get(`/workspaces/${world.workspaceId}/files/${upload.fileId}`);
    expect(after.body).toMatchObject({ status: "rejected", version: file.version });
  });

  it("createUpload on an accepted request is 409", async () => {
    const created = await world.staff.post(`/workspaces/${world.workspaceId}/requests`, { title: "Closed request" });
    const requestId = created.body.requestId as string;
    await uploadFile(world.client, { workspaceId: world.workspaceId, requestId }, { fileName: "a.pdf", contentType: "application/pdf", bytes: minimalPdf() });
    await world.client.post(`/workspaces/${world.workspaceId}/requests/${requestId}/submit`);
    await world.staff.post(`/workspaces/${world.workspaceId}/requests/${requestId}/review`, { decision: "accept" });
    const response = await world.client.post(`/workspaces/${world.workspaceId}/requests/${requestId}/uploads`, {
      fileName: "late.pdf",
      contentType: "application/pdf",
      size: 10,
      sha256: "a".repeat(64),
    });
    expect(response.status).toBe(409);
    expect(response.body.error.message).toContain("accepted");
  });
});
