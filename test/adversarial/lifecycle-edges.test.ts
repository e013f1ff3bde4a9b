import { execFile } from "node:child_process";
import { mkdtemp, readdir, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient, signIn } from "../support/api-client";
import { minimalPdf } from "../support/fixtures";
import { latestMessageTo, temporaryPasswordIn } from "../support/outbox";
import { CLIENT_PASSWORD, STAFF_PASSWORD, startTestPortal } from "../support/test-portal";
import { launchChromium } from "../e2e/chromium";
import { submitSignIn, testId, waitForSignedIn } from "../e2e/ui";
import { buildWebApp } from "../e2e/web-build";
import { postForm, startUpload, waitForProcessed } from "../files/upload-steps";
import { CLIENT_EMAIL, requestWithFile, STAFF_EMAIL, startEngagement, type Engagement } from "./engagement";

const run = promisify(execFile);
const repositoryRoot = fileURLToPath(new URL("../..", import.meta.url));

let world: Engagement;

beforeAll(async () => {
  world = await startEngagement();
});

afterAll(async () => {
  await world?.portal.close();
});

async function userIdOf(as: ApiClient): Promise<string> {
  return (await as.get("/me")).body.userId as string;
}

function addClient(workspaceId: string, email: string) {
  return world.staff.post(`/workspaces/${workspaceId}/members`, { email, role: "client" });
}

async function messagesTo(email: string): Promise<string[]> {
  return (await readdir(world.portal.outboxDir)).filter((name) => name.includes(email));
}

async function newWorkspace(as: ApiClient, name: string): Promise<string> {
  const created = await as.post("/workspaces", { name, clientName: "Fabrikam Ltd" });
  expect(created.status).toBe(201);
  return created.body.workspaceId;
}

describe("invitation e-mail", () => {
  it("is sent again after a failed send", async () => {
    const email = "outage@fabrikam.example";
    const outbox = world.portal.outboxDir;
    await rename(outbox, `${outbox}.parked`);
    await writeFile(outbox, "not a folder");
    let failed;
    try {
      failed = await addClient(world.workspaceId, email);
    } finally {
      await rm(outbox);
      await rename(`${outbox}.parked`, outbox);
    }
    expect(failed.status).toBe(500);

    const retried = await addClient(world.workspaceId, email);
    expect(retried.status).toBe(201);
    expect(retried.body.invited).toBe(true);
    expect(await messagesTo(email)).toHaveLength(1);
  });

  it("is sent again on request to a contact who never signed in", async () => {
    const email = "never-signed-in@fabrikam.example";
    const first = await addClient(world.workspaceId, email);
    expect(first.body.invited).toBe(true);
    const secondWorkspaceId = await newWorkspace(world.staff, "Payroll 2026");
    const added = await addClient(secondWorkspaceId, email);
    expect(added.status).toBe(201);
    expect(added.body.invited).toBe(false);

    const resent = await world.staff.post(`/workspaces/${secondWorkspaceId}/members/${first.body.userId}/invitation`);
    expect(resent.status, JSON.stringify(resent.body)).toBe(200);
    expect(resent.body.invited).toBe(true);
    expect(await messagesTo(email)).toHaveLength(2);
    const message = await latestMessageTo(world.portal.outboxDir, email);
    expect(await signIn(world.portal.cognito, email, temporaryPasswordIn(message.body), CLIENT_PASSWORD)).toBeTruthy();

    const again = await world.staff.post(`/workspaces/${secondWorkspaceId}/members/${first.body.userId}/invitation`);
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/already signed in/);
  });
});

describe("last staff member", () => {
  it("survives mutual concurrent removal", async () => {
    const workspaceId = await newWorkspace(world.staff, "Mutual removal");
    expect((await world.staff.post(`/workspaces/${workspaceId}/members`, { email: "other-team@firm.example", role: "staff" })).status).toBe(201);
    const [staffId, outsiderId] = await Promise.all([userIdOf(world.staff), userIdOf(world.outsider)]);

    await Promise.all([
      world.staff.request("DELETE", `/workspaces/${workspaceId}/members/${outsiderId}`),
      world.outsider.request("DELETE", `/workspaces/${workspaceId}/members/${staffId}`),
    ]);
    const members = await world.admin.get(`/workspaces/${workspaceId}/members`);
    expect(members.body.items.filter((member: any) => member.role === "staff").length).toBeGreaterThanOrEqual(1);
  });

  it("cannot be removed by an admin", async () => {
    const workspaceId = await newWorkspace(world.staff, "Admin removal");
    const removed = await world.admin.request("DELETE", `/workspaces/${workspaceId}/members/${await userIdOf(world.staff)}`);
    expect(removed.status).toBe(409);
    expect((await world.staff.get(`/workspaces/${workspaceId}`)).status).toBe(200);
  });
});

describe("removed uploader", () => {
  it("cannot add a file after removal", async () => {
    const email = "removed-uploader@fabrikam.example";
    const contact = await world.portal.inviteClient(world.staff, world.workspaceId, email);
    const created = await world.staff.post(`/workspaces/${world.workspaceId}/requests`, { title: "Removed uploader", assignee: email });
    const requestId = created.body.requestId as string;
    const bytes = minimalPdf("after removal");
    const upload = await startUpload(contact, { workspaceId: world.workspaceId, requestId }, {
      fileName: "after-removal.pdf",
      contentType: "application/pdf",
      bytes,
    });
    expect((await world.staff.request("DELETE", `/workspaces/${world.workspaceId}/members/${await userIdOf(contact)}`)).status).toBe(200);

    expect(await postForm(upload, bytes, "after-removal.pdf")).toBe(204);
    const file = await waitForProcessed(world.staff, world.workspaceId, upload.fileId);
    expect(file.status).toBe("rejected");
    expect((await world.staff.get(`/workspaces/${world.workspaceId}/requests/${requestId}`)).body.availableFileCount).toBe(0);
  });
});

describe("file finishing as the request is accepted", () => {
  it("never stays processing", async () => {
    const stuck: string[] = [];
    // The window between the processor's read of the request and its write is
    // a few milliseconds wide, so the accept is sent at varying delays.
    for (let attempt = 0; attempt < 30; attempt++) {
      const requestId = await requestWithFile(world, `Accept race ${attempt}`);
      const bytes = minimalPdf(`late ${attempt}`);
      const upload = await startUpload(world.client, { workspaceId: world.workspaceId, requestId }, {
        fileName: "late.pdf",
        contentType: "application/pdf",
        bytes,
      });
      expect((await world.client.post(`/workspaces/${world.workspaceId}/requests/${requestId}/submit`)).status).toBe(200);
      const posted = postForm(upload, bytes, "late.pdf");
      await sleep(attempt % 10);
      const accept = () => world.staff.post(`/workspaces/${world.workspaceId}/requests/${requestId}/review`, { decision: "accept" });
      // A file that becomes available first bumps the request's version, so
      // the review gets 409 and, like a reviewer who reloads, tries again.
      let reviewed = await accept();
      if (reviewed.status === 409) reviewed = await accept();
      expect(reviewed.status, JSON.stringify(reviewed.body)).toBe(200);
      expect(await posted).toBe(204);
      await world.portal.whenIdle();
      const file = await world.staff.get(`/workspaces/${world.workspaceId}/files/${upload.fileId}`);
      if (file.body.status === "processing") stuck.push(upload.fileId);
    }
    expect(stuck).toEqual([]);
  }, 120_000);
});

describe("users create on a client contact", () => {
  it("does not make the contact an admin", async () => {
    const env = { ...process.env, HUBSECURE_DATA_DIR: path.dirname(world.portal.outboxDir) };
    let code = 0;
    try {
      await run(process.execPath, ["bin/hubsecure.js", "users", "create", "--email", CLIENT_EMAIL, "--role", "admin"], { cwd: repositoryRoot, env });
    } catch (error) {
      code = (error as { code: number }).code;
    }
    expect(code).toBe(1);

    // A fresh token carries the groups that the command may have added.
    const contact = await world.portal.signInAs(CLIENT_EMAIL, CLIENT_PASSWORD);
    const me = await contact.get("/me");
    expect(me.body.isAdmin).toBe(false);
    const otherOrganisation = await newWorkspace(world.outsider, "Tailspin audit");
    expect((await contact.get(`/workspaces/${otherOrganisation}/audit`)).status).toBe(404);
  });
});

describe("request page with a long unbroken description", () => {
  it("fits a phone screen", async () => {
    const url = `https://fabrikam.sharepoint.com/sites/finance/Shared%20Documents/Year-end%202025/${"Bank%20statements%20".repeat(8)}final.pdf?web=1`;
    const webRoot = await mkdtemp(path.join(tmpdir(), "hubsecure-findings-web-"));
    await buildWebApp(webRoot);
    // The engagement's portal serves web/dist, which may be stale, so this check builds its own.
    const portal = await startTestPortal({ webRoot });
    const browser = await launchChromium();
    try {
      const staff = await portal.createStaff(STAFF_EMAIL);
      const workspaceId = await newWorkspace(staff, "Overflow");
      const request = await staff.post(`/workspaces/${workspaceId}/requests`, { title: "Statements", description: `See ${url}` });
      const page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
      await page.goto(portal.webUrl);
      await submitSignIn(page, STAFF_EMAIL, STAFF_PASSWORD);
      await waitForSignedIn(page, STAFF_EMAIL);
      await page.goto(`${portal.webUrl}/#/workspaces/${workspaceId}/requests/${request.body.requestId}`);
      await page.locator(testId("request-description")).waitFor();
      const widths = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        client: document.documentElement.clientWidth,
      }));
      expect(widths.scroll).toBeLessThanOrEqual(widths.client);
    } finally {
      await browser.close();
      await portal.close();
      await rm(webRoot, { recursive: true, force: true });
    }
  }, 180_000);
});
