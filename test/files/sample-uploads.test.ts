import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiClient } from "../support/api-client";
import { startTestPortal, type TestPortal } from "../support/test-portal";
import { downloadFile, extendedFileName, sha256Of, uploadFile, type UploadTarget } from "./upload-steps";

/**
 * Uploads and downloads every real client file in the sample folder that sits
 * beside the repository in CI. A clone without that folder skips the suite.
 */
const SAMPLES_DIR = fileURLToPath(new URL("../../../shared/samples/client-uploads", import.meta.url));
const samplesPresent = existsSync(SAMPLES_DIR);

if (!samplesPresent) {
  console.log(`Sample uploads not found at ${SAMPLES_DIR}; the sample upload suite is skipped.`);
}

/** The type a browser reports for each sample. Browsers may report none for HEIC, which the web app then sends as application/octet-stream. */
const BROWSER_TYPES: Record<string, string> = {
  ".pdf": "application/pdf",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".zip": "application/zip",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
};

describe.skipIf(!samplesPresent)("sample client uploads", () => {
  let portal: TestPortal;
  let client: ApiClient;
  let staff: ApiClient;
  let target: UploadTarget;
  let fileNames: string[] = [];

  beforeAll(async () => {
    fileNames = (await readdir(SAMPLES_DIR)).sort();
    portal = await startTestPortal();
    staff = await portal.createStaff("samples@firm.example");
    const workspace = await staff.post("/workspaces", { name: "Sample uploads", clientName: "Sample Client" });
    client = await portal.inviteClient(staff, workspace.body.workspaceId, "client@sample.example");
    const request = await staff.post(`/workspaces/${workspace.body.workspaceId}/requests`, { title: "Sample documents" });
    target = { workspaceId: workspace.body.workspaceId, requestId: request.body.requestId };
  });

  afterAll(async () => {
    await portal?.close();
  });

  it("finds the samples", () => {
    expect(fileNames.length).toBeGreaterThan(0);
  });

  it("round-trips every sample", async () => {
    for (const fileName of fileNames) {
      const bytes = await readFile(path.join(SAMPLES_DIR, fileName));
      const contentType = BROWSER_TYPES[path.extname(fileName).toLowerCase()] ?? "application/octet-stream";
      const { file } = await uploadFile(client, target, { fileName, contentType, bytes });
      expect(file.status, `${fileName}: ${file.rejectionReason}`).toBe("available");
      expect(file.sha256).toBe(sha256Of(bytes));

      const download = await downloadFile(staff, target.workspaceId, file.fileId);
      expect(download.bytes.equals(bytes), `${fileName} differs after download`).toBe(true);
      expect(extendedFileName(download.contentDisposition)).toBe(fileName);
    }
  });
});
