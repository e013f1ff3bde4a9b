import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { minimalPdf } from "../support/fixtures";
import { postForm, startUpload, uploadFile, waitForProcessed } from "../files/upload-steps";
import { requestWithFile, startEngagement, type Engagement } from "./engagement";

let world: Engagement;

beforeAll(async () => {
  world = await startEngagement();
});

afterAll(async () => {
  await world?.portal.close();
});

function requestPath(requestId: string, action = ""): string {
  return `/workspaces/${world.workspaceId}/requests/${requestId}${action}`;
}

async function getRequest(requestId: string): Promise<any> {
  const response = await world.staff.get(requestPath(requestId));
  expect(response.status).toBe(200);
  return response.body;
}

async function submitAndReturn(requestId: string, reason = "The statement for March is missing"): Promise<void> {
  const submitted = await world.client.post(requestPath(requestId, "/submit"));
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
  const returned = await world.staff.post(requestPath(requestId, "/review"), { decision: "return", reason });
  expect(returned.status, JSON.stringify(returned.body)).toBe(200);
}

function pdf(name: string) {
  return { fileName: `${name}.pdf`, contentType: "application/pdf", bytes: minimalPdf(name) };
}

/** Available files of a request, counted from the file list rather than the request's counter. */
async function availableFiles(requestId: string): Promise<number> {
  const files = await world.staff.get(`/workspaces/${world.workspaceId}/files?requestId=${requestId}&limit=100`);
  return files.body.items.filter((file: any) => file.status === "available").length;
}

async function auditFor(targetId: string): Promise<any[]> {
  const audit = await world.staff.get(`/workspaces/${world.workspaceId}/audit?limit=100`);
  return audit.body.items.filter((event: any) => event.target.id === targetId).reverse();
}

describe("resubmitting a returned request", () => {
  it("needs a new file", async () => {
    const requestId = await requestWithFile(world, "Bank statements");
    await submitAndReturn(requestId);
    const client = await world.client.get(requestPath(requestId));
    expect(client.body).toMatchObject({ status: "returned", returnReason: "The statement for March is missing" });

    const resubmitted = await world.client.post(requestPath(requestId, "/submit"));
    expect(resubmitted.status).toBe(409);
    expect(resubmitted.body.error.message).toContain("new file");
    expect((await getRequest(requestId)).status).toBe("returned");
  });

  it("does not count a rejected file", async () => {
    const requestId = await requestWithFile(world, "Payroll summary");
    await submitAndReturn(requestId);
    const { file } = await uploadFile(world.client, { workspaceId: world.workspaceId, requestId }, pdf("tampered"), {
      postedBytes: minimalPdf("something else"),
    });
    expect(file.status).toBe("rejected");

    const resubmitted = await world.client.post(requestPath(requestId, "/submit"));
    expect(resubmitted.status).toBe(409);
    const request = await getRequest(requestId);
    expect(request).toMatchObject({ status: "returned", availableFileCount: 1, filesSinceReturn: 0 });
  });

  it("accepts a new available file", async () => {
    const requestId = await requestWithFile(world, "Loan agreement");
    await submitAndReturn(requestId);
    await uploadFile(world.client, { workspaceId: world.workspaceId, requestId }, pdf("signed copy"));

    const resubmitted = await world.client.post(requestPath(requestId, "/submit"));
    expect(resubmitted.status, JSON.stringify(resubmitted.body)).toBe(200);
    expect(resubmitted.body).toMatchObject({ status: "submitted", availableFileCount: 2 });
  });

  it("needs another file after a second return", async () => {
    const requestId = await requestWithFile(world, "Fixed assets");
    await submitAndReturn(requestId, "First reason");
    await uploadFile(world.client, { workspaceId: world.workspaceId, requestId }, pdf("second try"));
    await submitAndReturn(requestId, "Second reason");

    expect((await world.client.post(requestPath(requestId, "/submit"))).status).toBe(409);
    expect((await world.client.get(requestPath(requestId))).body.returnReason).toBe("Second reason");
    await uploadFile(world.client, { workspaceId: world.workspaceId, requestId }, pdf("third try"));
    expect((await world.client.post(requestPath(requestId, "/submit"))).status).toBe(200);
  });

  it("waits for a new file to finish processing", async () => {
    const requestId = await requestWithFile(world, "Share register");
    await submitAndReturn(requestId);
    // The form is never posted, so the file stays `processing`.
    await startUpload(world.client, { workspaceId: world.workspaceId, requestId }, pdf("pending"));
    expect((await world.client.post(requestPath(requestId, "/submit"))).status).toBe(409);
  });
});

describe("return racing an upload", () => {
  it("counts the file by when it became available", async () => {
    const requestId = await requestWithFile(world, "Race return");
    const late = pdf("late page");
    const upload = await startUpload(world.client, { workspaceId: world.workspaceId, requestId }, late);
    expect((await world.client.post(requestPath(requestId, "/submit"))).status).toBe(200);

    const [posted, returned] = await Promise.all([
      postForm(upload, late.bytes, late.fileName),
      world.staff.post(requestPath(requestId, "/review"), { decision: "return", reason: "Page 2 is missing" }),
    ]);
    expect(posted).toBe(204);
    expect(returned.status).toBe(200);
    const file = await waitForProcessed(world.client, world.workspaceId, upload.fileId);
    expect(file.status).toBe("available");

    const request = await getRequest(requestId);
    expect(request.status).toBe("returned");
    expect(request.availableFileCount).toBe(await availableFiles(requestId));

    const events = [...(await auditFor(requestId)), ...(await auditFor(upload.fileId))];
    const returnedAt = events.find((event) => event.action === "request.returned").at as string;
    const availableAt = events.find((event) => event.action === "file.available").at as string;
    const arrivedAfterReturn = availableAt >= returnedAt;
    expect(request.filesSinceReturn).toBe(arrivedAfterReturn ? 1 : 0);
    expect((await world.client.post(requestPath(requestId, "/submit"))).status).toBe(arrivedAfterReturn ? 200 : 409);
  });
});

describe("late files", () => {
  async function lateFileAfter(title: string, close: (requestId: string) => Promise<void>) {
    const requestId = await requestWithFile(world, title);
    const late = pdf(`${title} late`);
    const upload = await startUpload(world.client, { workspaceId: world.workspaceId, requestId }, late);
    await close(requestId);
    const closed = await getRequest(requestId);
    expect(await postForm(upload, late.bytes, late.fileName)).toBe(204);
    const file = await waitForProcessed(world.client, world.workspaceId, upload.fileId);
    return { requestId, closed, file, after: await getRequest(requestId) };
  }

  it("are rejected after acceptance", async () => {
    const { closed, file, after } = await lateFileAfter("Accepted", async (requestId) => {
      expect((await world.client.post(requestPath(requestId, "/submit"))).status).toBe(200);
      expect((await world.staff.post(requestPath(requestId, "/review"), { decision: "accept" })).status).toBe(200);
    });
    expect(file.status).toBe("rejected");
    expect(file.rejectionReason).toContain("was accepted before this file finished uploading");
    expect(after).toMatchObject({ status: "accepted", availableFileCount: closed.availableFileCount, version: closed.version });
  });

  it("are rejected after cancellation", async () => {
    const { requestId, closed, file, after } = await lateFileAfter("Cancelled", async (requestId) => {
      expect((await world.staff.post(requestPath(requestId, "/cancel"))).status).toBe(200);
    });
    expect(file.status).toBe("rejected");
    expect(file.rejectionReason).toContain("was cancelled before this file finished uploading");
    expect(after).toMatchObject({ status: "cancelled", availableFileCount: 1, version: closed.version });
    expect(await availableFiles(requestId)).toBe(1);

    const rejected = (await auditFor(file.fileId)).find((event) => event.action === "file.rejected");
    expect(rejected.details.reason).toBe(file.rejectionReason);
    expect(rejected.actor.userId).toBe("system");
    expect((await world.staff.get(`/workspaces/${world.workspaceId}/files/${file.fileId}/download`)).status).toBe(409);
  });

  it("join a submitted request", async () => {
    const { file, closed, after } = await lateFileAfter("Submitted", async (requestId) => {
      expect((await world.client.post(requestPath(requestId, "/submit"))).status).toBe(200);
    });
    expect(file.status).toBe("available");
    expect(after.status).toBe("submitted");
    expect(after.availableFileCount).toBe(closed.availableFileCount + 1);
  });
});
