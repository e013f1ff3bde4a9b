import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

/** Path of Debian's Chromium package, because the test never downloads a browser. */
export const CHROMIUM_PATH = "/usr/bin/chromium";

/**
 * Without the background-networking flags Chromium keeps calling Google
 * services (component updates, sync, field trials) and retrying them on a
 * closed network.
 */
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Launches headless Chromium, or throws with the install command when it is missing. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium was not found at ${CHROMIUM_PATH}. The browser test needs Debian's build: run "apt-get install chromium".`,
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}
