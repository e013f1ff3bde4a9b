import { mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Download, Locator, Page } from "playwright-core";

/** Folder of the screenshots saved on every run, inside the git-ignored `test-results/`. */
export const SCREENSHOT_DIR = fileURLToPath(new URL("../../test-results/screenshots/", import.meta.url));

/** Saves the whole page, or with `fullPage: false` only the visible part, for pages of unbounded length. */
export async function saveScreenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: options.fullPage ?? true });
}

/** Quotes a value for a CSS attribute selector, because file names and titles contain quotes and brackets. */
export function cssString(value: string): string {
  return `"${value.replace(/["\\]/g, "\\$&")}"`;
}

/** Builds a CSS selector for a `data-testid`, optionally narrowed by other `data-*` attributes. */
export function testId(id: string, attribute?: Record<string, string>): string {
  const extra = Object.entries(attribute ?? {})
    .map(([name, value]) => `[data-${name}=${cssString(value)}]`)
    .join("");
  return `[data-testid=${cssString(id)}]${extra}`;
}

/** Waits until `selector` matches exactly `count` elements, or fails naming the last count seen. */
export async function waitForCount(page: Page, selector: string, count: number): Promise<void> {
  try {
    await page.waitForFunction(
      ([css, expected]) => document.querySelectorAll(css).length === expected,
      [selector, count] as const,
    );
  } catch (error) {
    const found = await page.locator(selector).count();
    throw new Error(`Expected ${count} elements matching ${selector}, found ${found}: ${(error as Error).message}`);
  }
}

/** Fills the sign-in form and submits it. */
export async function submitSignIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Completes the new-password step that follows a sign-in with a temporary password. */
export async function chooseNewPassword(page: Page, password: string): Promise<void> {
  await page.getByRole("heading", { name: "Choose a new password" }).waitFor();
  await page.getByLabel("New password", { exact: true }).fill(password);
  await page.getByLabel("Confirm new password").fill(password);
  await page.getByRole("button", { name: "Set password and sign in" }).click();
}

export async function waitForSignedIn(page: Page, email: string): Promise<void> {
  await page.locator(testId("signed-in-user")).filter({ hasText: email }).waitFor();
}

/** Clicks `trigger` and returns the download it starts, with the bytes Chromium saved. */
export async function downloadBy(page: Page, trigger: Locator): Promise<{ download: Download; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent("download"), trigger.click()]);
  const savedPath = await download.path();
  return { download, bytes: await readFile(savedPath) };
}
