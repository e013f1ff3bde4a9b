import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiResponse } from "../support/api-client";
import { expectInputError, pageToken, startEngagement, type Engagement } from "./engagement";

let world: Engagement;
let workspaceId: string;
let requestId: string;

beforeAll(async () => {
  world = await startEngagement();
  workspaceId = world.workspaceId;
  const created = await world.staff.post(`/workspaces/${workspaceId}/requests`, { title: "Bank statements" });
  requestId = created.body.requestId;
});

afterAll(async () => {
  await world?.portal.close();
});

/** Sends a raw body with the staff member's token. */
async function sendRaw(method: string, path: string, body: string | Buffer, contentType = "application/json"): Promise<ApiResponse> {
  const response = await fetch(`${world.portal.apiUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${world.staff.accessToken}`, "content-type": contentType },
    body: typeof body === "string" ? body : new Uint8Array(body),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Kept as text so the assertion shows it.
  }
  return { status: response.status, body: parsed, headers: response.headers };
}

describe("JSON bodies", () => {
  it.each([
    ["malformed JSON", "{bad"],
    ["deeply nested JSON", "[".repeat(200_000)],
    ["UTF-16 JSON", Buffer.from('{"name":"a","clientName":"b"}', "utf16le")],
    ["invalid UTF-8", Buffer.from([0x7b, 0xff, 0xfe, 0x7d])],
  ])("rejects %s with 400", async (_case, body) => {
    expectInputError(await sendRaw("POST", "/workspaces", body), 400, "body");
  });

  it("rejects a __proto__ key as unknown", async () => {
    const response = await sendRaw("POST", "/workspaces", '{"__proto__":{"x":1},"name":"a","clientName":"b"}');
    expectInputError(response, 400, "__proto__");
  });

  it.each([
    ["name", { name: 5, clientName: "Fabrikam" }],
    ["clientName", { name: "Audit", clientName: true }],
    ["name", { name: "   ", clientName: "Fabrikam" }],
    ["name", { name: "x".repeat(100_000), clientName: "Fabrikam" }],
    ["clientName", { name: "Audit" }],
    ["admin", { name: "Audit", clientName: "Fabrikam", admin: true }],
  ])("createWorkspace names %s", async (field, body) => {
    expectInputError(await world.staff.post("/workspaces", body), 400, field);
  });

  it.each([
    ["title", { title: "" }],
    ["dueDate", { title: "Payroll", dueDate: "2026-02-30" }],
    ["dueDate", { title: "Payroll", dueDate: "31/01/2026" }],
    ["sensitivity", { title: "Payroll", sensitivity: "TOP" }],
    ["assignee", { title: "Payroll", assignee: "not-an-address" }],
    ["assignee", { title: "Payroll", assignee: "stranger@elsewhere.example" }],
    ["description", { title: "Payroll", description: "d".repeat(4001) }],
  ])("createRequest names %s", async (field, body) => {
    expectInputError(await world.staff.post(`/workspaces/${workspaceId}/requests`, body), 400, field);
  });

  it.each([
    ["role", { email: "new@fabrikam.example", role: "admin" }],
    ["email", { email: "müller@söhne.example", role: "client" }],
    ["email", { email: '"a b"@fabrikam.example', role: "client" }],
    ["email", { email: "a".repeat(250) + "@x.example", role: "client" }],
  ])("addMember names %s", async (field, body) => {
    expectInputError(await world.staff.post(`/workspaces/${workspaceId}/members`, body), 400, field);
  });

  it.each([
    ["decision", { decision: "maybe" }],
    ["reason", { decision: "return" }],
    ["reason", { decision: "return", reason: "   " }],
    ["version", { decision: "accept", version: "1" }],
    ["version", { decision: "accept", version: 0 }],
  ])("reviewRequest names %s", async (field, body) => {
    expectInputError(await world.staff.post(`/workspaces/${workspaceId}/requests/${requestId}/review`, body), 400, field);
  });

  const upload = { fileName: "statement.pdf", contentType: "application/pdf", size: 10, sha256: "a".repeat(64) };
  it.each([
    ["size", { ...upload, size: "10" }],
    ["size", { ...upload, size: 0 }],
    ["size", { ...upload, size: 1.5 }],
    ["size", { ...upload, size: 1e20 }],
    ["sha256", { ...upload, sha256: "z".repeat(64) }],
    ["fileName", { ...upload, fileName: "" }],
    ["fileName", { ...upload, fileName: "a\u0000.pdf" }],
    ["fileName", { ...upload, fileName: "line\nbreak.pdf" }],
    ["fileName", { ...upload, fileName: "../etc/passwd" }],
    ["fileName", { ...upload, fileName: "back\\slash.pdf" }],
    ["fileName", { ...upload, fileName: `${"x".repeat(252)}.pdf` }],
    ["fileName", { ...upload, fileName: "invoice.pdf.exe" }],
    ["fileName", { ...upload, fileName: "invoice\u202Efdp.exe" }],
    ["fileName", { ...upload, fileName: "report.exe. . " }],
    ["contentType", { ...upload, contentType: "application/pdf\r\nX-Injected: 1" }],
    ["contentType", { ...upload, contentType: "pdf" }],
  ])("createUpload names %s", async (field, body) => {
    expectInputError(await world.client.post(`/workspaces/${workspaceId}/requests/${requestId}/uploads`, body), 400, field);
  });
});

describe("path ids", () => {
  it.each([
    ["../", `..%2F`],
    ["#", `%23x`],
    ["%2F", `%2Frequests`],
    ["a long id", "A".repeat(5000)],
    ["a dot", "ab.cd"],
  ])("rejects a workspace id with %s", async (_case, suffix) => {
    expectInputError(await world.staff.get(`/workspaces/${workspaceId}${suffix}`), 400, "workspaceId");
  });

  it.each([
    ["request", "requestId", () => `/workspaces/${workspaceId}/requests/x%2F..%2Fy`],
    ["file", "fileId", () => `/workspaces/${workspaceId}/files/${"F".repeat(65)}`],
    ["upload", "uploadId", () => `/workspaces/${workspaceId}/uploads/a%20b/complete`],
  ])("rejects a malformed %s id", async (_case, field, path) => {
    const response = field === "uploadId" ? await world.client.post(path()) : await world.staff.get(path());
    expectInputError(response, 400, field);
  });

  it("answers an undecodable path like API Gateway", async () => {
    const response = await world.staff.get(`/workspaces/%E0%A4%A`);
    expect(response.status).toBe(404);
  });
});

describe("query parameters", () => {
  it.each(["0", "-1", "abc", "1.5", "", "101", "9".repeat(400)])("rejects limit=%s", async (limit) => {
    expectInputError(await world.staff.get(`/workspaces/${workspaceId}/requests?limit=${limit}`), 400, "limit");
  });

  it("rejects a repeated limit", async () => {
    expectInputError(await world.staff.get(`/workspaces/${workspaceId}/requests?limit=1&limit=2`), 400, "limit");
  });

  it("rejects an unknown status", async () => {
    expectInputError(await world.staff.get(`/workspaces/${workspaceId}/requests?status=done`), 400, "status");
  });

  it("rejects a malformed requestId filter", async () => {
    expectInputError(await world.staff.get(`/workspaces/${workspaceId}/files?requestId=a.b`), 400, "requestId");
  });
});

describe("page tokens", () => {
  it.each([
    ["garbage", () => "garbage"],
    ["a truncated token", () => pageToken({ PK: `WS#${workspaceId}`, SK: "REQ#01" }).slice(0, 12)],
    ["padded base64", () => encodeURIComponent("eyJQSyI6IngifQ==")],
    ["an array", () => pageToken([1])],
    ["an empty object", () => pageToken({})],
    ["a number key value", () => pageToken({ PK: `WS#${workspaceId}`, SK: 5 })],
    ["another workspace", () => pageToken({ PK: "WS#01OTHER", SK: "REQ#01" })],
    ["the audit list", () => pageToken({ PK: `WS#${workspaceId}`, SK: "AUDIT#2026" })],
    ["the member list", () => pageToken({ PK: `WS#${workspaceId}`, SK: "MEMBER#x" })],
    ["an unknown attribute", () => pageToken({ PK: `WS#${workspaceId}`, SK: "REQ#01", owner: "x" })],
  ])("listRequests rejects %s", async (_case, token) => {
    expectInputError(await world.staff.get(`/workspaces/${workspaceId}/requests?nextToken=${token()}`), 400, "nextToken");
  });

  it("rejects a token over 2048 characters", async () => {
    expectInputError(await world.staff.get(`/workspaces/${workspaceId}/requests?nextToken=${"A".repeat(3000)}`), 400, "nextToken");
  });

  it("audit rejects a request-list token", async () => {
    const token = pageToken({ PK: `WS#${workspaceId}`, SK: `REQ#${requestId}` });
    expectInputError(await world.staff.get(`/workspaces/${workspaceId}/audit?nextToken=${token}`), 400, "nextToken");
  });

  it("request files reject another request's token", async () => {
    const token = pageToken({ GSI1PK: `WS#${workspaceId}#REQ#OTHER`, GSI1SK: "FILE#01" });
    const response = await world.staff.get(`/workspaces/${workspaceId}/files?requestId=${requestId}&nextToken=${token}`);
    expectInputError(response, 400, "nextToken");
  });

  it("listWorkspaces rejects another user's token", async () => {
    const token = pageToken({ GSI1PK: "USER#someone-else", GSI1SK: `WS#${workspaceId}` });
    expectInputError(await world.staff.get(`/workspaces?nextToken=${token}`), 400, "nextToken");
  });

  it("waiting list rejects another user's token", async () => {
    const token = pageToken({ GSI2PK: "ASSIGNEE#someone-else", GSI2SK: "2026-01-31#01" });
    expectInputError(await world.client.get(`/me/requests?nextToken=${token}`), 400, "nextToken");
  });
});

describe("CSV import content types", () => {
  it.each(["application/json", "application/octet-stream"])("rejects %s with 415", async (contentType) => {
    const response = await sendRaw("POST", `/workspaces/${workspaceId}/requests/import`, "title\nA\n", contentType);
    expect(response.status).toBe(415);
    expect(response.body.error.message).toContain("text/csv");
  });

  it("rejects a body over 1 MiB naming the body", async () => {
    const csv = `title\n${"x".repeat(2 * 1024 * 1024)}\n`;
    expectInputError(await sendRaw("POST", `/workspaces/${workspaceId}/requests/import`, csv, "text/csv"), 400, "body");
  });
});
