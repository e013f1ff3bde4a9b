import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROUTES } from "../../shared/api/routes";
import type { ApiClient } from "../support/api-client";
import { startTestPortal, type TestPortal } from "../support/test-portal";

let portal: TestPortal;
let staff: ApiClient;
let outsiderStaff: ApiClient;
let otherClient: ApiClient;
const ids: Record<string, string> = {};

/** A plausible body for each operation, so a 404 cannot come from validation. */
const BODIES: Record<string, unknown> = {
  addMember: { email: "intruder@contoso.example", role: "client" },
  createRequest: { title: "Intruder request" },
  submitRequest: {},
  reviewRequest: { decision: "accept" },
  cancelRequest: {},
  updateRequest: { title: "Intruder title" },
  createUpload: { fileName: "x.pdf", contentType: "application/pdf", size: 4, sha256: "a".repeat(64) },
};

beforeAll(async () => {
  portal = await startTestPortal();
  staff = await portal.createStaff("lead@firm.example");
  outsiderStaff = await portal.createStaff("other-team@firm.example");

  const northwind = await staff.post("/workspaces", { name: "Northwind audit", clientName: "Northwind Traders" });
  ids.workspaceId = northwind.body.workspaceId;
  await portal.inviteClient(staff, ids.workspaceId!, "cfo@northwind.example");
  const request = await staff.post(`/workspaces/${ids.workspaceId}/requests`, { title: "Bank statements" });
  ids.requestId = request.body.requestId;
  const bytes = Buffer.from("%PDF-1.4\n%%EOF\n");
  const upload = await staff.post(`/workspaces/${ids.workspaceId}/requests/${ids.requestId}/uploads`, {
    fileName: "statement.pdf",
    contentType: "application/pdf",
    size: bytes.length,
    sha256: createHash("sha256").update(bytes).digest("hex"),
  });
  expect(upload.status).toBe(201);
  ids.uploadId = upload.body.uploadId;
  ids.fileId = upload.body.fileId;

  const contoso = await staff.post("/workspaces", { name: "Contoso tax", clientName: "Contoso Dental" });
  otherClient = await portal.inviteClient(staff, contoso.body.workspaceId, "owner@contoso.example");
});

afterAll(async () => {
  await portal?.close();
});

function pathFor(template: string): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => ids[name] ?? "missing");
}

const workspaceRoutes = ROUTES.filter((route) => route.path.includes("{workspaceId}"));

describe("another organisation's workspace", () => {
  it("covers every workspace route", () => {
    expect(workspaceRoutes.length).toBeGreaterThanOrEqual(15);
  });

  for (const route of workspaceRoutes) {
    it(`${route.operationId} is 404 for a client of another organisation`, async () => {
      const response = await otherClient.request(route.method, pathFor(route.path), route.method === "GET"
        ? {}
        : route.bodyContentType === "text/csv"
          ? { text: "title\nIntruder\n" }
          : { json: BODIES[route.operationId] ?? {} });
      expect(response.status).toBe(404);
      expect(JSON.stringify(response.body)).not.toMatch(/Northwind|Bank statements|statement\.pdf/);
    });

    it(`${route.operationId} is 404 for staff outside the workspace`, async () => {
      const response = await outsiderStaff.request(route.method, pathFor(route.path), route.method === "GET"
        ? {}
        : route.bodyContentType === "text/csv"
          ? { text: "title\nIntruder\n" }
          : { json: BODIES[route.operationId] ?? {} });
      expect(response.status).toBe(404);
    });
  }

  it("lists none of it", async () => {
    const workspaces = await otherClient.get("/workspaces");
    expect(workspaces.body.items.map((w: any) => w.workspaceId)).not.toContain(ids.workspaceId);
    const waiting = await otherClient.get("/me/requests");
    expect(waiting.body.items).toEqual([]);
  });

  it("changed nothing", async () => {
    const requests = await staff.get(`/workspaces/${ids.workspaceId}/requests`);
    expect(requests.body.items.map((r: any) => r.title)).toEqual(["Bank statements"]);
    const members = await staff.get(`/workspaces/${ids.workspaceId}/members`);
    expect(members.body.items.map((m: any) => m.email)).not.toContain("intruder@contoso.example");
  });
});
