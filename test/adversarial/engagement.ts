import { expect } from "vitest";
import { provisionUser } from "../../shared/users/provision";
import type { ApiClient, ApiResponse } from "../support/api-client";
import { minimalPdf } from "../support/fixtures";
import { CLIENT_PASSWORD, startTestPortal, type TestPortal } from "../support/test-portal";
import { uploadFile } from "../files/upload-steps";

/**
 * One client engagement on a fresh local portal, with a caller for every
 * role the permission policy distinguishes.
 */
export interface Engagement {
  portal: TestPortal;
  workspaceId: string;
  /** Firm staff who created the workspace. */
  staff: ApiClient;
  /** Firm admin who is not a member. Admins act as staff in every workspace. */
  admin: ApiClient;
  /** Firm staff who is not a member of the workspace. */
  outsider: ApiClient;
  /** Client contact invited to the workspace. */
  client: ApiClient;
  /** A second client contact of the same workspace. */
  colleague: ApiClient;
  /** Signed-in client user who belongs to no workspace at all. */
  loner: ApiClient;
}

export const STAFF_EMAIL = "preparer@firm.example";
export const CLIENT_EMAIL = "controller@fabrikam.example";
export const COLLEAGUE_EMAIL = "payroll@fabrikam.example";

export async function startEngagement(): Promise<Engagement> {
  const portal = await startTestPortal();
  const staff = await portal.createStaff(STAFF_EMAIL);
  const admin = await portal.createStaff("partner@firm.example", "admin");
  const outsider = await portal.createStaff("other-team@firm.example");
  const created = await staff.post("/workspaces", { name: "Year-end 2025", clientName: "Fabrikam Ltd" });
  expect(created.status).toBe(201);
  const workspaceId = created.body.workspaceId as string;
  const client = await portal.inviteClient(staff, workspaceId, CLIENT_EMAIL);
  const colleague = await portal.inviteClient(staff, workspaceId, COLLEAGUE_EMAIL);
  await provisionUser({ email: "walk-in@elsewhere.example", kind: "client", permanentPassword: CLIENT_PASSWORD });
  const loner = await portal.signInAs("walk-in@elsewhere.example", CLIENT_PASSWORD);
  return { portal, workspaceId, staff, admin, outsider, client, colleague, loner };
}

/** Creates an open request assigned to the client, with one available file. */
export async function requestWithFile(world: Engagement, title: string): Promise<string> {
  const created = await world.staff.post(`/workspaces/${world.workspaceId}/requests`, { title, assignee: CLIENT_EMAIL });
  expect(created.status).toBe(201);
  const requestId = created.body.requestId as string;
  const { file } = await uploadFile(world.client, { workspaceId: world.workspaceId, requestId }, {
    fileName: `${title}.pdf`,
    contentType: "application/pdf",
    bytes: minimalPdf(title),
  });
  expect(file.status).toBe("available");
  return requestId;
}

/** Encodes a key the way the API encodes page tokens, for forged tokens. */
export function pageToken(key: unknown): string {
  return Buffer.from(JSON.stringify(key), "utf8").toString("base64url");
}

/**
 * Words that would reveal storage, SDK or code internals in an error body:
 * key attribute and index names, SDK exception names, stand-in names and
 * source locations.
 */
const INTERNAL_WORDS = /\b(PK|SK|GSI[12](PK|SK)?|\w+Exception|DynamoDB|dynalite|s3rver|TransactWriteItems)\b|\.ts:\d+|\bat \w+ \(/;

/** Asserts a 4xx error body that names `field` and leaks nothing internal. */
export function expectInputError(response: ApiResponse, status: number, field: string): void {
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  const message: string = response.body?.error?.message ?? "";
  expect(message).toContain(field);
  expect(JSON.stringify(response.body)).not.toMatch(INTERNAL_WORDS);
}

/** Asserts an error response that leaks nothing internal, whatever its status. */
export function expectNoInternals(response: ApiResponse): void {
  expect(JSON.stringify(response.body ?? "")).not.toMatch(INTERNAL_WORDS);
}

/** Returns the audit actions recorded for one target, oldest first. */
export async function auditActionsFor(world: Engagement, targetId: string): Promise<string[]> {
  const actions: string[] = [];
  let nextToken: string | undefined;
  do {
    const query = nextToken ? `?limit=100&nextToken=${nextToken}` : "?limit=100";
    const page = await world.staff.get(`/workspaces/${world.workspaceId}/audit${query}`);
    expect(page.status).toBe(200);
    for (const event of page.body.items) if (event.target.id === targetId) actions.push(event.action);
    nextToken = page.body.nextToken;
  } while (nextToken);
  return actions.reverse();
}
