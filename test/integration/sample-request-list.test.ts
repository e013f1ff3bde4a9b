import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiClient } from "../support/api-client";
import { startTestPortal, type TestPortal } from "../support/test-portal";

/**
 * Imports the year-end request list from the sample folder that sits beside
 * the repository in CI, as a firm's staff would. A clone without that folder
 * skips the suite.
 */
const SAMPLE_CSV = fileURLToPath(new URL("../../../shared/samples/request-lists/year-end-2025.csv", import.meta.url));
const samplePresent = existsSync(SAMPLE_CSV);

if (!samplePresent) {
  console.log(`Sample request list not found at ${SAMPLE_CSV}; the sample import suite is skipped.`);
}

describe.skipIf(!samplePresent)("sample year-end request list", () => {
  let portal: TestPortal;
  let staff: ApiClient;
  let workspaceId: string;

  beforeAll(async () => {
    portal = await startTestPortal();
    staff = await portal.createStaff("senior@firm.example");
    const workspace = await staff.post("/workspaces", { name: "Year-end 2025", clientName: "Client A" });
    workspaceId = workspace.body.workspaceId;
    for (const email of ["maria.lopez@client-a.example", "tom.becker@client-a.example"]) {
      const added = await staff.post(`/workspaces/${workspaceId}/members`, { email, role: "client" });
      expect(added.status).toBe(201);
    }
  });

  afterAll(async () => {
    await portal?.close();
  });

  it("imports every row with owner, due date and status", async () => {
    const csv = await readFile(SAMPLE_CSV, "utf8");
    const rowCount = csv.trim().split("\n").length - 1;
    const imported = await staff.request("POST", `/workspaces/${workspaceId}/requests/import`, { text: csv });
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    expect(imported.body.created).toBe(rowCount);

    const listed = await staff.get(`/workspaces/${workspaceId}/requests?limit=100`);
    expect(listed.body.items).toHaveLength(rowCount);
    for (const request of listed.body.items) {
      expect(request.status).toBe("open");
      expect(request.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    const assigned = listed.body.items.filter((request: any) => request.assignee);
    expect(new Set(assigned.map((request: any) => request.assignee.email))).toEqual(
      new Set(["maria.lopez@client-a.example", "tom.becker@client-a.example"]),
    );
  });
});
