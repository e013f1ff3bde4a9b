import { CognitoIdentityProviderClient, InitiateAuthCommand } from "@aws-sdk/client-cognito-identity-provider";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONTOSO, DEMO_STAFF, NORTHWIND, REQUEST_CSV_HEADER, yearEndRequestCsv } from "../../local/seed-data";
import { startLocalStack, type LocalStack } from "../../local/stack";

async function signIn(stack: LocalStack, email: string, password: string): Promise<string> {
  const cognito = new CognitoIdentityProviderClient({
    region: stack.outputs.Region,
    endpoint: stack.outputs.CognitoEndpoint,
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  try {
    const result = await cognito.send(
      new InitiateAuthCommand({
        ClientId: stack.outputs.UserPoolClientId,
        AuthFlow: "USER_PASSWORD_AUTH",
        AuthParameters: { USERNAME: email, PASSWORD: password },
      }),
    );
    return result.AuthenticationResult!.AccessToken!;
  } finally {
    cognito.destroy();
  }
}

async function getJson<T>(stack: LocalStack, token: string, path: string): Promise<T> {
  const response = await fetch(`${stack.outputs.ApiUrl}${path}`, { headers: { Authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

describe("year-end request CSV", () => {
  it("header and quoting", () => {
    const csv = yearEndRequestCsv("a@client.example", "b@client.example", new Date("2026-01-05T00:00:00Z"));
    const lines = csv.trim().split("\n");
    expect(lines[0]).toBe(REQUEST_CSV_HEADER.join(","));
    expect(lines).toHaveLength(11);
    expect(csv).toContain('"Receipts for the items on the ""large expenses"" tab; photos from a phone are fine."');
    expect(csv).toContain(",2026-01-12,");
  });
});

describe("demo seed", () => {
  let dataDir: string;
  let stack: LocalStack;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "hubsecure-seed-"));
    stack = await startLocalStack({ dataDir, seed: true });
  });

  afterAll(async () => {
    await stack?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("seeds two workspaces through the API", async () => {
    expect(stack.seed?.status).toBe("seeded");
    const token = await signIn(stack, DEMO_STAFF.email, DEMO_STAFF.password);
    const workspaces = await getJson<{ items: Array<{ workspaceId: string; clientName: string }> }>(stack, token, "/workspaces");
    expect(workspaces.items.map((workspace) => workspace.clientName).sort()).toEqual(["Contoso Dental", "Northwind Traders"]);

    const northwind = workspaces.items.find((workspace) => workspace.clientName === NORTHWIND.clientName)!;
    const requests = await getJson<{ items: Array<{ assignee?: { email: string } }> }>(
      stack,
      token,
      `/workspaces/${northwind.workspaceId}/requests?limit=100`,
    );
    expect(requests.items).toHaveLength(10);
    const members = await getJson<{ items: Array<{ email: string }> }>(stack, token, `/workspaces/${northwind.workspaceId}/members`);
    expect(members.items.map((member) => member.email)).toEqual(
      expect.arrayContaining([DEMO_STAFF.email, NORTHWIND.contact.email, NORTHWIND.invitedEmail]),
    );
  });

  it("invitations land in the outbox", async () => {
    const files = await readdir(stack.outputs.OutboxDir);
    expect(files.filter((name) => name.endsWith(".eml"))).toHaveLength(2);
    const messages = await Promise.all(files.map((name) => readFile(join(stack.outputs.OutboxDir, name), "utf8")));
    expect(messages.some((message) => message.includes(CONTOSO.invitedEmail))).toBe(true);
  });

  it("client contact sees only their workspace", async () => {
    const token = await signIn(stack, CONTOSO.contact.email, CONTOSO.contact.password);
    const workspaces = await getJson<{ items: Array<{ clientName: string }> }>(stack, token, "/workspaces");
    expect(workspaces.items.map((workspace) => workspace.clientName)).toEqual(["Contoso Dental"]);
  });

  it("second start does not seed again", async () => {
    await stack.close();
    stack = await startLocalStack({ dataDir, seed: true });
    expect(stack.seed?.status).toBe("already-seeded");
  });
});
