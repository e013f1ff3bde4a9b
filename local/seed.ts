import { CognitoIdentityProviderClient, InitiateAuthCommand } from "@aws-sdk/client-cognito-identity-provider";
import { access, writeFile } from "node:fs/promises";
import type { Logger } from "../shared/logger";
import {
  CONTOSO,
  DEMO_ADMIN,
  DEMO_STAFF,
  NORTHWIND,
  taxReturnRequests,
  yearEndRequestCsv,
  type DemoOrganisation,
} from "./seed-data";
import { provisionUser } from "./users";

export interface SeedOptions {
  apiUrl: string;
  cognitoEndpoint: string;
  region: string;
  userPoolClientId: string;
  /** Written when the seed has finished; while it exists the seed does nothing. */
  markerFile: string;
  log: Logger;
}

export interface SeededWorkspace {
  workspaceId: string;
  name: string;
  clientName: string;
}

export type SeedResult = { status: "seeded"; workspaces: SeededWorkspace[] } | { status: "already-seeded" };

class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

type ApiCall = <T>(method: string, path: string, body?: { json: unknown } | { csv: string }) => Promise<T>;

function apiClient(apiUrl: string, accessToken: string): ApiCall {
  return async <T>(method: string, path: string, body?: { json: unknown } | { csv: string }): Promise<T> => {
    const headers: Record<string, string> = { Authorization: `Bearer ${accessToken}` };
    let payload: string | undefined;
    if (body && "json" in body) {
      headers["Content-Type"] = "application/json";
      payload = JSON.stringify(body.json);
    } else if (body) {
      headers["Content-Type"] = "text/csv";
      payload = body.csv;
    }
    const response = await fetch(`${apiUrl}${path}`, { method, headers, body: payload });
    const text = await response.text();
    if (!response.ok) {
      let message = text;
      try {
        const parsed = JSON.parse(text) as { error?: { message?: string }; message?: string };
        message = parsed.error?.message ?? parsed.message ?? text;
      } catch {
        // Not JSON: keep the raw text.
      }
      throw new ApiError(response.status, `${method} ${path} returned ${response.status}: ${message}`);
    }
    return (text === "" ? undefined : JSON.parse(text)) as T;
  };
}

async function signIn(options: SeedOptions, email: string, password: string): Promise<string> {
  const cognito = new CognitoIdentityProviderClient({
    region: options.region,
    endpoint: options.cognitoEndpoint,
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  try {
    const result = await cognito.send(
      new InitiateAuthCommand({
        ClientId: options.userPoolClientId,
        AuthFlow: "USER_PASSWORD_AUTH",
        AuthParameters: { USERNAME: email, PASSWORD: password },
      }),
    );
    const token = result.AuthenticationResult?.AccessToken;
    if (!token) throw new Error(`Sign-in of ${email} returned the challenge ${result.ChallengeName ?? "(none)"} instead of tokens`);
    return token;
  } finally {
    cognito.destroy();
  }
}

interface Page<T> {
  items: T[];
  nextToken?: string;
}

async function findWorkspace(api: ApiCall, organisation: DemoOrganisation): Promise<SeededWorkspace | undefined> {
  let nextToken: string | undefined;
  do {
    const query = `?limit=100${nextToken ? `&nextToken=${encodeURIComponent(nextToken)}` : ""}`;
    const page = await api<Page<SeededWorkspace>>("GET", `/workspaces${query}`);
    const found = page.items.find(
      (workspace) => workspace.name === organisation.workspaceName && workspace.clientName === organisation.clientName,
    );
    if (found) return found;
    nextToken = page.nextToken;
  } while (nextToken);
  return undefined;
}

/** Finds the organisation's workspace or creates it, so a seed that stopped half-way can run again. */
async function ensureWorkspace(api: ApiCall, organisation: DemoOrganisation): Promise<SeededWorkspace> {
  const existing = await findWorkspace(api, organisation);
  if (existing) return existing;
  return api<SeededWorkspace>("POST", "/workspaces", {
    json: { name: organisation.workspaceName, clientName: organisation.clientName },
  });
}

async function ensureMember(api: ApiCall, workspaceId: string, email: string): Promise<void> {
  try {
    await api("POST", `/workspaces/${workspaceId}/members`, { json: { email, role: "client" } });
  } catch (error) {
    // 409: already a member from an earlier, interrupted run.
    if (!(error instanceof ApiError && error.status === 409)) throw error;
  }
}

async function hasRequests(api: ApiCall, workspaceId: string): Promise<boolean> {
  const page = await api<Page<unknown>>("GET", `/workspaces/${workspaceId}/requests?limit=1`);
  return page.items.length > 0;
}

async function fileExists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Seeds the demo through the public API, as a firm would set it up: staff
 * accounts by provisioning (what `hubsecure users create` does), then
 * workspaces, members and requests by HTTP calls signed in as the staff
 * member. Nothing is written to the table directly.
 */
export async function seedDemo(options: SeedOptions): Promise<SeedResult> {
  if (await fileExists(options.markerFile)) return { status: "already-seeded" };
  const { log } = options;

  await provisionUser({ email: DEMO_ADMIN.email, role: "admin", password: DEMO_ADMIN.password });
  await provisionUser({ email: DEMO_STAFF.email, role: "staff", password: DEMO_STAFF.password });
  for (const organisation of [NORTHWIND, CONTOSO]) {
    await provisionUser({ email: organisation.contact.email, role: "client", password: organisation.contact.password });
  }
  log.info("demo users provisioned");

  const api = apiClient(options.apiUrl, await signIn(options, DEMO_STAFF.email, DEMO_STAFF.password));
  const workspaces: SeededWorkspace[] = [];

  for (const organisation of [NORTHWIND, CONTOSO]) {
    const workspace = await ensureWorkspace(api, organisation);
    await ensureMember(api, workspace.workspaceId, organisation.contact.email);
    await ensureMember(api, workspace.workspaceId, organisation.invitedEmail);
    workspaces.push({ workspaceId: workspace.workspaceId, name: workspace.name, clientName: workspace.clientName });
  }

  const [northwind, contoso] = workspaces as [SeededWorkspace, SeededWorkspace];
  if (!(await hasRequests(api, northwind.workspaceId))) {
    const csv = yearEndRequestCsv(NORTHWIND.contact.email, NORTHWIND.invitedEmail);
    await api("POST", `/workspaces/${northwind.workspaceId}/requests/import`, { csv });
  }
  if (!(await hasRequests(api, contoso.workspaceId))) {
    for (const request of taxReturnRequests(CONTOSO.contact.email)) {
      await api("POST", `/workspaces/${contoso.workspaceId}/requests`, { json: request });
    }
  }

  await writeFile(options.markerFile, `${JSON.stringify({ seededAt: new Date().toISOString(), workspaces }, null, 2)}\n`);
  log.info("demo seeded", { workspaceIds: workspaces.map((workspace) => workspace.workspaceId) });
  return { status: "seeded", workspaces };
}
