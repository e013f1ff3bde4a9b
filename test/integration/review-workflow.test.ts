import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiClient } from "../support/api-client";
import { minimalPdf, tinyJpeg } from "../support/fixtures";
import { startTestPortal, type TestPortal } from "../support/test-portal";
import { uploadFile } from "../files/upload-steps";

let portal: TestPortal;
let staff: ApiClient;
let reviewer: ApiClient;
let client: ApiClient;
let workspaceId: string;

beforeAll(async () => {
  portal = await startTestPortal();
  staff = await portal.createStaff("manager@firm.example");
  reviewer = await portal.createStaff("reviewer@firm.example");
  const workspace = await staff.post("/workspaces", { name: "Tax return 2025", clientName: "Fabrikam Ltd" });
  workspaceId = workspace.body.workspaceId;
  await staff.post(`/workspaces/${workspaceId}/members`, { email: "reviewer@firm.example", role: "staff" });
  client = await portal.inviteClient(staff, workspaceId, "finance@fabrikam.example");
});

afterAll(async () => {
  await portal?.close();
});

async function newRequestWithFile(title: string): Promise<string> {
  const created = await staff.post(`/workspaces/${workspaceId}/requests`, { title, assignee: "finance@fabrikam.example" });
  const requestId = created.body.requestId as string;
  const { file } = await uploadFile(client, { workspaceId, requestId }, {
    fileName: `${title}.pdf`,
    contentType: "application/pdf",
    bytes: minimalPdf(title),
  });
  expect(file.status).toBe("available");
  return requestId;
}

async function eventsFor(requestId: string): Promise<string[]> {
  const audit = await staff.get(`/workspaces/${workspaceId}/audit?limit=100`);
  return audit.body.items
    .filter((event: any) => event.target.id === requestId)
    .map((event: any) => event.action)
    .reverse();
}

describe("review workflow", () => {
  it("accepts a submitted request", async () => {
    const requestId = await newRequestWithFile("Bank statements");
    const submitted = await client.post(`/workspaces/${workspaceId}/requests/${requestId}/submit`);
    expect(submitted.status).toBe(200);
    expect(submitted.body.status).toBe("submitted");

    const accepted = await staff.post(`/workspaces/${workspaceId}/requests/${requestId}/review`, { decision: "accept" });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: "accepted", reviewedBy: { email: "manager@firm.example" } });
    expect(await eventsFor(requestId)).toEqual(["request.created", "request.submitted", "request.accepted"]);
  });

  it("returns a request with a reason the client sees", async () => {
    const requestId = await newRequestWithFile("Payroll registers");
    await client.post(`/workspaces/${workspaceId}/requests/${requestId}/submit`);
    const returned = await staff.post(`/workspaces/${workspaceId}/requests/${requestId}/review`, {
      decision: "return",
      reason: "Page 2 of the October register is missing",
    });
    expect(returned.status).toBe(200);

    const seen = await client.get(`/workspaces/${workspaceId}/requests/${requestId}`);
    expect(seen.body).toMatchObject({ status: "returned", returnReason: "Page 2 of the October register is missing" });
    const waiting = await client.get("/me/requests");
    expect(waiting.body.items.map((r: any) => r.requestId)).toContain(requestId);

    const unchanged = await client.post(`/workspaces/${workspaceId}/requests/${requestId}/submit`);
    expect(unchanged.status).toBe(409);
    expect(unchanged.body.error.message).toMatch(/new file/);

    await uploadFile(client, { workspaceId, requestId }, { fileName: "October page 2.jpg", contentType: "image/jpeg", bytes: tinyJpeg() });
    const resubmitted = await client.post(`/workspaces/${workspaceId}/requests/${requestId}/submit`);
    expect(resubmitted.status).toBe(200);
    const accepted = await staff.post(`/workspaces/${workspaceId}/requests/${requestId}/review`, { decision: "accept" });
    expect(accepted.body.status).toBe("accepted");
    expect(await eventsFor(requestId)).toEqual([
      "request.created",
      "request.submitted",
      "request.returned",
      "request.submitted",
      "request.accepted",
    ]);
  });

  it("lets only clients submit and only staff review", async () => {
    const requestId = await newRequestWithFile("Loan agreements");
    expect((await staff.post(`/workspaces/${workspaceId}/requests/${requestId}/submit`)).status).toBe(403);
    await client.post(`/workspaces/${workspaceId}/requests/${requestId}/submit`);
    expect((await client.post(`/workspaces/${workspaceId}/requests/${requestId}/review`, { decision: "accept" })).status).toBe(403);
  });

  it("rejects a stale version", async () => {
    const requestId = await newRequestWithFile("Fixed assets");
    const current = await client.get(`/workspaces/${workspaceId}/requests/${requestId}`);
    const submitted = await client.post(`/workspaces/${workspaceId}/requests/${requestId}/submit`, { version: current.body.version - 1 });
    expect(submitted.status).toBe(409);
    expect(submitted.body.error.message).toMatch(/reload/);
  });

  it("lets exactly one of 8 concurrent reviews win", async () => {
    const requestId = await newRequestWithFile("Trial balance");
    await client.post(`/workspaces/${workspaceId}/requests/${requestId}/submit`);

    const reviews = await Promise.all(
      Array.from({ length: 8 }, (_, i) => {
        const as = i % 2 === 0 ? staff : reviewer;
        const body = i % 3 === 0 ? { decision: "return", reason: `Reviewer ${i} wants more` } : { decision: "accept" };
        return as.post(`/workspaces/${workspaceId}/requests/${requestId}/review`, body);
      }),
    );
    const statuses = reviews.map((review) => review.status).sort();
    expect(statuses).toEqual([200, 409, 409, 409, 409, 409, 409, 409]);

    const events = await eventsFor(requestId);
    const reviewEvents = events.filter((action) => action === "request.accepted" || action === "request.returned");
    expect(reviewEvents).toHaveLength(1);

    const winner = reviews.find((review) => review.status === 200)!;
    const stored = await staff.get(`/workspaces/${workspaceId}/requests/${requestId}`);
    expect(stored.body.status).toBe(winner.body.status);
    expect(stored.body.version).toBe(winner.body.version);
  });
});
