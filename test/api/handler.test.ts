import { describe, expect, it } from "vitest";
import { createApiHandler, type Operation } from "../../shared/api/handler";
import { parseGroupsClaim } from "../../shared/api/caller";
import { ConflictError } from "../../shared/errors";
import { apiEvent, lambdaContext } from "../support/api-event";

const echo: Operation = async ({ caller }, input) => ({ caller, ...input });
const failing: Operation = async () => {
  throw new Error("DynamoDB table hubsecure-table-internal unreachable");
};
const conflicting: Operation = async () => {
  throw new ConflictError("Cannot accept a request that is open");
};

const handler = createApiHandler("requests", {
  listRequests: echo,
  listWaitingRequests: echo,
  updateRequest: echo,
  createRequest: echo,
  importRequests: echo,
  getRequest: failing,
  submitRequest: conflicting,
  reviewRequest: echo,
  cancelRequest: echo,
});

const WS = "01HWORKSPACE";

async function call(event: Parameters<typeof handler>[0]) {
  const result = await handler(event, lambdaContext);
  return { status: result.statusCode, body: JSON.parse(String(result.body)) };
}

describe("API handler", () => {
  it("passes parsed input to the operation", async () => {
    const { status, body } = await call(
      apiEvent({
        routeKey: "POST /workspaces/{workspaceId}/requests",
        pathParameters: { workspaceId: WS },
        body: JSON.stringify({ title: "  Bank statements ", dueDate: "2026-01-31" }),
      }),
    );
    expect(status).toBe(201);
    expect(body.body).toEqual({ title: "Bank statements", dueDate: "2026-01-31" });
    expect(body.caller).toEqual({ userId: "user-1", username: "user-1", groups: ["staff"] });
  });

  it("rejects malformed JSON with 400", async () => {
    const { status, body } = await call(
      apiEvent({ routeKey: "POST /workspaces/{workspaceId}/requests", pathParameters: { workspaceId: WS }, body: "{title:" }),
    );
    expect(status).toBe(400);
    expect(body.error.code).toBe("invalid_request");
    expect(body.error.message).toMatch(/^body: is not valid JSON/);
  });

  it("names the invalid field", async () => {
    const { status, body } = await call(
      apiEvent({
        routeKey: "POST /workspaces/{workspaceId}/requests",
        pathParameters: { workspaceId: WS },
        body: JSON.stringify({ title: "x", dueDate: "31/01/2026" }),
      }),
    );
    expect(status).toBe(400);
    expect(body.error.message).toMatch(/^dueDate: must be a date in the form YYYY-MM-DD/);
  });

  it("rejects unknown body fields", async () => {
    const { status, body } = await call(
      apiEvent({
        routeKey: "POST /workspaces/{workspaceId}/requests",
        pathParameters: { workspaceId: WS },
        body: JSON.stringify({ title: "x", owner: "me" }),
      }),
    );
    expect(status).toBe(400);
    expect(body.error.message).toMatch(/unknown field "owner"/);
  });

  it("requires a reason to return", async () => {
    const { status, body } = await call(
      apiEvent({
        routeKey: "POST /workspaces/{workspaceId}/requests/{requestId}/review",
        pathParameters: { workspaceId: WS, requestId: "R1" },
        body: JSON.stringify({ decision: "return" }),
      }),
    );
    expect(status).toBe(400);
    expect(body.error.message).toMatch(/^reason: is required/);
  });

  it("rejects a malformed path id", async () => {
    const { status, body } = await call(
      apiEvent({ routeKey: "GET /workspaces/{workspaceId}/requests", pathParameters: { workspaceId: "../etc" } }),
    );
    expect(status).toBe(400);
    expect(body.error.message).toMatch(/^workspaceId:/);
  });

  it("rejects a limit out of range", async () => {
    const { status, body } = await call(
      apiEvent({ routeKey: "GET /workspaces/{workspaceId}/requests", pathParameters: { workspaceId: WS }, query: { limit: "1000" } }),
    );
    expect(status).toBe(400);
    expect(body.error.message).toMatch(/^limit:/);
  });

  it("maps an application error to its status", async () => {
    const { status, body } = await call(
      apiEvent({ routeKey: "POST /workspaces/{workspaceId}/requests/{requestId}/submit", pathParameters: { workspaceId: WS, requestId: "R1" } }),
    );
    expect(status).toBe(409);
    expect(body.error).toEqual({ code: "conflict", message: "Cannot accept a request that is open" });
  });

  it("hides internal errors", async () => {
    const { status, body } = await call(
      apiEvent({ routeKey: "GET /workspaces/{workspaceId}/requests/{requestId}", pathParameters: { workspaceId: WS, requestId: "R1" } }),
    );
    expect(status).toBe(500);
    expect(JSON.stringify(body)).not.toMatch(/DynamoDB|hubsecure-table|stack/);
  });

  it("rejects a request without a subject claim", async () => {
    const { status } = await call(
      apiEvent({ routeKey: "GET /workspaces/{workspaceId}/requests", pathParameters: { workspaceId: WS }, claims: {} }),
    );
    expect(status).toBe(401);
  });

  it("rejects an ID token's claims", async () => {
    const { status, body } = await call(
      apiEvent({
        routeKey: "GET /workspaces/{workspaceId}/requests",
        pathParameters: { workspaceId: WS },
        claims: { sub: "user-1", token_use: "id", aud: "client-1" },
      }),
    );
    expect(status).toBe(401);
    expect(body.error.message).toMatch(/access token/);
  });

  it("answers 404 for a route of another group", async () => {
    const { status } = await call(apiEvent({ routeKey: "GET /workspaces" }));
    expect(status).toBe(404);
  });

  it("rejects a CSV import sent as JSON", async () => {
    const { status, body } = await call(
      apiEvent({ routeKey: "POST /workspaces/{workspaceId}/requests/import", pathParameters: { workspaceId: WS }, body: "{}" }),
    );
    expect(status).toBe(415);
    expect(body.error.message).toMatch(/text\/csv/);
  });
});

describe("groups claim", () => {
  it("parses API Gateway's flattened form", () => {
    expect(parseGroupsClaim("[admin staff]")).toEqual(["admin", "staff"]);
  });

  it("parses an array", () => {
    expect(parseGroupsClaim(["staff"])).toEqual(["staff"]);
  });

  it("treats a missing claim as no groups", () => {
    expect(parseGroupsClaim(undefined)).toEqual([]);
  });
});
