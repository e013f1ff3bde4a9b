import { createHash } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiClient } from "../support/api-client";
import { acceptedFixtureFiles, disguisedExecutable, heicHeader, minimalPdf, type FixtureFile } from "../support/fixtures";
import { latestMessageTo, temporaryPasswordIn } from "../support/outbox";
import { CLIENT_PASSWORD, STAFF_PASSWORD, startTestPortal, type TestPortal } from "../support/test-portal";
import { launchChromium } from "./chromium";
import { yearEndRequestList, type ExpectedRequest } from "./request-list";
import {
  chooseNewPassword,
  downloadBy,
  saveScreenshot,
  submitSignIn,
  testId,
  waitForCount,
  waitForSignedIn,
} from "./ui";
import { buildWebApp } from "./web-build";

const STAFF_EMAIL = "anna.schmidt@firm.example";
const CLIENT_EMAIL = "maria.lopez@northwind.example";
const SECOND_CLIENT_EMAIL = "tom.becker@northwind.example";
const OTHER_CLIENT_EMAIL = "owner@contoso-dental.example";

const WORKSPACE = { name: "Year-end close", clientName: "Northwind Traders" };
const SUPPORTING_TITLE = "Supporting schedules and engagement letter";
const W9_TITLE = "Signed Form W-9";
const RETURN_REASON = "Page 1 is not signed. Please upload the signed copy.";
const OTHER_REQUEST_TITLE = "Practice management system export";

const list = yearEndRequestList(CLIENT_EMAIL, SECOND_CLIENT_EMAIL);

/** Builds an iPhone-sized HEIC photo: the real `ftyp` header, then an `mdat` box of image data. */
function heicPhoto(size: number): Buffer {
  const header = heicHeader();
  const mdat = Buffer.alloc(size - header.length, 0x5a);
  mdat.writeUInt32BE(mdat.length, 0);
  mdat.write("mdat", 4, "ascii");
  return Buffer.concat([header, mdat]);
}

function fixture(fileName: string): FixtureFile {
  const found = acceptedFixtureFiles().find((file) => file.fileName === fileName);
  if (!found) throw new Error(`No fixture file named ${fileName}`);
  return found;
}

/** One file of every kind, with dashes, brackets and umlauts in the names. */
const SUPPORTING_UPLOADS: FixtureFile[] = [
  fixture("Bank statement – January 2026.pdf"),
  fixture("Passport scan.jpg"),
  { ...fixture("Receipt photo.heic"), bytes: heicPhoto(1_300_000) },
  fixture("Trial balance FY2025.xlsx"),
  fixture("Engagement letter – Müller & Söhne.docx"),
  fixture("Payroll reports Q4.zip"),
  fixture("Adjustments [draft].csv"),
];
const W9_UPLOAD = fixture("Form W-9 (signed).pdf");
const W9_CORRECTION: FixtureFile = {
  fileName: "Form W-9 – signed on page 1.pdf",
  contentType: "application/pdf",
  bytes: minimalPdf("Form W-9 signed"),
};

function sha256(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("hex");
}

function asPayload(file: FixtureFile) {
  return { name: file.fileName, mimeType: file.contentType, buffer: file.bytes };
}

/** Formats a due date as the web app shows it: day, short month, year, in UTC. */
function shownDueDate(isoDate: string): string {
  return new Date(`${isoDate}T00:00:00Z`).toLocaleDateString("en-GB", {
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone: "UTC",
  });
}

const DESKTOP_VIEWPORT = { width: 1280, height: 860 };
/** The viewport of an iPhone 12 to 14 in CSS pixels, a common phone size. */
const PHONE_VIEWPORT = { width: 390, height: 844 };

let webRoot: string;
let portal: TestPortal;
let browser: Browser;
let staffApi: ApiClient;
let staff: Page;
let client: Page;
let workspaceId: string;
let w9RequestId: string;
const pageErrors: string[] = [];
/** Responses of 400 or above from the web app's own server, such as a missing icon or script. */
const webServerErrors: string[] = [];

async function newPage(): Promise<Page> {
  const context = await browser.newContext({
    viewport: DESKTOP_VIEWPORT,
    acceptDownloads: true,
    locale: "en-GB",
    timezoneId: "UTC",
  });
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  page.on("pageerror", (error) => pageErrors.push(`${page.url()}: ${error.message}`));
  page.on("response", (response) => {
    if (response.status() >= 400 && response.url().startsWith(portal.webUrl)) {
      webServerErrors.push(`${response.status()} ${response.url()}`);
    }
  });
  return page;
}

/** Signs in with the temporary password from the newest invitation to `email`, then sets a new one. */
async function signInWithInvitation(email: string): Promise<Page> {
  const message = await latestMessageTo(portal.outboxDir, email);
  const signInUrl = /^Sign in at: (\S+)$/m.exec(message.body)?.[1];
  expect(signInUrl).toBe(portal.webUrl);

  const page = await newPage();
  await page.goto(signInUrl!);
  await submitSignIn(page, email, temporaryPasswordIn(message.body));
  await chooseNewPassword(page, CLIENT_PASSWORD);
  await waitForSignedIn(page, email);
  return page;
}

/** Picks files in the request page's upload input and waits until each one is verified. */
async function uploadAndWaitUntilAvailable(page: Page, files: FixtureFile[]): Promise<void> {
  await page.getByLabel("Choose files to upload").setInputFiles(files.map(asPayload));
  for (const file of files) {
    const item = page.locator(testId("upload-item", { "file-name": file.fileName }));
    const progress = item.getByRole("progressbar", { name: `Upload progress for ${file.fileName}` });
    await progress.waitFor();
    await page.locator(testId("upload-item", { "file-name": file.fileName, phase: "available" })).waitFor();
    expect(await progress.evaluate((element) => (element as HTMLProgressElement).value)).toBe(100);
    const row = page.locator(testId("file-row", { "file-name": file.fileName }));
    await row.locator(testId("file-status", { status: "available" })).waitFor();
  }
}

async function submitForReview(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Submit for review" }).click();
  await page.locator(`${testId("request-facts")} ${testId("request-status", { status: "submitted" })}`).waitFor();
}

async function openWaitingList(page: Page): Promise<void> {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Waiting on you" }).click();
  await page.getByRole("heading", { level: 1, name: "Waiting on you" }).waitFor();
}

async function openRequest(page: Page, title: string): Promise<void> {
  await page.getByRole("link", { name: title, exact: true }).click();
  await page.getByRole("heading", { level: 1, name: title }).waitFor();
}

async function openTab(page: Page, tab: "requests" | "members" | "review" | "files" | "audit"): Promise<void> {
  await page.locator(testId(`tab-${tab}`)).click();
  await page.locator(`${testId(`tab-${tab}`)}[aria-current="page"]`).waitFor();
}

async function waitingTitles(page: Page): Promise<string[]> {
  return page.locator(testId("request-row")).evaluateAll((rows) => rows.map((row) => row.getAttribute("data-request-title") ?? ""));
}

function titlesAssignedTo(email: string): string[] {
  return list.expected.filter((item: ExpectedRequest) => item.assignee === email).map((item) => item.title);
}

/** Opens `hash` in the app and waits for `ready`, an element that only the new page shows. */
async function openHash(page: Page, hash: string, ready: string): Promise<void> {
  await page.goto(new URL(hash, portal.webUrl).href);
  await page.locator(ready).first().waitFor();
}

/**
 * Fails when the page scrolls sideways or the header's sign-out button sits
 * outside the viewport, so wide tables must scroll inside their own box.
 */
async function expectFitsViewport(page: Page, label: string): Promise<void> {
  const widths = await page.evaluate(() => ({
    document: document.documentElement.scrollWidth,
    viewport: window.innerWidth,
  }));
  expect(widths.document, `${label}: page width`).toBeLessThanOrEqual(widths.viewport);
  const signOut = page.getByRole("button", { name: "Sign out" });
  if ((await signOut.count()) > 0) {
    const box = await signOut.boundingBox();
    expect(box, `${label}: Sign out button`).not.toBeNull();
    expect(box!.x + box!.width, `${label}: Sign out right edge`).toBeLessThanOrEqual(widths.viewport);
  }
}

beforeAll(async () => {
  browser = await launchChromium();
  webRoot = await mkdtemp(path.join(tmpdir(), "hubsecure-web-"));
  await buildWebApp(webRoot);
  portal = await startTestPortal({ webRoot });
  staffApi = await portal.createStaff(STAFF_EMAIL);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await portal?.close();
  if (webRoot) await rm(webRoot, { recursive: true, force: true });
});

describe("browser workflow", { timeout: 60_000 }, () => {
  it("staff signs in", async () => {
    staff = await newPage();
    await staff.goto(portal.webUrl);
    await staff.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
    await saveScreenshot(staff, "sign-in");

    // Headless Chromium does not request /favicon.ico, so the test checks the icon link instead.
    const icon = await staff.evaluate(async () => {
      const href = document.querySelector<HTMLLinkElement>('link[rel="icon"]')?.href;
      if (!href) return undefined;
      const response = await fetch(href);
      return { status: response.status, contentType: response.headers.get("content-type") ?? "" };
    });
    expect(icon?.status).toBe(200);
    expect(icon?.contentType).toMatch(/^image\/svg\+xml/);

    await submitSignIn(staff, STAFF_EMAIL, STAFF_PASSWORD);
    await waitForSignedIn(staff, STAFF_EMAIL);
  });

  it("staff creates a workspace", async () => {
    await staff.getByLabel("Workspace name").fill(WORKSPACE.name);
    await staff.getByLabel("Client name").fill(WORKSPACE.clientName);
    await staff.getByRole("button", { name: "Create workspace" }).click();

    const item = staff.locator(testId("workspace-item")).filter({ hasText: WORKSPACE.name });
    await item.waitFor();
    workspaceId = (await item.getAttribute("data-workspace-id"))!;
    expect(workspaceId).toBeTruthy();
    await saveScreenshot(staff, "workspaces");

    await item.getByRole("link").click();
    await staff.getByRole("heading", { level: 1, name: WORKSPACE.name }).waitFor();
  });

  it("staff invites two client contacts", async () => {
    await openTab(staff, "members");
    for (const email of [CLIENT_EMAIL, SECOND_CLIENT_EMAIL]) {
      await staff.getByLabel("E-mail address").fill(email);
      await staff.getByLabel("Role", { exact: true }).selectOption("client");
      await staff.getByRole("button", { name: "Add member" }).click();
      await staff.locator(testId("success-notice")).filter({ hasText: `Invitation sent to ${email}` }).waitFor();
      await staff.locator(testId("member-row", { "member-email": email })).waitFor();
    }
    for (const email of [CLIENT_EMAIL, SECOND_CLIENT_EMAIL]) {
      expect(await staff.locator(testId("member-row", { "member-email": email })).innerText()).toContain("Client");
    }
    await saveScreenshot(staff, "members");
  });

  it("staff imports the request list", async () => {
    await openTab(staff, "requests");
    await staff.getByLabel("CSV file").setInputFiles({
      name: "year-end-requests.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(list.csv, "utf8"),
    });
    await staff.getByRole("button", { name: "Import requests" }).click();

    await staff.locator(testId("success-notice")).filter({ hasText: `Imported ${list.expected.length} requests.` }).waitFor();
    await waitForCount(staff, testId("request-row"), list.expected.length);
  });

  it("staff sees owner, due date, status", async () => {
    // textContent, because the header style may upper-case what innerText returns.
    const headers = (await staff.locator(`${testId("request-table")} thead th`).allTextContents()).map((text) => text.trim());
    const assigneeColumn = headers.indexOf("Assignee");
    const dueDateColumn = headers.indexOf("Due date");
    expect(assigneeColumn).toBeGreaterThanOrEqual(0);
    expect(dueDateColumn).toBeGreaterThanOrEqual(0);

    for (const item of list.expected) {
      const row = staff.locator(testId("request-row", { "request-title": item.title }));
      const cells = await row.locator("td").allInnerTexts();
      expect(cells[assigneeColumn], item.title).toBe(item.assignee ?? "Unassigned");
      expect(cells[dueDateColumn], item.title).toBe(shownDueDate(item.dueDate));
      expect(await row.locator(testId("request-status")).getAttribute("data-status"), item.title).toBe("open");
    }
    w9RequestId = (await staff.locator(testId("request-row", { "request-title": W9_TITLE })).getAttribute("data-request-id"))!;
    await saveScreenshot(staff, "workspace-requests");
  });

  it("client signs in with the invitation", async () => {
    client = await signInWithInvitation(CLIENT_EMAIL);
    await client.getByRole("heading", { level: 1, name: "Waiting on you" }).waitFor();
  });

  it("client sees what is waiting on them", async () => {
    const expected = titlesAssignedTo(CLIENT_EMAIL);
    await waitForCount(client, testId("request-row"), expected.length);
    expect((await waitingTitles(client)).sort()).toEqual([...expected].sort());
    await saveScreenshot(client, "client-waiting");
  });

  it("client uploads files with a progress bar", async () => {
    await client.getByRole("link", { name: SUPPORTING_TITLE, exact: true }).click();
    await client.getByRole("heading", { level: 1, name: SUPPORTING_TITLE }).waitFor();
    await uploadAndWaitUntilAvailable(client, SUPPORTING_UPLOADS);
  });

  it("client sees a disguised executable rejected", async () => {
    const executable = disguisedExecutable();
    await client.getByLabel("Choose files to upload").setInputFiles(asPayload(executable));

    const item = client.locator(testId("upload-item", { "file-name": executable.fileName, phase: "rejected" }));
    await item.waitFor();
    expect(await item.locator(testId("upload-status")).innerText()).toContain("Windows executable");
    const reason = client.locator(testId("file-row", { "file-name": executable.fileName })).locator(testId("rejection-reason"));
    await reason.waitFor();
    expect(await reason.innerText()).toContain("not a document");

    // The API rejects an executable's name before the upload starts, and the
    // upload item shows the API's message without its field name.
    const namedExecutable = { ...executable, fileName: "payroll-setup.exe" };
    await client.getByLabel("Choose files to upload").setInputFiles(asPayload(namedExecutable));
    const failed = client.locator(testId("upload-item", { "file-name": namedExecutable.fileName, phase: "failed" }));
    await failed.waitFor();
    const failure = await failed.locator(testId("upload-status")).innerText();
    expect(failure).toContain("Upload failed: The file name ends in .exe");
    expect(failure).not.toContain("fileName");
    await saveScreenshot(client, "client-request-upload");
  });

  it("client submits two requests", async () => {
    await submitForReview(client);

    await openWaitingList(client);
    await openRequest(client, W9_TITLE);
    await uploadAndWaitUntilAvailable(client, [W9_UPLOAD]);
    await submitForReview(client);
  });

  it("staff downloads byte-identical files", async () => {
    await openTab(staff, "review");
    await waitForCount(staff, testId("review-item"), 2);
    await saveScreenshot(staff, "review-queue");

    const item = staff.locator(testId("review-item", { "request-title": SUPPORTING_TITLE }));
    for (const file of SUPPORTING_UPLOADS) {
      const { download, bytes } = await downloadBy(staff, item.getByRole("button", { name: `Download ${file.fileName}`, exact: true }));
      expect(download.suggestedFilename()).toBe(file.fileName);
      expect(bytes.length, file.fileName).toBe(file.bytes.length);
      expect(sha256(bytes), file.fileName).toBe(sha256(file.bytes));
    }
  });

  it("staff accepts one request and returns another", async () => {
    const supporting = staff.locator(testId("review-item", { "request-title": SUPPORTING_TITLE }));
    await supporting.getByRole("button", { name: `Accept ${SUPPORTING_TITLE}` }).click();
    await staff.locator(testId("success-notice")).filter({ hasText: `"${SUPPORTING_TITLE}" accepted.` }).waitFor();
    await waitForCount(staff, testId("review-item"), 1);

    const w9 = staff.locator(testId("review-item", { "request-title": W9_TITLE }));
    await w9.getByLabel("Reason for returning").fill(RETURN_REASON);
    await w9.getByRole("button", { name: `Return ${W9_TITLE} to the client` }).click();
    await staff.locator(testId("success-notice")).filter({ hasText: `"${W9_TITLE}" returned to the client.` }).waitFor();
    await waitForCount(staff, testId("review-item"), 0);
  });

  it("client fixes the returned request", async () => {
    await openWaitingList(client);
    await client.locator(testId("returned-summary")).waitFor();
    expect(await waitingTitles(client)).toContain(W9_TITLE);
    expect(await waitingTitles(client)).not.toContain(SUPPORTING_TITLE);
    await openRequest(client, W9_TITLE);
    const reason = client.locator(testId("return-reason"));
    await reason.waitFor();
    expect(await reason.innerText()).toContain(RETURN_REASON);

    await uploadAndWaitUntilAvailable(client, [W9_CORRECTION]);
    await submitForReview(client);
  });

  it("staff sees every file with its status", async () => {
    await openTab(staff, "files");
    const uploaded = [...SUPPORTING_UPLOADS, W9_UPLOAD, W9_CORRECTION];
    await waitForCount(staff, testId("file-row"), uploaded.length + 1);
    for (const file of uploaded) {
      const row = staff.locator(testId("file-row", { "file-name": file.fileName }));
      expect(await row.locator(testId("file-status")).getAttribute("data-status"), file.fileName).toBe("available");
    }
    const rejected = staff.locator(testId("file-row", { "file-name": disguisedExecutable().fileName }));
    expect(await rejected.locator(testId("file-status")).getAttribute("data-status")).toBe("rejected");
    await saveScreenshot(staff, "files");
  });

  it("audit history shows every step", async () => {
    await openTab(staff, "audit");
    const rows = staff.locator(testId("audit-row"));
    await rows.first().waitFor();
    const loadMore = staff.getByRole("button", { name: "Load more" });
    await saveScreenshot(staff, "audit-history", { fullPage: false });
    while (await loadMore.isVisible()) {
      const before = await rows.count();
      await loadMore.click();
      await staff.waitForFunction(
        ([selector, count]) => document.querySelectorAll(selector).length > count,
        [testId("audit-row"), before] as const,
      );
    }

    const events = await rows.evaluateAll((elements) =>
      elements.map((element) => ({ action: element.getAttribute("data-action") ?? "", text: (element as HTMLElement).innerText })),
    );
    const count = (action: string) => events.filter((event) => event.action === action).length;
    expect(count("workspace.created")).toBe(1);
    expect(count("member.added")).toBeGreaterThanOrEqual(2);
    expect(count("request.created")).toBe(list.expected.length);
    expect(count("file.available")).toBe(SUPPORTING_UPLOADS.length + 2);
    expect(count("file.rejected")).toBe(1);
    expect(count("request.submitted")).toBe(3);
    expect(count("file.downloaded")).toBe(SUPPORTING_UPLOADS.length);
    expect(count("request.accepted")).toBe(1);
    expect(count("request.returned")).toBe(1);

    const actorOf = (action: string) => events.filter((event) => event.action === action).map((event) => event.text);
    for (const text of actorOf("request.submitted")) expect(text).toContain(CLIENT_EMAIL);
    for (const text of actorOf("file.downloaded")) expect(text).toContain(STAFF_EMAIL);
    for (const text of [...actorOf("request.accepted"), ...actorOf("request.returned")]) expect(text).toContain(STAFF_EMAIL);
  });

  it("pages fit a phone screen", async () => {
    const workspace = `#/workspaces/${workspaceId}`;
    const staffPages: [string, string][] = [
      ["#/workspaces", testId("workspace-item")],
      [`${workspace}/requests`, testId("request-row")],
      [`${workspace}/members`, testId("member-row")],
      [`${workspace}/review`, testId("review-item")],
      [`${workspace}/files`, testId("file-row")],
      [`${workspace}/audit`, testId("audit-row")],
      [`${workspace}/requests/${w9RequestId}`, testId("file-row")],
    ];
    await staff.setViewportSize(PHONE_VIEWPORT);
    for (const [hash, ready] of staffPages) {
      await openHash(staff, hash, ready);
      await expectFitsViewport(staff, `staff ${hash}`);
    }
    await saveScreenshot(staff, "phone-staff-request");
    await staff.setViewportSize(DESKTOP_VIEWPORT);

    await client.setViewportSize(PHONE_VIEWPORT);
    await openWaitingList(client);
    await client.locator(testId("request-row")).first().waitFor();
    await expectFitsViewport(client, "client waiting list");
    await saveScreenshot(client, "phone-client-waiting");
    const openRequestId = (await client.locator(testId("request-row")).first().getAttribute("data-request-id"))!;
    const clientPages: [string, string][] = [
      ["#/workspaces", testId("workspace-item")],
      [`${workspace}/files`, testId("file-row")],
      [`${workspace}/requests/${openRequestId}`, testId("dropzone")],
      [`${workspace}/requests/${w9RequestId}`, testId("file-row")],
    ];
    for (const [hash, ready] of clientPages) {
      await openHash(client, hash, ready);
      await expectFitsViewport(client, `client ${hash}`);
    }
    await saveScreenshot(client, "phone-client-request");
    await client.setViewportSize(DESKTOP_VIEWPORT);

    const signIn = await newPage();
    await signIn.setViewportSize(PHONE_VIEWPORT);
    await signIn.goto(portal.webUrl);
    await signIn.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
    await expectFitsViewport(signIn, "sign-in");
    await signIn.context().close();
  });

  it("other organisation's client sees nothing", async () => {
    const created = await staffApi.post("/workspaces", { name: "Tax return", clientName: "Contoso Dental" });
    expect(created.status).toBe(201);
    const otherWorkspaceId = created.body.workspaceId as string;
    const invited = await staffApi.post(`/workspaces/${otherWorkspaceId}/members`, { email: OTHER_CLIENT_EMAIL, role: "client" });
    expect(invited.status).toBe(201);
    const request = await staffApi.post(`/workspaces/${otherWorkspaceId}/requests`, {
      title: OTHER_REQUEST_TITLE,
      assignee: OTHER_CLIENT_EMAIL,
      dueDate: list.expected[0]!.dueDate,
    });
    expect(request.status).toBe(201);

    const other = await signInWithInvitation(OTHER_CLIENT_EMAIL);
    await other.getByRole("heading", { level: 1, name: "Waiting on you" }).waitFor();
    await waitForCount(other, testId("request-row"), 1);
    expect(await waitingTitles(other)).toEqual([OTHER_REQUEST_TITLE]);

    await other.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Workspaces" }).click();
    await waitForCount(other, testId("workspace-item"), 1);
    expect(await other.locator(testId("workspace-item")).getAttribute("data-workspace-id")).toBe(otherWorkspaceId);
    expect(await other.getByText(WORKSPACE.name).count()).toBe(0);

    const hiddenPages = [
      `#/workspaces/${workspaceId}/requests`,
      `#/workspaces/${workspaceId}/files`,
      `#/workspaces/${workspaceId}/requests/${w9RequestId}`,
    ];
    for (const hash of hiddenPages) {
      // Going home first means the alert awaited below belongs to the hidden page.
      await openWaitingList(other);
      await other.goto(new URL(hash, portal.webUrl).href);
      const alert = other.locator(testId("error-alert"));
      await alert.waitFor();
      expect(await alert.innerText(), hash).toContain("could not be opened");
      expect(await other.locator(testId("request-row")).count(), hash).toBe(0);
      expect(await other.locator(testId("file-row")).count(), hash).toBe(0);
    }
  });

  it("pages raise no script errors", () => {
    expect(pageErrors).toEqual([]);
  });

  it("web assets all load", () => {
    expect(webServerErrors).toEqual([]);
  });
});
