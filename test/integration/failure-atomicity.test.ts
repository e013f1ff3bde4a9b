import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { documentClient, s3Client } from "../../shared/aws/clients";
import type { ApiClient } from "../support/api-client";
import { minimalPdf } from "../support/fixtures";
import { startTestPortal, type TestPortal } from "../support/test-portal";
import { postForm, startUpload, uploadFile, waitForProcessed } from "../files/upload-steps";

/**
 * Storage and database failures in the middle of an operation. The API and
 * the file processor run in this process, so a middleware on the shared SDK
 * clients can make one kind of call fail the way an outage would.
 */

let portal: TestPortal;
let staff: ApiClient;
let client: ApiClient;
let workspaceId: string;
const removeFaults: Array<() => void> = [];

/** The part of an SDK client's middleware stack these tests use. */
interface FaultableStack {
  add(middleware: unknown, options: { step: "initialize"; name: string }): void;
  remove(name: string): boolean;
}

type Handler = (args: unknown) => Promise<unknown>;

function failCommand(target: "dynamodb" | "s3", commandName: string): void {
  const stack = (target === "dynamodb" ? documentClient().middlewareStack : s3Client().middlewareStack) as unknown as FaultableStack;
  const name = `fault-${commandName}-${removeFaults.length}`;
  stack.add(
    (next: Handler, context: { commandName?: string }) => async (args: unknown) => {
      if (context.commandName === commandName) throw Object.assign(new Error("Service unavailable"), { name: "ServiceUnavailable", $fault: "server" });
      return next(args);
    },
    { step: "initialize", name },
  );
  removeFaults.push(() => stack.remove(name));
}

beforeAll(async () => {
  portal = await startTestPortal();
  staff = await portal.createStaff("ops@firm.example");
  const workspace = await staff.post("/workspaces", { name: "Outage drill", clientName: "Tailspin Toys" });
  workspaceId = workspace.body.workspaceId;
  client = await portal.inviteClient(staff, workspaceId, "books@tailspin.example");
});

afterEach(() => {
  while (removeFaults.length > 0) removeFaults.pop()!();
});

afterAll(async () => {
  await portal?.close();
});

async function auditActionsFor(targetId: string): Promise<string[]> {
  const audit = await staff.get(`/workspaces/${workspaceId}/audit?limit=100`);
  return audit.body.items.filter((event: any) => event.target.id === targetId).map((event: any) => event.action);
}

describe("failure mid-operation", () => {
  it("leaves a request open when its submit transaction fails", async () => {
    const created = await staff.post(`/workspaces/${workspaceId}/requests`, { title: "Bank statements" });
    const requestId = created.body.requestId;
    await uploadFile(client, { workspaceId, requestId }, { fileName: "statement.pdf", contentType: "application/pdf", bytes: minimalPdf() });

    failCommand("dynamodb", "TransactWriteItemsCommand");
    const submitted = await client.post(`/workspaces/${workspaceId}/requests/${requestId}/submit`);
    removeFaults.pop()!();

    expect(submitted.status).toBe(500);
    expect(JSON.stringify(submitted.body)).not.toMatch(/ServiceUnavailable|Transact|DynamoDB/);
    const stored = await client.get(`/workspaces/${workspaceId}/requests/${requestId}`);
    expect(stored.body.status).toBe("open");
    expect(await auditActionsFor(requestId)).not.toContain("request.submitted");
  });

  it("keeps a file out of the vault listing when the vault copy fails", async () => {
    const created = await staff.post(`/workspaces/${workspaceId}/requests`, { title: "Payroll" });
    const requestId = created.body.requestId;
    const file = { fileName: "payroll.pdf", contentType: "application/pdf", bytes: minimalPdf("payroll") };
    const upload = await startUpload(client, { workspaceId, requestId }, file);

    failCommand("s3", "CopyObjectCommand");
    expect(await postForm(upload, file.bytes, file.fileName)).toBe(204);
    await portal.whenIdle();

    const stored = await client.get(`/workspaces/${workspaceId}/files/${upload.fileId}`);
    expect(stored.body.status).toBe("processing");
    const download = await client.get(`/workspaces/${workspaceId}/files/${upload.fileId}/download`);
    expect(download.status).toBe(409);
    expect(await auditActionsFor(upload.fileId)).not.toContain("file.available");
    const request = await client.get(`/workspaces/${workspaceId}/requests/${requestId}`);
    expect(request.body.availableFileCount).toBe(0);
  });

  it("serves again once the fault is gone", async () => {
    const created = await staff.post(`/workspaces/${workspaceId}/requests`, { title: "Trial balance" });
    const { file } = await uploadFile(client, { workspaceId, requestId: created.body.requestId }, {
      fileName: "tb.pdf",
      contentType: "application/pdf",
      bytes: minimalPdf("tb"),
    });
    expect(file.status).toBe("available");
    expect((await waitForProcessed(client, workspaceId, file.fileId)).status).toBe("available");
  });
});
