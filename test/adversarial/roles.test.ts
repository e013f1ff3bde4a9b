import { InitiateAuthCommand, CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { decodeJwt, decodeProtectedHeader, generateKeyPair, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROUTES } from "../../shared/api/routes";
import { ApiClient } from "../support/api-client";
import { minimalPdf } from "../support/fixtures";
import { STAFF_PASSWORD } from "../support/test-portal";
import { startUpload, postForm } from "../files/upload-steps";
import { CLIENT_EMAIL, expectNoInternals, requestWithFile, STAFF_EMAIL, startEngagement, type Engagement } from "./engagement";

type Role = "client" | "colleague" | "staff" | "admin" | "outsider" | "loner";

let world: Engagement;
const ids: Record<string, string> = {};

/** A valid body for each write, so a 403 or 404 cannot come from validation. */
const BODIES: Record<string, unknown> = {
  createWorkspace: { name: "Side project", clientName: "Fabrikam" },
  addMember: { email: "newcomer@fabrikam.example", role: "client" },
  createRequest: { title: "Extra request" },
  submitRequest: {},
  reviewRequest: { decision: "accept" },
  cancelRequest: {},
  updateRequest: { title: "Renamed by someone without the right" },
  createUpload: { fileName: "x.pdf", contentType: "application/pdf", size: 4, sha256: "a".repeat(64) },
};

beforeAll(async () => {
  world = await startEngagement();
  ids.workspaceId = world.workspaceId;
  ids.requestId = await requestWithFile(world, "Bank statements");
  const files = await world.client.get(`/workspaces/${world.workspaceId}/files?requestId=${ids.requestId}`);
  ids.fileId = files.body.items[0].fileId;
  const bytes = minimalPdf("pending");
  const upload = await startUpload(world.client, { workspaceId: world.workspaceId, requestId: ids.requestId }, {
    fileName: "pending.pdf",
    contentType: "application/pdf",
    bytes,
  });
  expect(await postForm(upload, bytes, "pending.pdf")).toBe(204);
  ids.uploadId = upload.uploadId;
  ids.userId = (await world.colleague.get("/me")).body.userId;
});

afterAll(async () => {
  await world?.portal.close();
});

function callerFor(role: Role): ApiClient {
  const callers: Record<Role, ApiClient> = {
    client: world.client,
    colleague: world.colleague,
    staff: world.staff,
    admin: world.admin,
    outsider: world.outsider,
    loner: world.loner,
  };
  return callers[role];
}

function pathFor(template: string): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => ids[name] ?? "missing");
}

async function call(as: ApiClient, operationId: string) {
  const route = ROUTES.find((candidate) => candidate.operationId === operationId)!;
  const path = pathFor(route.path);
  if (route.method === "GET") return as.get(path);
  if (route.method === "DELETE") return as.request("DELETE", path);
  if (route.bodyContentType === "text/csv") return as.request("POST", path, { text: "title\nExtra\n" });
  return as.request(route.method, path, { json: BODIES[operationId] ?? {} });
}

/**
 * Outcomes that change nothing: denials, and reads by those who may read.
 * Writes that would succeed are covered by the workflow suites.
 */
const DENIALS: Array<[string, Role, number]> = [
  ["createWorkspace", "client", 403],
  ["createWorkspace", "loner", 403],
  ["addMember", "client", 403],
  ["removeMember", "client", 403],
  ["createRequest", "client", 403],
  ["updateRequest", "client", 403],
  ["importRequests", "client", 403],
  ["submitRequest", "staff", 403],
  ["submitRequest", "admin", 403],
  ["reviewRequest", "client", 403],
  ["cancelRequest", "client", 403],
  ["listAuditEvents", "client", 403],
  ["completeUpload", "staff", 404],
  ["completeUpload", "admin", 404],
  ["completeUpload", "colleague", 404],
];

const MEMBER_READS = ["getWorkspace", "listMembers", "listRequests", "getRequest", "listFiles", "getFile", "getFileDownload"];
const WORKSPACE_ROUTES = ROUTES.filter((route) => route.path.includes("{workspaceId}")).map((route) => route.operationId);

describe("role checks", () => {
  it.each(DENIALS)("%s by %s is %i", async (operationId, role, status) => {
    const response = await call(callerFor(role), operationId);
    expect(response.status, JSON.stringify(response.body)).toBe(status);
    expectNoInternals(response);
  });

  for (const role of ["client", "staff", "admin"] as const) {
    it.each(MEMBER_READS)(`%s by ${role} is 200`, async (operationId) => {
      const response = await call(callerFor(role), operationId);
      expect(response.status, JSON.stringify(response.body)).toBe(200);
    });
  }

  it("audit is readable by staff and admin", async () => {
    expect((await call(world.staff, "listAuditEvents")).status).toBe(200);
    expect((await call(world.admin, "listAuditEvents")).status).toBe(200);
  });

  for (const role of ["outsider", "loner"] as const) {
    it.each(WORKSPACE_ROUTES)(`%s by ${role} is 404`, async (operationId) => {
      const response = await call(callerFor(role), operationId);
      expect(response.status, JSON.stringify(response.body)).toBe(404);
      expect(response.body.error.message).not.toContain("Bank statements");
    });
  }

  it("403 names the role, not the resource", async () => {
    const response = await call(world.client, "reviewRequest");
    expect(response.body.error.message).toContain("client");
    expect(response.body.error.message).not.toContain(ids.requestId);
  });

  it("lets the uploader complete an upload", async () => {
    const response = await call(world.client, "completeUpload");
    expect(response.status, JSON.stringify(response.body)).toBe(202);
  });

  it("left the request unchanged", async () => {
    const request = await world.staff.get(`/workspaces/${world.workspaceId}/requests/${ids.requestId}`);
    expect(request.body.status).toBe("open");
    const members = await world.staff.get(`/workspaces/${world.workspaceId}/members`);
    expect(members.body.items.map((member: any) => member.email)).not.toContain("newcomer@fabrikam.example");
  });
});

describe("caller without memberships", () => {
  it("sees no workspaces", async () => {
    const listed = await world.loner.get("/workspaces");
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual([]);
  });

  it("waits on nothing", async () => {
    const waiting = await world.loner.get("/me/requests");
    expect(waiting.status).toBe(200);
    expect(waiting.body.items).toEqual([]);
  });

  it("is not staff on /me", async () => {
    const me = await world.loner.get("/me");
    expect(me.body).toMatchObject({ email: "walk-in@elsewhere.example", isStaff: false, isAdmin: false });
  });

  it("admin sees every workspace", async () => {
    const listed = await world.admin.get("/workspaces");
    expect(listed.body.items.map((workspace: any) => workspace.workspaceId)).toContain(world.workspaceId);
  });
});

describe("bearer tokens", () => {
  let idToken: string;
  let accessToken: string;

  beforeAll(async () => {
    const cognito = new CognitoIdentityProviderClient({
      region: world.portal.cognito.region ?? "us-east-1",
      endpoint: world.portal.cognito.endpoint,
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
    });
    try {
      const result = await cognito.send(
        new InitiateAuthCommand({
          AuthFlow: "USER_PASSWORD_AUTH",
          ClientId: world.portal.cognito.clientId,
          AuthParameters: { USERNAME: STAFF_EMAIL, PASSWORD: STAFF_PASSWORD },
        }),
      );
      idToken = result.AuthenticationResult!.IdToken!;
      accessToken = result.AuthenticationResult!.AccessToken!;
    } finally {
      cognito.destroy();
    }
  });

  async function expectUnauthorized(token: string | undefined) {
    const as = new ApiClient(world.portal.apiUrl, token);
    for (const operationId of ["getMe", "getWorkspace", "createRequest", "listAuditEvents"]) {
      const response = await call(as, operationId);
      expect(response.status, `${operationId} ${JSON.stringify(response.body)}`).toBe(401);
      expectNoInternals(response);
    }
  }

  it("rejects no token", async () => {
    await expectUnauthorized(undefined);
  });

  it("rejects garbage", async () => {
    await expectUnauthorized("not-a-jwt");
  });

  it("rejects an ID token", async () => {
    await expectUnauthorized(idToken);
  });

  it("rejects a token signed by another key", async () => {
    const { privateKey } = await generateKeyPair("RS256");
    const forged = await new SignJWT(decodeJwt(accessToken))
      .setProtectedHeader(decodeProtectedHeader(accessToken) as { alg: string })
      .sign(privateKey);
    await expectUnauthorized(forged);
  });

  it("rejects edited claims", async () => {
    const [header, payload, signature] = accessToken.split(".");
    const claims = { ...JSON.parse(Buffer.from(payload!, "base64url").toString()), "cognito:groups": ["admin", "staff"] };
    await expectUnauthorized(`${header}.${Buffer.from(JSON.stringify(claims)).toString("base64url")}.${signature}`);
  });

  it("rejects an alg none token", async () => {
    const claims = Buffer.from(JSON.stringify(decodeJwt(accessToken))).toString("base64url");
    const header = Buffer.from(JSON.stringify({ alg: "none", typ: "JWT" })).toString("base64url");
    await expectUnauthorized(`${header}.${claims}.`);
  });

  it("rejects every authorized route without a token", async () => {
    for (const route of ROUTES.filter((candidate) => candidate.auth === "user")) {
      const response = await call(world.portal.anonymous, route.operationId);
      expect(response.status, route.operationId).toBe(401);
    }
  });

  it("accepts the client's own access token", async () => {
    const me = await world.client.get("/me");
    expect(me.body.email).toBe(CLIENT_EMAIL);
  });
});
