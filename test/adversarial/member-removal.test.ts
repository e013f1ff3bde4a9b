import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiClient, ApiResponse } from "../support/api-client";
import { minimalPdf } from "../support/fixtures";
import { downloadFile, postForm, startUpload, uploadFile, waitForProcessed } from "../files/upload-steps";
import { auditActionsFor, expectNoInternals, requestWithFile, startEngagement, type Engagement } from "./engagement";

let world: Engagement;

beforeAll(async () => {
  world = await startEngagement();
});

afterAll(async () => {
  await world?.portal.close();
});

async function userIdOf(as: ApiClient): Promise<string> {
  const me = await as.get("/me");
  expect(me.status).toBe(200);
  return me.body.userId as string;
}

function memberPath(userId: string, workspaceId = world.workspaceId): string {
  return `/workspaces/${workspaceId}/members/${userId}`;
}

function remove(as: ApiClient, userId: string, workspaceId = world.workspaceId): Promise<ApiResponse> {
  return as.request("DELETE", memberPath(userId, workspaceId));
}

async function memberEmails(workspaceId = world.workspaceId): Promise<string[]> {
  const members = await world.staff.get(`/workspaces/${workspaceId}/members?limit=100`);
  expect(members.status).toBe(200);
  return members.body.items.map((member: any) => member.email);
}

/** Invites a fresh client contact, assigns them an open request, and returns both. */
async function assignedClient(email: string): Promise<{ client: ApiClient; userId: string; requestId: string }> {
  const client = await world.portal.inviteClient(world.staff, world.workspaceId, email);
  const created = await world.staff.post(`/workspaces/${world.workspaceId}/requests`, { title: `For ${email}`, assignee: email });
  expect(created.status).toBe(201);
  return { client, userId: await userIdOf(client), requestId: created.body.requestId };
}

describe("removed client", () => {
  it("loses every workspace route at once", async () => {
    const { client, userId, requestId } = await assignedClient("leaver@fabrikam.example");
    expect((await remove(world.staff, userId)).status).toBe(200);

    for (const path of [
      `/workspaces/${world.workspaceId}`,
      `/workspaces/${world.workspaceId}/requests`,
      `/workspaces/${world.workspaceId}/requests/${requestId}`,
      `/workspaces/${world.workspaceId}/files`,
      `/workspaces/${world.workspaceId}/members`,
    ]) {
      const response = await client.get(path);
      expect(response.status, path).toBe(404);
      expectNoInternals(response);
    }
    const listed = await client.get("/workspaces");
    expect(listed.body.items).toEqual([]);
  });

  it("drops out of the waiting list", async () => {
    const { client, userId } = await assignedClient("waiting@fabrikam.example");
    expect((await client.get("/me/requests")).body.items).toHaveLength(1);
    expect((await remove(world.staff, userId)).status).toBe(200);

    const waiting = await client.get("/me/requests");
    expect(waiting.status).toBe(200);
    expect(waiting.body.items).toEqual([]);
  });

  it("keeps other workspaces in the waiting list", async () => {
    const email = "two-engagements@fabrikam.example";
    const { client, userId } = await assignedClient(email);
    const other = await world.staff.post("/workspaces", { name: "Payroll 2026", clientName: "Fabrikam Ltd" });
    const otherId = other.body.workspaceId as string;
    expect((await world.staff.post(`/workspaces/${otherId}/members`, { email, role: "client" })).status).toBe(201);
    for (const title of ["Payroll A", "Payroll B"]) {
      await world.staff.post(`/workspaces/${otherId}/requests`, { title, assignee: email });
    }
    expect((await remove(world.staff, userId)).status).toBe(200);

    const seen: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await client.get(`/me/requests?limit=1${nextToken ? `&nextToken=${nextToken}` : ""}`);
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((request: any) => request.workspaceId));
      nextToken = page.body.nextToken;
    } while (nextToken);
    expect(seen).toEqual([otherId, otherId]);
  });

  it("cannot complete an upload started before removal", async () => {
    const { client, userId, requestId } = await assignedClient("mid-upload@fabrikam.example");
    const bytes = minimalPdf("mid-upload");
    const upload = await startUpload(client, { workspaceId: world.workspaceId, requestId }, {
      fileName: "mid-upload.pdf",
      contentType: "application/pdf",
      bytes,
    });
    expect((await remove(world.staff, userId)).status).toBe(200);

    expect(await postForm(upload, bytes, "mid-upload.pdf")).toBe(204);
    const completed = await client.post(`/workspaces/${world.workspaceId}/uploads/${upload.uploadId}/complete`);
    expect(completed.status).toBe(404);
    expect((await client.get(`/workspaces/${world.workspaceId}/files/${upload.fileId}`)).status).toBe(404);
  });

  it("cannot ask for new download URLs", async () => {
    const { client, userId, requestId } = await assignedClient("downloader@fabrikam.example");
    const { file } = await uploadFile(client, { workspaceId: world.workspaceId, requestId }, {
      fileName: "mine.pdf",
      contentType: "application/pdf",
      bytes: minimalPdf("mine"),
    });
    expect((await remove(world.staff, userId)).status).toBe(200);
    const response = await client.get(`/workspaces/${world.workspaceId}/files/${file.fileId}/download`);
    expect(response.status).toBe(404);
  });

  // A presigned GET cannot be revoked, so a URL issued before the removal
  // works until it expires. Its short lifetime limits the exposure.
  it("keeps an issued download URL until its short expiry", async () => {
    const { client, userId, requestId } = await assignedClient("early-url@fabrikam.example");
    const bytes = minimalPdf("early url");
    const { file } = await uploadFile(client, { workspaceId: world.workspaceId, requestId }, {
      fileName: "early.pdf",
      contentType: "application/pdf",
      bytes,
    });
    const issued = await client.get(`/workspaces/${world.workspaceId}/files/${file.fileId}/download`);
    expect(issued.status).toBe(200);
    const lifetimeSeconds = (Date.parse(issued.body.expiresAt) - Date.now()) / 1000;
    expect(lifetimeSeconds).toBeGreaterThan(0);
    expect(lifetimeSeconds).toBeLessThanOrEqual(300);
    expect(new URL(issued.body.url).searchParams.get("X-Amz-Expires")).toBe("300");

    expect((await remove(world.staff, userId)).status).toBe(200);
    const fetched = await fetch(issued.body.url);
    expect(fetched.status).toBe(200);
    expect(Buffer.from(await fetched.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it("can be added back without a new invitation", async () => {
    const email = "returning@fabrikam.example";
    const { client, userId, requestId } = await assignedClient(email);
    expect((await remove(world.staff, userId)).status).toBe(200);
    const added = await world.staff.post(`/workspaces/${world.workspaceId}/members`, { email, role: "client" });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ userId, invited: false });
    expect((await client.get(`/workspaces/${world.workspaceId}/requests/${requestId}`)).status).toBe(200);
    expect((await client.get("/me/requests")).body.items.map((request: any) => request.requestId)).toEqual([requestId]);
  });
});

describe("removal rules", () => {
  it("audits who removed whom", async () => {
    const { userId } = await assignedClient("audited@fabrikam.example");
    const removed = await remove(world.staff, userId);
    expect(removed.status).toBe(200);
    expect(removed.body).toMatchObject({ userId, email: "audited@fabrikam.example", role: "client" });

    const audit = await world.staff.get(`/workspaces/${world.workspaceId}/audit?limit=100`);
    const events = audit.body.items.filter((event: any) => event.action === "member.removed" && event.target.id === userId);
    expect(events).toHaveLength(1);
    const staffId = await userIdOf(world.staff);
    expect(events[0]).toMatchObject({
      actor: { userId: staffId, email: "preparer@firm.example" },
      target: { type: "member", id: userId, label: "audited@fabrikam.example" },
      details: { email: "audited@fabrikam.example", role: "client" },
    });
    expect(events[0].requestId).toBe(removed.headers.get("apigw-requestid"));
    expect(Date.parse(events[0].at)).not.toBeNaN();
  });

  it("rejects self-removal", async () => {
    const response = await remove(world.staff, await userIdOf(world.staff));
    expect(response.status).toBe(409);
    expect(response.body.error.message).toContain("yourself");
    expect(await memberEmails()).toContain("preparer@firm.example");
  });

  it("404s for an admin who is not a member", async () => {
    const response = await remove(world.staff, await userIdOf(world.admin));
    expect(response.status).toBe(404);
    expect((await world.admin.get(`/workspaces/${world.workspaceId}`)).status).toBe(200);
  });

  it("leaves an admin their oversight", async () => {
    const adminId = await userIdOf(world.admin);
    expect((await world.staff.post(`/workspaces/${world.workspaceId}/members`, { email: "partner@firm.example", role: "staff" })).status).toBe(201);
    expect((await remove(world.staff, adminId)).status).toBe(200);
    expect(await memberEmails()).not.toContain("partner@firm.example");
    expect((await world.admin.get(`/workspaces/${world.workspaceId}/audit`)).status).toBe(200);
  });

  it("404s for an unknown user id", async () => {
    const response = await remove(world.staff, "01HZZZZZZZZZZZZZZZZZZZZZZZ");
    expect(response.status).toBe(404);
    expectNoInternals(response);
  });

  it("404s for a member of another workspace", async () => {
    const other = await world.outsider.post("/workspaces", { name: "Other engagement", clientName: "Tailspin" });
    const otherClient = await world.portal.inviteClient(world.outsider, other.body.workspaceId, "someone@tailspin.example");
    const response = await remove(world.staff, await userIdOf(otherClient));
    expect(response.status).toBe(404);
    expect((await otherClient.get(`/workspaces/${other.body.workspaceId}`)).status).toBe(200);
  });

  it("lets a second staff member remove the first", async () => {
    const created = await world.staff.post("/workspaces", { name: "Handover", clientName: "Fabrikam Ltd" });
    const workspaceId = created.body.workspaceId as string;
    expect((await world.staff.post(`/workspaces/${workspaceId}/members`, { email: "other-team@firm.example", role: "staff" })).status).toBe(201);
    expect((await remove(world.outsider, await userIdOf(world.staff), workspaceId)).status).toBe(200);
    expect((await world.staff.get(`/workspaces/${workspaceId}`)).status).toBe(404);
    expect((await remove(world.outsider, await userIdOf(world.outsider), workspaceId)).status).toBe(409);
  });
});

describe("concurrent membership changes", () => {
  it("removes once under 6 concurrent removals", async () => {
    const { userId } = await assignedClient("raced@fabrikam.example");
    const responses = await Promise.all(Array.from({ length: 6 }, () => remove(world.staff, userId)));
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    for (const status of statuses.filter((candidate) => candidate !== 200)) expect([404, 409]).toContain(status);
    expect((await auditActionsFor(world, userId)).filter((action) => action === "member.removed")).toHaveLength(1);
  });

  it("ends consistent after removals and re-adds race", async () => {
    const email = "flapping@fabrikam.example";
    const { client, userId } = await assignedClient(email);
    const responses = await Promise.all(
      Array.from({ length: 8 }, (_, index) =>
        index % 2 ? remove(world.staff, userId) : world.staff.post(`/workspaces/${world.workspaceId}/members`, { email, role: "client" }),
      ),
    );
    for (const response of responses) {
      expect([200, 201, 404, 409]).toContain(response.status);
      expectNoInternals(response);
    }
    const actions = (await auditActionsFor(world, userId)).filter((action) => action === "member.added" || action === "member.removed");
    const isMember = (await memberEmails()).includes(email);
    // The audit trail alternates, and its last entry shows whether the person is a member now.
    for (let index = 1; index < actions.length; index++) expect(actions[index]).not.toBe(actions[index - 1]);
    expect(actions.at(-1)).toBe(isMember ? "member.added" : "member.removed");
    expect((await client.get(`/workspaces/${world.workspaceId}`)).status).toBe(isMember ? 200 : 404);
  });
});

describe("in-flight work of a removed uploader", () => {
  it("keeps the counts true to the files", async () => {
    const { client, userId, requestId } = await assignedClient("in-flight@fabrikam.example");
    const bytes = minimalPdf("in flight");
    const upload = await startUpload(client, { workspaceId: world.workspaceId, requestId }, {
      fileName: "in-flight.pdf",
      contentType: "application/pdf",
      bytes,
    });
    expect((await remove(world.staff, userId)).status).toBe(200);
    expect(await postForm(upload, bytes, "in-flight.pdf")).toBe(204);
    const file = await waitForProcessed(world.staff, world.workspaceId, upload.fileId);
    const request = await world.staff.get(`/workspaces/${world.workspaceId}/requests/${requestId}`);
    expect(request.body.availableFileCount).toBe(file.status === "available" ? 1 : 0);
  });
});

describe("requests of a removed assignee", () => {
  it("stay readable by staff", async () => {
    const requestId = await requestWithFile(world, "Assigned then removed");
    const colleagueId = await userIdOf(world.colleague);
    const files = await world.staff.get(`/workspaces/${world.workspaceId}/files?requestId=${requestId}`);
    expect((await remove(world.staff, colleagueId)).status).toBe(200);
    const request = await world.staff.get(`/workspaces/${world.workspaceId}/requests/${requestId}`);
    expect(request.status).toBe(200);
    const download = await downloadFile(world.staff, world.workspaceId, files.body.items[0].fileId);
    expect(download.bytes.length).toBeGreaterThan(0);
  });
});
