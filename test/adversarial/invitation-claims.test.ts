import { readdir, rename, rm, writeFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { latestMessageTo, temporaryPasswordIn } from "../support/outbox";
import { ApiClient, signIn } from "../support/api-client";
import { CLIENT_PASSWORD } from "../support/test-portal";
import { expectNoInternals, startEngagement, type Engagement } from "./engagement";

let world: Engagement;
let secondWorkspaceId: string;

beforeAll(async () => {
  world = await startEngagement();
  const created = await world.staff.post("/workspaces", { name: "Payroll 2026", clientName: "Fabrikam Ltd" });
  secondWorkspaceId = created.body.workspaceId;
});

afterAll(async () => {
  await world?.portal.close();
});

function addClient(workspaceId: string, email: string) {
  return world.staff.post(`/workspaces/${workspaceId}/members`, { email, role: "client" });
}

async function messagesTo(email: string): Promise<string[]> {
  return (await readdir(world.portal.outboxDir)).filter((name) => name.includes(email));
}

async function memberEmails(workspaceId: string): Promise<string[]> {
  const members = await world.staff.get(`/workspaces/${workspaceId}/members?limit=100`);
  return members.body.items.map((member: any) => member.email);
}

/**
 * Runs `action` while the outbox path is a regular file, so that writing an
 * invitation fails as a mail service outage would.
 */
async function withBrokenOutbox<T>(outboxDir: string, action: () => Promise<T>): Promise<T> {
  const parked = `${outboxDir}.parked`;
  await rename(outboxDir, parked);
  await writeFile(outboxDir, "not a folder");
  try {
    return await action();
  } finally {
    await rm(outboxDir);
    await rename(parked, outboxDir);
  }
}

describe("one new address, two workspaces at once", () => {
  const email = "new-contact@fabrikam.example";

  it("sends one invitation that works for both", async () => {
    const responses = await Promise.all([addClient(world.workspaceId, email), addClient(secondWorkspaceId, email)]);
    expect(responses.filter((response) => response.status === 201 && response.body.invited === true)).toHaveLength(1);
    for (const [index, response] of responses.entries()) {
      if (response.status === 201) continue;
      // The loser met the claim. After its release, a retry joins the existing account.
      expect(response.status).toBe(409);
      expect(response.body.error.message).toContain("being sent right now");
      expectNoInternals(response);
      const retried = await addClient([world.workspaceId, secondWorkspaceId][index]!, email);
      expect(retried.status).toBe(201);
      expect(retried.body.invited).toBe(false);
    }
    expect(await messagesTo(email)).toHaveLength(1);

    const message = await latestMessageTo(world.portal.outboxDir, email);
    const token = await signIn(world.portal.cognito, email, temporaryPasswordIn(message.body), CLIENT_PASSWORD);
    const contact = new ApiClient(world.portal.apiUrl, token);
    const listed = await contact.get("/workspaces");
    expect(listed.body.items.map((workspace: any) => workspace.workspaceId).sort()).toEqual([world.workspaceId, secondWorkspaceId].sort());
  });
});

describe("failed invitation e-mail", () => {
  const email = "mail-outage@fabrikam.example";

  it("adds nobody and releases the claim", async () => {
    const failed = await withBrokenOutbox(world.portal.outboxDir, () => addClient(world.workspaceId, email));
    expect(failed.status).toBe(500);
    expectNoInternals(failed);
    expect(failed.body.error.message).not.toContain("outbox");
    expect(await memberEmails(world.workspaceId)).not.toContain(email);

    const audit = await world.staff.get(`/workspaces/${world.workspaceId}/audit?limit=100`);
    const events = audit.body.items.filter((event: any) => event.target?.label === email);
    expect(events).toEqual([]);

    // Without the release, the retry would wait two minutes for the claim to lapse.
    const retried = await addClient(world.workspaceId, email);
    expect(retried.status).toBe(201);
    expect(await memberEmails(world.workspaceId)).toContain(email);
  });
});

describe("existing accounts", () => {
  it("adds a signed-in contact without mail", async () => {
    const before = (await readdir(world.portal.outboxDir)).length;
    const added = await addClient(secondWorkspaceId, "controller@fabrikam.example");
    expect(added.status).toBe(201);
    expect(added.body.invited).toBe(false);
    expect((await readdir(world.portal.outboxDir)).length).toBe(before);
  });

  it("treats a differently cased address as the same person", async () => {
    const added = await addClient(secondWorkspaceId, "Payroll@Fabrikam.Example");
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ email: "payroll@fabrikam.example", invited: false });
    const again = await addClient(secondWorkspaceId, "PAYROLL@fabrikam.example");
    expect(again.status).toBe(409);
  });

  it("rejects staff as a client", async () => {
    const response = await addClient(secondWorkspaceId, "other-team@firm.example");
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain("staff");
  });

  it("rejects a client as staff", async () => {
    const response = await world.staff.post(`/workspaces/${secondWorkspaceId}/members`, { email: "controller@fabrikam.example", role: "staff" });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain("staff account");
  });
});
