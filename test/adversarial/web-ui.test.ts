import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiClient } from "../support/api-client";
import { minimalPdf } from "../support/fixtures";
import { CLIENT_PASSWORD, STAFF_PASSWORD, startTestPortal, type TestPortal } from "../support/test-portal";
import { launchChromium } from "../e2e/chromium";
import { submitSignIn, testId, waitForSignedIn } from "../e2e/ui";
import { buildWebApp } from "../e2e/web-build";
import { uploadFile } from "../files/upload-steps";

const STAFF_EMAIL = "keyboard.staff@firm.example";
const OUTSIDER_EMAIL = "other.team@firm.example";
const CLIENT_EMAIL = "keyboard.client@fabrikam.example";
const REMOVABLE_EMAIL = "leaving.contact@fabrikam.example";

/** Markup that runs script when a page inserts it as HTML rather than as text. */
const IMG_PAYLOAD = "<img src=x onerror=alert(1)>";
const SCRIPT_PAYLOAD = '"><script>alert(2)</script>';
const SVG_PAYLOAD = "<svg onload=alert(3)>";
const CSV_DESCRIPTION = "<b onmouseover=alert(4)>hover</b>";
const REASON_PAYLOAD = "<iframe src=javascript:alert(5)>";
const FILE_PAYLOAD = `${IMG_PAYLOAD}.pdf`;
const LONG_TITLE = "Reconciliation".repeat(21).slice(0, 300);
const LONG_FILE_NAME = `${"Kontoauszug".repeat(23).slice(0, 251)}.pdf`;

const DESKTOP = { width: 1280, height: 860 };
const PHONE = { width: 390, height: 844 };

let webRoot: string;
let portal: TestPortal;
let browser: Browser;
let staffApi: ApiClient;
let clientApi: ApiClient;
let workspaceId: string;
const requestIds: Record<"payload" | "long" | "csv" | "accept" | "return" | "upload", string> = {} as never;
/** Dialogs other than the member removal confirmation: any of them means injected script ran. */
const unexpectedDialogs: string[] = [];
const pageErrors: string[] = [];
const contexts: BrowserContext[] = [];

async function createRequest(title: string, extra: Record<string, unknown> = {}): Promise<string> {
  const created = await staffApi.post(`/workspaces/${workspaceId}/requests`, { title, assignee: CLIENT_EMAIL, ...extra });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.requestId;
}

async function addPdf(requestId: string, fileName: string): Promise<void> {
  const { file } = await uploadFile(clientApi, { workspaceId, requestId }, {
    fileName,
    contentType: "application/pdf",
    bytes: minimalPdf(fileName.slice(0, 16)),
  });
  expect(file.status).toBe("available");
}

async function submit(requestId: string): Promise<void> {
  expect((await clientApi.post(`/workspaces/${workspaceId}/requests/${requestId}/submit`)).status).toBe(200);
}

beforeAll(async () => {
  webRoot = await mkdtemp(path.join(tmpdir(), "hubsecure-web-ui-"));
  await buildWebApp(webRoot);
  portal = await startTestPortal({ webRoot });
  browser = await launchChromium();

  staffApi = await portal.createStaff(STAFF_EMAIL);
  await portal.createStaff(OUTSIDER_EMAIL);
  const workspace = await staffApi.post("/workspaces", { name: IMG_PAYLOAD, clientName: SCRIPT_PAYLOAD });
  expect(workspace.status).toBe(201);
  workspaceId = workspace.body.workspaceId;
  clientApi = await portal.inviteClient(staffApi, workspaceId, CLIENT_EMAIL);
  await portal.inviteClient(staffApi, workspaceId, REMOVABLE_EMAIL);

  requestIds.payload = await createRequest(IMG_PAYLOAD, { description: SCRIPT_PAYLOAD, category: SVG_PAYLOAD, dueDate: "2026-01-31" });
  requestIds.long = await createRequest(LONG_TITLE, { description: "Wortlaut ".repeat(200), dueDate: "2026-02-28" });
  const csv = `title,description,category,assignee,due_date,sensitivity\n"${SVG_PAYLOAD}","${CSV_DESCRIPTION}",,${CLIENT_EMAIL},2026-03-31,\n`;
  const imported = await staffApi.request("POST", `/workspaces/${workspaceId}/requests/import`, { text: csv });
  expect(imported.status, JSON.stringify(imported.body)).toBe(201);
  requestIds.csv = imported.body.items[0].requestId;
  requestIds.accept = await createRequest("Keyboard accept", { dueDate: "2026-04-30" });
  requestIds.return = await createRequest("Keyboard return", { dueDate: "2026-05-31" });
  requestIds.upload = await createRequest("Keyboard upload", { dueDate: "2026-06-30" });

  await addPdf(requestIds.payload, FILE_PAYLOAD);
  await addPdf(requestIds.long, LONG_FILE_NAME);
  await submit(requestIds.payload);
  const returned = await staffApi.post(`/workspaces/${workspaceId}/requests/${requestIds.payload}/review`, {
    decision: "return",
    reason: REASON_PAYLOAD,
  });
  expect(returned.status).toBe(200);
  for (const requestId of [requestIds.accept, requestIds.return]) {
    await addPdf(requestId, "statement.pdf");
    await submit(requestId);
  }
}, 240_000);

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await portal?.close();
  if (webRoot) await rm(webRoot, { recursive: true, force: true });
});

async function newPage(viewport = DESKTOP): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: "en-GB", timezoneId: "UTC" });
  contexts.push(context);
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  page.on("pageerror", (error) => pageErrors.push(error.message));
  page.on("dialog", (dialog) => {
    if (dialog.type() === "confirm" && dialog.message().startsWith("Remove ")) return;
    unexpectedDialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return page;
}

async function signedIn(email: string, password: string, viewport = DESKTOP): Promise<Page> {
  const page = await newPage(viewport);
  await page.goto(portal.webUrl);
  await submitSignIn(page, email, password);
  await waitForSignedIn(page, email);
  return page;
}

function open(page: Page, hash: string): Promise<unknown> {
  return page.goto(`${portal.webUrl}/#${hash}`);
}

interface FocusedElement {
  tag: string;
  name: string;
  outlineVisible: boolean;
}

/** Describes the focused element by its accessible text, and whether a focus indicator is drawn. */
function focused(page: Page): Promise<FocusedElement> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element || element === document.body) return { tag: "body", name: "", outlineVisible: false };
    const labelled = element.getAttribute("aria-label") ?? (element as HTMLInputElement).labels?.[0]?.textContent ?? element.textContent ?? "";
    // A hidden file input shows its focus on the label that wraps it.
    const visible = element.matches(".visually-hidden-input") ? element.closest("label") ?? element : element;
    const style = getComputedStyle(visible);
    const outlineVisible = (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== "none";
    return { tag: element.tagName.toLowerCase(), name: labelled.trim().replace(/\s+/g, " "), outlineVisible };
  });
}

/** Presses Tab until the focused element's name matches, and returns the names passed on the way. */
async function tabTo(page: Page, name: string | RegExp, maxPresses = 80): Promise<FocusedElement[]> {
  const passed: FocusedElement[] = [];
  for (let press = 0; press < maxPresses; press++) {
    await page.keyboard.press("Tab");
    const current = await focused(page);
    passed.push(current);
    if (typeof name === "string" ? current.name === name : name.test(current.name)) return passed;
  }
  throw new Error(`Tab never reached ${name}; passed ${passed.map((element) => element.name).join(" | ")}`);
}

async function expectNoInjectedMarkup(page: Page): Promise<void> {
  const injected = await page.evaluate(() => ({
    images: document.querySelectorAll('img[src="x"]').length,
    svgs: document.querySelectorAll("main svg[onload]").length,
    scripts: [...document.querySelectorAll("script")].filter((script) => script.textContent?.includes("alert")).length,
    iframes: document.querySelectorAll("iframe").length,
    bold: document.querySelectorAll("b[onmouseover]").length,
  }));
  expect(injected).toEqual({ images: 0, svgs: 0, scripts: 0, iframes: 0, bold: 0 });
}

/** Whether the page scrolls sideways: a long unbroken word should wrap or scroll inside its own box. */
function pageOverflowsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
}

describe("keyboard", () => {
  it("signs in with Tab and Enter", async () => {
    const page = await newPage();
    await page.goto(portal.webUrl);
    await page.getByRole("heading", { name: "Sign in" }).waitFor();

    const toEmail = await tabTo(page, "E-mail address");
    expect(toEmail.at(-1)!.outlineVisible).toBe(true);
    await page.keyboard.type(STAFF_EMAIL);
    await page.keyboard.press("Tab");
    expect(await focused(page)).toMatchObject({ name: "Password", outlineVisible: true });
    await page.keyboard.type(STAFF_PASSWORD);
    await page.keyboard.press("Tab");
    expect(await focused(page)).toMatchObject({ tag: "button", name: "Sign in", outlineVisible: true });
    await page.keyboard.press("Enter");
    await waitForSignedIn(page, STAFF_EMAIL);
  });

  it("shows a wrong password without losing focus order", async () => {
    const page = await newPage();
    await page.goto(portal.webUrl);
    await tabTo(page, "E-mail address");
    await page.keyboard.type(STAFF_EMAIL);
    await page.keyboard.press("Tab");
    await page.keyboard.type("Wrong-Password-1!");
    await page.keyboard.press("Enter");
    await page.locator(testId("error-alert")).waitFor();
    expect(await page.getByLabel("E-mail address").inputValue()).toBe(STAFF_EMAIL);
  });

  it("uploads and submits with Space and Enter", async () => {
    const page = await signedIn(CLIENT_EMAIL, CLIENT_PASSWORD);
    await open(page, `/workspaces/${workspaceId}/requests/${requestIds.upload}`);
    await page.getByRole("heading", { name: "Upload documents" }).waitFor();

    const passed = await tabTo(page, "Choose files to upload");
    expect(passed.at(-1)!.outlineVisible).toBe(true);
    const [chooser] = await Promise.all([page.waitForEvent("filechooser"), page.keyboard.press("Space")]);
    await chooser.setFiles({ name: "keyboard.pdf", mimeType: "application/pdf", buffer: minimalPdf("keyboard") });
    await page.locator(testId("upload-item", { "file-name": "keyboard.pdf", phase: "available" })).waitFor();

    await tabTo(page, "Submit for review");
    expect((await focused(page)).outlineVisible).toBe(true);
    await page.keyboard.press("Enter");
    await expect.poll(async () => (await staffApi.get(`/workspaces/${workspaceId}/requests/${requestIds.upload}`)).body.status).toBe("submitted");
  });

  it("accepts and returns with the keyboard", async () => {
    const page = await signedIn(STAFF_EMAIL, STAFF_PASSWORD);
    await open(page, `/workspaces/${workspaceId}/requests/${requestIds.accept}`);
    await page.getByRole("button", { name: "Accept Keyboard accept" }).waitFor();
    const toAccept = await tabTo(page, "Accept Keyboard accept");
    expect(toAccept.at(-1)!.outlineVisible).toBe(true);
    await page.keyboard.press("Space");
    await expect.poll(async () => (await staffApi.get(`/workspaces/${workspaceId}/requests/${requestIds.accept}`)).body.status).toBe("accepted");

    await open(page, `/workspaces/${workspaceId}/requests/${requestIds.return}`);
    await page.getByRole("button", { name: "Return Keyboard return to the client" }).waitFor();
    await tabTo(page, "Reason for returning");
    await page.keyboard.type("Page 2 is missing");
    await page.keyboard.press("Tab");
    expect(await focused(page)).toMatchObject({ name: "Return Keyboard return to the client", outlineVisible: true });
    await page.keyboard.press("Enter");
    await expect.poll(async () => (await staffApi.get(`/workspaces/${workspaceId}/requests/${requestIds.return}`)).body.returnReason).toBe(
      "Page 2 is missing",
    );
  });

  it("removes a member after confirmation", async () => {
    const page = await signedIn(STAFF_EMAIL, STAFF_PASSWORD);
    await open(page, `/workspaces/${workspaceId}/members`);
    await page.locator(testId("member-row", { "member-email": REMOVABLE_EMAIL })).waitFor();
    expect(await page.getByRole("button", { name: `Remove ${STAFF_EMAIL}` }).count()).toBe(0);

    const confirmations: string[] = [];
    let accept = false;
    page.on("dialog", (dialog) => {
      if (dialog.type() !== "confirm") return;
      confirmations.push(dialog.message());
      void (accept ? dialog.accept() : dialog.dismiss());
    });
    await tabTo(page, `Remove ${REMOVABLE_EMAIL}`);
    expect((await focused(page)).outlineVisible).toBe(true);
    await page.keyboard.press("Enter");
    await expect.poll(() => confirmations.length).toBe(1);
    expect(await page.locator(testId("member-row", { "member-email": REMOVABLE_EMAIL })).count()).toBe(1);

    accept = true;
    await page.keyboard.press("Enter");
    await page.getByText(`${REMOVABLE_EMAIL} was removed from this workspace.`).waitFor();
    await expect.poll(() => page.locator(testId("member-row", { "member-email": REMOVABLE_EMAIL })).count()).toBe(0);
    expect(confirmations[1]).toContain(`Remove ${REMOVABLE_EMAIL} from ${IMG_PAYLOAD}?`);
  });
});

describe("script in names", () => {
  it("shows staff pages as text", async () => {
    const page = await signedIn(STAFF_EMAIL, STAFF_PASSWORD);
    await open(page, "/workspaces");
    await page.getByRole("link", { name: IMG_PAYLOAD }).waitFor();

    await open(page, `/workspaces/${workspaceId}/requests`);
    await page.getByRole("heading", { name: IMG_PAYLOAD }).waitFor();
    await page.getByText(`Client: ${SCRIPT_PAYLOAD}`).waitFor();
    await page.locator(testId("request-row", { "request-title": SVG_PAYLOAD })).waitFor();
    await page.locator(testId("request-row", { "request-title": IMG_PAYLOAD })).waitFor();
    await expectNoInjectedMarkup(page);

    await open(page, `/workspaces/${workspaceId}/requests/${requestIds.payload}`);
    await page.getByRole("heading", { name: IMG_PAYLOAD }).first().waitFor();
    await page.getByText(SCRIPT_PAYLOAD, { exact: true }).first().waitFor();
    await page.getByText(REASON_PAYLOAD).first().waitFor();
    await page.locator(testId("file-row", { "file-name": FILE_PAYLOAD })).first().waitFor();
    await expectNoInjectedMarkup(page);

    await open(page, `/workspaces/${workspaceId}/requests/${requestIds.csv}`);
    await page.getByText(CSV_DESCRIPTION).first().waitFor();
    await expectNoInjectedMarkup(page);

    const tabContent: Record<string, string> = {
      files: testId("file-row", { "file-name": FILE_PAYLOAD }),
      audit: testId("audit-row"),
      members: testId("member-row", { "member-email": CLIENT_EMAIL }),
      review: "#review-heading",
    };
    for (const [tab, content] of Object.entries(tabContent)) {
      await open(page, `/workspaces/${workspaceId}/${tab}`);
      await page.locator(`${testId(`tab-${tab}`)}[aria-current="page"]`).waitFor();
      await page.locator(content).first().waitFor();
      await expectNoInjectedMarkup(page);
    }
    await open(page, `/workspaces/${workspaceId}/audit`);
    await page.locator(testId("audit-row")).filter({ hasText: FILE_PAYLOAD }).first().waitFor();
    expect(unexpectedDialogs).toEqual([]);
  });

  it("shows client pages as text", async () => {
    const page = await signedIn(CLIENT_EMAIL, CLIENT_PASSWORD);
    await page.locator(testId("request-row", { "request-title": IMG_PAYLOAD })).waitFor();
    await page.locator(testId("request-row", { "request-title": SVG_PAYLOAD })).waitFor();
    await expectNoInjectedMarkup(page);

    await open(page, `/workspaces/${workspaceId}/requests/${requestIds.payload}`);
    await page.locator(testId("return-reason")).filter({ hasText: REASON_PAYLOAD }).waitFor();
    await page.locator(testId("file-row", { "file-name": FILE_PAYLOAD })).first().waitFor();
    await expectNoInjectedMarkup(page);
    expect(unexpectedDialogs).toEqual([]);
  });

  it("downloads under the literal name", async () => {
    const files = await staffApi.get(`/workspaces/${workspaceId}/files?requestId=${requestIds.payload}`);
    const download = await staffApi.get(`/workspaces/${workspaceId}/files/${files.body.items[0].fileId}/download`);
    const response = await fetch(download.body.url);
    const disposition = response.headers.get("content-disposition") ?? "";
    expect(disposition).toMatch(/^attachment;/);
    expect(decodeURIComponent(/filename\*=UTF-8''(\S+)/.exec(disposition)![1]!)).toBe(FILE_PAYLOAD);
    expect(response.headers.get("content-type")).toBe("application/pdf");
  });
});

describe("long names", () => {
  for (const [label, viewport] of [
    ["desktop", DESKTOP],
    ["phone", PHONE],
  ] as const) {
    it(`fit the ${label} width`, async () => {
      const page = await signedIn(STAFF_EMAIL, STAFF_PASSWORD, viewport);
      await open(page, `/workspaces/${workspaceId}/requests`);
      await page.locator(testId("request-row", { "request-title": LONG_TITLE })).first().waitFor();
      expect(await pageOverflowsSideways(page)).toBe(false);

      await open(page, `/workspaces/${workspaceId}/requests/${requestIds.long}`);
      await page.locator(testId("file-row", { "file-name": LONG_FILE_NAME })).first().waitFor();
      expect(await pageOverflowsSideways(page)).toBe(false);

      await open(page, `/workspaces/${workspaceId}/files`);
      await page.locator(testId("file-row", { "file-name": LONG_FILE_NAME })).first().waitFor();
      expect(await pageOverflowsSideways(page)).toBe(false);
    });
  }
});

describe("role-specific UI", () => {
  it("hides staff tabs and actions from a client", async () => {
    const page = await signedIn(CLIENT_EMAIL, CLIENT_PASSWORD);
    for (const tab of ["members", "audit", "review"]) {
      await open(page, `/workspaces/${workspaceId}/${tab}`);
      await page.locator(`${testId("tab-requests")}[aria-current="page"]`).waitFor();
      for (const staffTab of ["members", "review", "audit"]) expect(await page.locator(testId(`tab-${staffTab}`)).count()).toBe(0);
      expect(await page.getByRole("button", { name: "Add member" }).count()).toBe(0);
      expect(await page.getByRole("button", { name: "Create request" }).count()).toBe(0);
      expect(await page.getByRole("button", { name: "Import requests" }).count()).toBe(0);
    }
    await open(page, `/workspaces/${workspaceId}/requests/${requestIds.return}`);
    await page.locator(testId("return-reason")).waitFor();
    expect(await page.getByRole("button", { name: /^Accept / }).count()).toBe(0);
    expect(await page.getByRole("button", { name: /^Return / }).count()).toBe(0);
    expect(await page.getByRole("button", { name: /^Remove / }).count()).toBe(0);
  });

  it("shows staff outside a workspace a not-found message", async () => {
    const page = await signedIn(OUTSIDER_EMAIL, STAFF_PASSWORD);
    await open(page, `/workspaces/${workspaceId}/requests`);
    const alert = page.locator(testId("error-alert"));
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/not found/i);
    expect(await page.getByText(IMG_PAYLOAD).count()).toBe(0);

    await open(page, `/workspaces/${workspaceId}/requests/${requestIds.payload}`);
    await page.locator(testId("error-alert")).first().waitFor();
    expect(await page.locator(testId("error-alert")).first().textContent()).toMatch(/not found/i);
    expect(await page.getByText(IMG_PAYLOAD).count()).toBe(0);
  });
});

describe("ended session", () => {
  it("returns to sign-in on a 401", async () => {
    const page = await signedIn(STAFF_EMAIL, STAFF_PASSWORD);
    await page.route(`${portal.apiUrl.replace(/\/$/, "")}/workspaces/**`, (route) =>
      route.fulfill({ status: 401, contentType: "application/json", body: JSON.stringify({ message: "Unauthorized" }) }),
    );
    await open(page, `/workspaces/${workspaceId}/requests`);
    await page.locator(testId("sign-in-notice")).waitFor();
    await page.getByRole("button", { name: "Sign in" }).waitFor();
    expect(await page.locator(testId("signed-in-user")).count()).toBe(0);
  });
});

describe("whole run", () => {
  it("raised no page errors or dialogs", () => {
    expect(pageErrors).toEqual([]);
    expect(unexpectedDialogs).toEqual([]);
  });
});
