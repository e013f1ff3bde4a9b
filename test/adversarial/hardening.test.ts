import { CognitoIdentityProviderClient, InitiateAuthCommand } from "@aws-sdk/client-cognito-identity-provider";
import { readdir } from "node:fs/promises";
import { decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handler as workspacesHandler } from "../../functions/workspaces";
import { flattenClaims } from "../../local/gateway/event";
import { apiEvent, lambdaContext } from "../support/api-event";
import { minimalPdf } from "../support/fixtures";
import { STAFF_PASSWORD } from "../support/test-portal";
import { postForm, sha256Of, startUpload, uploadFile, waitForProcessed } from "../files/upload-steps";
import { CLIENT_EMAIL, expectInputError, pageToken, requestWithFile, STAFF_EMAIL, startEngagement, type Engagement } from "./engagement";

let world: Engagement;

beforeAll(async () => {
  world = await startEngagement();
});

afterAll(async () => {
  await world?.portal.close();
});

describe("page tokens from another list", () => {
  it("listRequests rejects a waiting-list token", async () => {
    for (const day of ["01", "02"]) {
      await world.staff.post(`/workspaces/${world.workspaceId}/requests`, { title: `Due ${day}`, assignee: CLIENT_EMAIL, dueDate: `2026-01-${day}` });
    }
    const waiting = await world.client.get("/me/requests?limit=1");
    expect(waiting.body.nextToken).toBeDefined();
    const response = await world.client.get(`/workspaces/${world.workspaceId}/requests?nextToken=${waiting.body.nextToken}`);
    expectInputError(response, 400, "nextToken");
  });

  it("listFiles rejects a request-files token", async () => {
    const requestId = await requestWithFile(world, "Two files");
    await uploadFile(world.client, { workspaceId: world.workspaceId, requestId }, {
      fileName: "second.pdf",
      contentType: "application/pdf",
      bytes: minimalPdf("second"),
    });
    const page = await world.client.get(`/workspaces/${world.workspaceId}/files?requestId=${requestId}&limit=1`);
    expect(page.body.nextToken).toBeDefined();
    const response = await world.client.get(`/workspaces/${world.workspaceId}/files?nextToken=${page.body.nextToken}`);
    expectInputError(response, 400, "nextToken");
  });

  it("listRequests rejects an index key in the token", async () => {
    const token = pageToken({ PK: `WS#${world.workspaceId}`, SK: "REQ#zzz", GSI1PK: "x" });
    expectInputError(await world.staff.get(`/workspaces/${world.workspaceId}/requests?nextToken=${token}`), 400, "nextToken");
  });

  it("listFiles by request rejects a token without its sort key", async () => {
    const requestId = "01REQUEST";
    const token = pageToken({ GSI1PK: `WS#${world.workspaceId}#REQ#${requestId}` });
    const response = await world.staff.get(`/workspaces/${world.workspaceId}/files?requestId=${requestId}&nextToken=${token}`);
    expectInputError(response, 400, "nextToken");
  });

  it("listWorkspaces for admins rejects a partial token", async () => {
    expectInputError(await world.admin.get(`/workspaces?nextToken=${pageToken({ GSI1PK: "WORKSPACES" })}`), 400, "nextToken");
  });
});

describe("invitations", () => {
  it("concurrent adds send one invitation", async () => {
    const email = "double-click@fabrikam.example";
    const responses = await Promise.all(
      Array.from({ length: 5 }, () => world.staff.post(`/workspaces/${world.workspaceId}/members`, { email, role: "client" })),
    );
    expect(responses.filter((response) => response.status === 201)).toHaveLength(1);
    const messages = (await readdir(world.portal.outboxDir)).filter((name) => name.includes(email));
    expect(messages).toHaveLength(1);
  });
});

describe("file names that launch programs", () => {
  // Plain-text formats that Windows or a desktop opens as a connection,
  // query, shortcut or installer rather than as a document.
  it.each([
    "Remote support.rdp",
    "Price list.iqy",
    "Ledger.slk",
    "Shared drive.library-ms",
    "Search.searchConnector-ms",
    "Portal.website",
    "Statement.desktop",
    "Settings.settingcontent-ms",
    "Update.appinstaller",
  ])("rejects %s", async (fileName) => {
    const bytes = Buffer.from("full address:s:attacker.example\r\n");
    const created = await world.client.post(`/workspaces/${world.workspaceId}/requests/${await openRequest()}/uploads`, {
      fileName,
      contentType: "application/octet-stream",
      size: bytes.length,
      sha256: sha256Of(bytes),
    });
    if (created.status === 400) return;
    expect(created.status).toBe(201);
    expect(await postForm(created.body, bytes, fileName)).toBe(204);
    const file = await waitForProcessed(world.client, world.workspaceId, created.body.fileId);
    expect(file.status).toBe("rejected");
  });
});

let sharedRequestId: string | undefined;
async function openRequest(): Promise<string> {
  if (!sharedRequestId) {
    const created = await world.staff.post(`/workspaces/${world.workspaceId}/requests`, { title: "Uploads" });
    sharedRequestId = created.body.requestId as string;
  }
  return sharedRequestId;
}

describe("control characters in names", () => {
  it.each([
    ["a line break", "Audit 2025\nTemporary password: see below"],
    ["NUL", "Audit\u00002025"],
  ])("createWorkspace rejects %s", async (_case, name) => {
    expectInputError(await world.staff.post("/workspaces", { name, clientName: "Fabrikam" }), 400, "name");
  });

  it("createRequest rejects NUL in the title", async () => {
    expectInputError(await world.staff.post(`/workspaces/${world.workspaceId}/requests`, { title: "Bank\u0000statements" }), 400, "title");
  });

  it("createUpload rejects a right-to-left override", async () => {
    const response = await world.client.post(`/workspaces/${world.workspaceId}/requests/${await openRequest()}/uploads`, {
      fileName: "Invoice \u202Efdp.txt",
      contentType: "text/plain",
      size: 10,
      sha256: "a".repeat(64),
    });
    expectInputError(response, 400, "fileName");
  });
});

describe("error messages", () => {
  it("names the body for a JSON array", async () => {
    const response = await fetch(`${world.portal.apiUrl}/workspaces`, {
      method: "POST",
      headers: { authorization: `Bearer ${world.staff.accessToken}`, "content-type": "application/json" },
      body: "[]",
    });
    const body = await response.json();
    expect(response.status).toBe(400);
    expect(body.error.message).toMatch(/^body: /);
  });
});

describe("request lifecycle", () => {
  it("keeps late files out of an accepted request", async () => {
    const requestId = await requestWithFile(world, "Accepted early");
    const bytes = minimalPdf("late");
    const late = await startUpload(world.client, { workspaceId: world.workspaceId, requestId }, {
      fileName: "late.pdf",
      contentType: "application/pdf",
      bytes,
    });
    expect((await world.client.post(`/workspaces/${world.workspaceId}/requests/${requestId}/submit`)).status).toBe(200);
    expect((await world.staff.post(`/workspaces/${world.workspaceId}/requests/${requestId}/review`, { decision: "accept" })).status).toBe(200);
    const accepted = await world.staff.get(`/workspaces/${world.workspaceId}/requests/${requestId}`);

    expect(await postForm(late, bytes, "late.pdf")).toBe(204);
    const file = await waitForProcessed(world.client, world.workspaceId, late.fileId);
    const after = await world.staff.get(`/workspaces/${world.workspaceId}/requests/${requestId}`);
    expect(file.status).not.toBe("available");
    expect(after.body.availableFileCount).toBe(accepted.body.availableFileCount);
  });
});

describe("CSV import", () => {
  it("skips rows of only delimiters", async () => {
    const csv = "title,description,category,assignee,due_date,sensitivity\nBank statements,,,,,\n,,,,,\n,,,,,\n";
    const response = await world.staff.request("POST", `/workspaces/${world.workspaceId}/requests/import`, { text: csv });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    expect(response.body.created).toBe(1);
  });
});

describe("handler behind API Gateway", () => {
  it("rejects an ID token's claims", async () => {
    const cognito = new CognitoIdentityProviderClient({
      region: world.portal.cognito.region ?? "us-east-1",
      endpoint: world.portal.cognito.endpoint,
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
    });
    let idToken: string;
    try {
      const result = await cognito.send(
        new InitiateAuthCommand({
          AuthFlow: "USER_PASSWORD_AUTH",
          ClientId: world.portal.cognito.clientId,
          AuthParameters: { USERNAME: STAFF_EMAIL, PASSWORD: STAFF_PASSWORD },
        }),
      );
      idToken = result.AuthenticationResult!.IdToken!;
    } finally {
      cognito.destroy();
    }
    // API Gateway's JWT authorizer passes an ID token whose aud is the app client.
    const claims = flattenClaims(decodeJwt(idToken));
    expect(claims.token_use).toBe("id");
    const result = await workspacesHandler(apiEvent({ routeKey: "GET /me", claims }), lambdaContext);
    expect(result.statusCode).toBe(401);
  });
});
