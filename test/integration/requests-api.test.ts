import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiClient } from "../support/api-client";
import { latestMessageTo } from "../support/outbox";
import { startTestPortal, type TestPortal } from "../support/test-portal";

const HEADER = "title,description,category,assignee,due_date,sensitivity";

let portal: TestPortal;
let staff: ApiClient;
let workspaceId: string;
let maria: ApiClient;

beforeAll(async () => {
  portal = await startTestPortal();
  staff = await portal.createStaff("avery@firm.example");
  const created = await staff.post("/workspaces", { name: "Year-end 2025", clientName: "Northwind Traders" });
  expect(created.status).toBe(201);
  workspaceId = created.body.workspaceId;
  maria = await portal.inviteClient(staff, workspaceId, "maria.lopez@northwind.example");
  await portal.inviteClient(staff, workspaceId, "tom.becker@northwind.example");
});

afterAll(async () => {
  await portal?.close();
});

async function requestCount(): Promise<number> {
  const listed = await staff.get(`/workspaces/${workspaceId}/requests?limit=100`);
  return listed.body.items.length;
}

describe("workspaces and members", () => {
  it("lists the workspace for staff and client", async () => {
    const forStaff = await staff.get("/workspaces");
    const forClient = await maria.get("/workspaces");
    expect(forStaff.body.items.map((w: any) => w.workspaceId)).toContain(workspaceId);
    expect(forClient.body.items).toEqual([expect.objectContaining({ workspaceId, role: "client", clientName: "Northwind Traders" })]);
  });

  it("reports the caller on /me", async () => {
    const me = await maria.get("/me");
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ email: "maria.lopez@northwind.example", isStaff: false, isAdmin: false });
  });

  it("sends an invitation with the sign-in address", async () => {
    const message = await latestMessageTo(portal.outboxDir, "tom.becker@northwind.example");
    expect(message.body).toMatch(/^Sign in at: http/m);
    expect(message.body).toMatch(/^Temporary password: \S{12,}$/m);
    expect(message.headers).toMatch(/Subject: .*Year-end 2025/);
  });

  it("lists both client contacts and the creator", async () => {
    const members = await staff.get(`/workspaces/${workspaceId}/members`);
    const roles = Object.fromEntries(members.body.items.map((m: any) => [m.email, m.role]));
    expect(roles).toEqual({
      "avery@firm.example": "staff",
      "maria.lopez@northwind.example": "client",
      "tom.becker@northwind.example": "client",
    });
  });

  it("rejects a duplicate member with 409", async () => {
    const again = await staff.post(`/workspaces/${workspaceId}/members`, { email: "MARIA.LOPEZ@northwind.example", role: "client" });
    expect(again.status).toBe(409);
  });

  it("rejects an unknown address as staff", async () => {
    const added = await staff.post(`/workspaces/${workspaceId}/members`, { email: "new@elsewhere.example", role: "staff" });
    expect(added.status).toBe(400);
    expect(added.body.error.message).toMatch(/^email: /);
  });

  it("forbids clients to add members", async () => {
    const added = await maria.post(`/workspaces/${workspaceId}/members`, { email: "x@northwind.example", role: "client" });
    expect(added.status).toBe(403);
  });

  it("forbids clients to create workspaces", async () => {
    const created = await maria.post("/workspaces", { name: "Mine", clientName: "Northwind" });
    expect(created.status).toBe(403);
  });
});

describe("member removal", () => {
  it("ends access at once and records it", async () => {
    const former = await portal.inviteClient(staff, workspaceId, "leaver@northwind.example");
    expect((await former.get(`/workspaces/${workspaceId}`)).status).toBe(200);
    const me = await former.get("/me");

    const removed = await staff.request("DELETE", `/workspaces/${workspaceId}/members/${me.body.userId}`);
    expect(removed.status).toBe(200);
    expect(removed.body.email).toBe("leaver@northwind.example");

    expect((await former.get(`/workspaces/${workspaceId}`)).status).toBe(404);
    expect((await former.get(`/workspaces/${workspaceId}/requests`)).status).toBe(404);
    const audit = await staff.get(`/workspaces/${workspaceId}/audit?limit=20`);
    expect(audit.body.items[0]).toMatchObject({ action: "member.removed", target: { label: "leaver@northwind.example" } });
  });

  it("forbids clients to remove members", async () => {
    const me = await staff.get("/me");
    const removed = await maria.request("DELETE", `/workspaces/${workspaceId}/members/${me.body.userId}`);
    expect(removed.status).toBe(403);
  });

  it("refuses to remove yourself", async () => {
    const me = await staff.get("/me");
    const removed = await staff.request("DELETE", `/workspaces/${workspaceId}/members/${me.body.userId}`);
    expect(removed.status).toBe(409);
  });

  it("answers 404 for a non-member", async () => {
    const removed = await staff.request("DELETE", `/workspaces/${workspaceId}/members/not-a-member`);
    expect(removed.status).toBe(404);
  });
});

describe("request list import", () => {
  const goodCsv = [
    HEADER,
    `Bank statements for all operating accounts,"Monthly statements January–December 2025, every account.",Banking,maria.lopez@northwind.example,2026-01-31,confidential`,
    `Fixed asset additions over $5,000,"Invoices for each addition, with the date placed in service.",Accounting,tom.becker@northwind.example,2026-02-07,internal`,
    `"Receipts for travel over $75, ""per diem"" excluded",Phone photos are fine.,Expenses,tom.becker@northwind.example,2026-02-28,internal`,
    `Organisation chart,Current chart.,Governance,,2026-02-28,internal`,
  ].join("\n");

  it("creates every row with owner, due date and status", async () => {
    const before = await requestCount();
    const imported = await staff.request("POST", `/workspaces/${workspaceId}/requests/import`, { text: goodCsv });
    expect(imported.status).toBe(201);
    expect(imported.body.created).toBe(4);
    expect(imported.body.warnings).toEqual([expect.objectContaining({ row: 3, field: "title" })]);
    expect(await requestCount()).toBe(before + 4);
    const fixedAssets = imported.body.items.find((r: any) => r.title === "Fixed asset additions over $5,000");
    expect(fixedAssets).toMatchObject({
      assignee: { email: "tom.becker@northwind.example" },
      dueDate: "2026-02-07",
      status: "open",
      sensitivity: "internal",
    });
  });

  it.each([
    ["unclosed quote", `${HEADER}\nA,"never closed,Tax,,2026-01-01,internal\n`, /never closed/],
    ["missing header", "Bank statements,Monthly,Banking,,2026-01-31,confidential\n", /header/],
    ["bad date", `${HEADER}\nA,,,,2026-02-30,internal\nB,,,,31/01/2026,internal\n`, /row 2 due_date.*row 3 due_date/],
    ["unknown assignee", `${HEADER}\nA,,,stranger@other.example,2026-01-31,internal\n`, /row 2 assignee: stranger@other.example is not a member/],
  ])("creates nothing for a %s", async (_name, csv, message) => {
    const before = await requestCount();
    const imported = await staff.request("POST", `/workspaces/${workspaceId}/requests/import`, { text: csv });
    expect(imported.status).toBe(400);
    expect(imported.body.error.message).toMatch(message);
    expect(Array.isArray(imported.body.error.details)).toBe(true);
    expect(await requestCount()).toBe(before);
  });

  it("is staff-only", async () => {
    const imported = await maria.request("POST", `/workspaces/${workspaceId}/requests/import`, { text: goodCsv });
    expect(imported.status).toBe(403);
  });
});

describe("requests", () => {
  it("creates a request with an assignee", async () => {
    const created = await staff.post(`/workspaces/${workspaceId}/requests`, {
      title: "Signed Form W-9",
      assignee: "maria.lopez@northwind.example",
      dueDate: "2026-01-15",
      sensitivity: "restricted",
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: "open", version: 1, availableFileCount: 0 });
    const waiting = await maria.get("/me/requests");
    expect(waiting.body.items.map((r: any) => r.requestId)).toContain(created.body.requestId);
  });

  it("rejects an assignee who is not a member", async () => {
    const created = await staff.post(`/workspaces/${workspaceId}/requests`, { title: "X", assignee: "nobody@else.example" });
    expect(created.status).toBe(400);
    expect(created.body.error.message).toMatch(/^assignee: /);
  });

  it("refuses submission without an available file", async () => {
    const created = await staff.post(`/workspaces/${workspaceId}/requests`, { title: "Loan agreements" });
    const submitted = await maria.post(`/workspaces/${workspaceId}/requests/${created.body.requestId}/submit`);
    expect(submitted.status).toBe(409);
    expect(submitted.body.error.message).toMatch(/Upload at least one file/);
  });

  it("refuses review of an open request", async () => {
    const created = await staff.post(`/workspaces/${workspaceId}/requests`, { title: "Payroll registers" });
    const reviewed = await staff.post(`/workspaces/${workspaceId}/requests/${created.body.requestId}/review`, { decision: "accept" });
    expect(reviewed.status).toBe(409);
  });

  it("cancels an open request and records it", async () => {
    const created = await staff.post(`/workspaces/${workspaceId}/requests`, { title: "Duplicate item" });
    const cancelled = await staff.post(`/workspaces/${workspaceId}/requests/${created.body.requestId}/cancel`, {});
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: "cancelled", version: 2 });
    const again = await staff.post(`/workspaces/${workspaceId}/requests/${created.body.requestId}/cancel`, {});
    expect(again.status).toBe(409);
  });

  it("pages with opaque tokens", async () => {
    const first = await staff.get(`/workspaces/${workspaceId}/requests?limit=2`);
    expect(first.body.items).toHaveLength(2);
    expect(typeof first.body.nextToken).toBe("string");
    const second = await staff.get(`/workspaces/${workspaceId}/requests?limit=2&nextToken=${encodeURIComponent(first.body.nextToken)}`);
    expect(second.status).toBe(200);
    expect(second.body.items[0].requestId).not.toBe(first.body.items[0].requestId);
  });

  it("rejects a token forged for another workspace", async () => {
    const forged = Buffer.from(JSON.stringify({ PK: "WS#someone-else", SK: "REQ#0" })).toString("base64url");
    const listed = await staff.get(`/workspaces/${workspaceId}/requests?nextToken=${forged}`);
    expect(listed.status).toBe(400);
    expect(listed.body.error.message).toMatch(/^nextToken: /);
  });
});

describe("request changes", () => {
  it("reassigns a request and records each change", async () => {
    const created = await staff.post(`/workspaces/${workspaceId}/requests`, {
      title: "Loan agreement",
      assignee: "maria.lopez@northwind.example",
      dueDate: "2026-02-14",
    });
    const requestId = created.body.requestId;
    const updated = await staff.request("PATCH", `/workspaces/${workspaceId}/requests/${requestId}`, {
      json: { title: "Loan agreements and amendments", assignee: "tom.becker@northwind.example", dueDate: null, version: 1 },
    });
    expect(updated.status, JSON.stringify(updated.body)).toBe(200);
    expect(updated.body).toMatchObject({ title: "Loan agreements and amendments", assignee: { email: "tom.becker@northwind.example" }, version: 2 });
    expect(updated.body.dueDate).toBeUndefined();

    const waiting = await maria.get("/me/requests");
    expect(waiting.body.items.map((r: any) => r.requestId)).not.toContain(requestId);
    const audit = await staff.get(`/workspaces/${workspaceId}/audit?limit=5`);
    expect(audit.body.items[0]).toMatchObject({
      action: "request.updated",
      details: {
        changes: {
          title: { from: "Loan agreement", to: "Loan agreements and amendments" },
          assignee: { from: "maria.lopez@northwind.example", to: "tom.becker@northwind.example" },
          dueDate: { from: "2026-02-14", to: null },
        },
      },
    });
  });

  it("rejects a stale version", async () => {
    const created = await staff.post(`/workspaces/${workspaceId}/requests`, { title: "Board minutes" });
    const first = await staff.request("PATCH", `/workspaces/${workspaceId}/requests/${created.body.requestId}`, { json: { category: "Governance", version: 1 } });
    expect(first.status).toBe(200);
    const stale = await staff.request("PATCH", `/workspaces/${workspaceId}/requests/${created.body.requestId}`, { json: { category: "Legal", version: 1 } });
    expect(stale.status).toBe(409);
  });

  it("rejects a change that changes nothing named", async () => {
    const created = await staff.post(`/workspaces/${workspaceId}/requests`, { title: "Insurance policies" });
    const empty = await staff.request("PATCH", `/workspaces/${workspaceId}/requests/${created.body.requestId}`, { json: { version: 1 } });
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toMatch(/at least one of title/);
  });

  it("refuses changes to a cancelled request", async () => {
    const created = await staff.post(`/workspaces/${workspaceId}/requests`, { title: "Old item" });
    await staff.post(`/workspaces/${workspaceId}/requests/${created.body.requestId}/cancel`, {});
    const changed = await staff.request("PATCH", `/workspaces/${workspaceId}/requests/${created.body.requestId}`, { json: { title: "New" } });
    expect(changed.status).toBe(409);
  });

  it("is staff-only", async () => {
    const created = await staff.post(`/workspaces/${workspaceId}/requests`, { title: "Tax ID" });
    const changed = await maria.request("PATCH", `/workspaces/${workspaceId}/requests/${created.body.requestId}`, { json: { title: "Mine" } });
    expect(changed.status).toBe(403);
  });
});

describe("audit history", () => {
  it("records who did what", async () => {
    const audit = await staff.get(`/workspaces/${workspaceId}/audit?limit=100`);
    expect(audit.status).toBe(200);
    const actions = audit.body.items.map((event: any) => event.action);
    expect(actions).toEqual(expect.arrayContaining(["workspace.created", "member.added", "user.invited", "request.created", "request.cancelled"]));
    const created = audit.body.items.find((event: any) => event.action === "workspace.created");
    expect(created).toMatchObject({ actor: { email: "avery@firm.example" }, target: { type: "workspace", id: workspaceId } });
    expect(typeof created.requestId).toBe("string");
    expect(Date.parse(created.at)).not.toBeNaN();
  });

  it("is hidden from clients", async () => {
    const audit = await maria.get(`/workspaces/${workspaceId}/audit`);
    expect(audit.status).toBe(403);
  });
});

describe("authentication", () => {
  it("rejects a call without a token", async () => {
    const listed = await portal.anonymous.get("/workspaces");
    expect(listed.status).toBe(401);
  });

  it("serves the OpenAPI document without a token", async () => {
    const doc = await portal.anonymous.get("/openapi.json");
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe("3.1.0");
    expect(doc.body.paths["/workspaces/{workspaceId}/requests/{requestId}/review"].post.operationId).toBe("reviewRequest");
  });
});
