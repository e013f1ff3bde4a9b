import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiResponse } from "../support/api-client";
import { minimalPdf } from "../support/fixtures";
import { postForm, startUpload, waitForProcessed } from "../files/upload-steps";
import { auditActionsFor, requestWithFile, startEngagement, type Engagement } from "./engagement";

let world: Engagement;

beforeAll(async () => {
  world = await startEngagement();
});

afterAll(async () => {
  await world?.portal.close();
});

function statuses(responses: ApiResponse[]): number[] {
  return responses.map((response) => response.status).sort((a, b) => a - b);
}

function requestPath(requestId: string, action = ""): string {
  return `/workspaces/${world.workspaceId}/requests/${requestId}${action}`;
}

/** Runs `count` calls at once and returns their responses. */
function race(count: number, call: (index: number) => Promise<ApiResponse>): Promise<ApiResponse[]> {
  return Promise.all(Array.from({ length: count }, (_, index) => call(index)));
}

describe("concurrent transitions", () => {
  it("lets one of 8 submits win", async () => {
    const requestId = await requestWithFile(world, "Concurrent submits");
    const responses = await race(8, (index) => (index % 2 ? world.client : world.colleague).post(requestPath(requestId, "/submit")));
    expect(statuses(responses)).toEqual([200, ...Array(7).fill(409)]);
    expect(await auditActionsFor(world, requestId)).toEqual(["request.created", "request.submitted"]);
  });

  it("lets one of 8 cancels win", async () => {
    const requestId = await requestWithFile(world, "Concurrent cancels");
    const responses = await race(8, (index) => (index % 2 ? world.staff : world.admin).post(requestPath(requestId, "/cancel")));
    expect(statuses(responses)).toEqual([200, ...Array(7).fill(409)]);
    expect(await auditActionsFor(world, requestId)).toEqual(["request.created", "request.cancelled"]);
  });

  it("lets one of mixed submits and cancels win", async () => {
    const requestId = await requestWithFile(world, "Submit against cancel");
    const responses = await race(8, (index) =>
      index % 2 ? world.client.post(requestPath(requestId, "/submit")) : world.staff.post(requestPath(requestId, "/cancel")),
    );
    expect(statuses(responses)).toEqual([200, ...Array(7).fill(409)]);
    const winner = responses.find((response) => response.status === 200)!.body.status as string;
    const stored = await world.staff.get(requestPath(requestId));
    expect(stored.body.status).toBe(winner);
    const actions = await auditActionsFor(world, requestId);
    expect(actions).toEqual(["request.created", winner === "submitted" ? "request.submitted" : "request.cancelled"]);
  });

  it("lets one of mixed accepts and returns win", async () => {
    const requestId = await requestWithFile(world, "Accept against return");
    expect((await world.client.post(requestPath(requestId, "/submit"))).status).toBe(200);
    const responses = await race(8, (index) =>
      world.staff.post(requestPath(requestId, "/review"), index % 2 ? { decision: "accept" } : { decision: "return", reason: `Reason ${index}` }),
    );
    expect(statuses(responses)).toEqual([200, ...Array(7).fill(409)]);
    const winner = responses.find((response) => response.status === 200)!.body;
    const stored = await world.staff.get(requestPath(requestId));
    expect(stored.body).toMatchObject({ status: winner.status, version: winner.version });
    if (winner.status === "returned") expect(stored.body.returnReason).toBe(winner.returnReason);
    const reviews = (await auditActionsFor(world, requestId)).filter((action) => action !== "request.created" && action !== "request.submitted");
    expect(reviews).toHaveLength(1);
  });

  it("names the conflict in every 409", async () => {
    const requestId = await requestWithFile(world, "Conflict messages");
    const responses = await race(4, () => world.client.post(requestPath(requestId, "/submit")));
    for (const response of responses.filter((candidate) => candidate.status === 409)) {
      expect(response.body.error.code).toBe("conflict");
      expect(response.body.error.message).toMatch(/submit|changed/);
    }
  });
});

describe("concurrent uploads", () => {
  it("records one completion of 6", async () => {
    const created = await world.staff.post(`/workspaces/${world.workspaceId}/requests`, { title: "Concurrent completes" });
    const requestId = created.body.requestId as string;
    const bytes = minimalPdf("complete");
    const upload = await startUpload(world.client, { workspaceId: world.workspaceId, requestId }, {
      fileName: "complete.pdf",
      contentType: "application/pdf",
      bytes,
    });
    expect(await postForm(upload, bytes, "complete.pdf")).toBe(204);
    const responses = await race(6, () => world.client.post(`/workspaces/${world.workspaceId}/uploads/${upload.uploadId}/complete`));
    expect(statuses(responses)).toEqual(Array(6).fill(202));
    await waitForProcessed(world.client, world.workspaceId, upload.fileId);
    const actions = await auditActionsFor(world, upload.fileId);
    expect(actions.filter((action) => action === "file.uploaded")).toHaveLength(1);
    expect(actions.filter((action) => action === "file.available")).toHaveLength(1);
  });

  it("counts each file once", async () => {
    const created = await world.staff.post(`/workspaces/${world.workspaceId}/requests`, { title: "Parallel files" });
    const requestId = created.body.requestId as string;
    const files = Array.from({ length: 5 }, (_, index) => ({
      fileName: `page ${index}.pdf`,
      contentType: "application/pdf",
      bytes: minimalPdf(`page ${index}`),
    }));
    const uploads = await Promise.all(files.map((file) => startUpload(world.client, { workspaceId: world.workspaceId, requestId }, file)));
    const posted = await Promise.all(uploads.map((upload, index) => postForm(upload, files[index]!.bytes, files[index]!.fileName)));
    expect(posted).toEqual(Array(5).fill(204));
    for (const upload of uploads) {
      expect((await waitForProcessed(world.client, world.workspaceId, upload.fileId)).status).toBe("available");
    }
    const request = await world.staff.get(requestPath(requestId));
    expect(request.body.availableFileCount).toBe(5);
  });

  it("audits every concurrent download", async () => {
    const requestId = await requestWithFile(world, "Concurrent downloads");
    const files = await world.staff.get(`/workspaces/${world.workspaceId}/files?requestId=${requestId}`);
    const fileId = files.body.items[0].fileId as string;
    const responses = await race(6, (index) => (index % 2 ? world.staff : world.client).get(`/workspaces/${world.workspaceId}/files/${fileId}/download`));
    expect(statuses(responses)).toEqual(Array(6).fill(200));
    const downloads = (await auditActionsFor(world, fileId)).filter((action) => action === "file.downloaded");
    expect(downloads).toHaveLength(6);
  });

  it("keeps submit and new uploads consistent", async () => {
    const requestId = await requestWithFile(world, "Upload against submit");
    const body = { fileName: "late.pdf", contentType: "application/pdf", size: 10, sha256: "a".repeat(64) };
    const responses = await Promise.all([
      ...Array.from({ length: 4 }, () => world.client.post(requestPath(requestId, "/uploads"), body)),
      world.client.post(requestPath(requestId, "/submit")),
    ]);
    for (const response of responses) expect([200, 201, 409]).toContain(response.status);
    const uploadsStarted = responses.slice(0, 4).filter((response) => response.status === 201).length;
    const actions = await auditActionsFor(world, requestId);
    expect(actions.filter((action) => action === "request.submitted")).toHaveLength(responses[4]!.status === 200 ? 1 : 0);
    const fileEvents = await world.staff.get(`/workspaces/${world.workspaceId}/audit?limit=100`);
    const started = fileEvents.body.items.filter(
      (event: any) => event.action === "upload.started" && event.details.documentRequestId === requestId,
    );
    // One upload.started for the first file plus one per accepted new upload.
    expect(started).toHaveLength(1 + uploadsStarted);
  });
});

describe("concurrent membership", () => {
  it("adds the same person once", async () => {
    const responses = await race(5, () =>
      world.staff.post(`/workspaces/${world.workspaceId}/members`, { email: "twice@fabrikam.example", role: "client" }),
    );
    expect(statuses(responses)).toEqual([201, ...Array(4).fill(409)]);
    const members = await world.staff.get(`/workspaces/${world.workspaceId}/members?limit=100`);
    expect(members.body.items.filter((member: any) => member.email === "twice@fabrikam.example")).toHaveLength(1);
    const added = (await auditActionsFor(world, responses.find((response) => response.status === 201)!.body.userId)).filter(
      (action) => action === "member.added",
    );
    expect(added).toHaveLength(1);
  });
});
