import { fileURLToPath } from "node:url";
import * as path from "node:path";

/** Repository root, resolved from this file so the app works from any working directory. */
export const REPO_ROOT = path.resolve(fileURLToPath(new URL(".", import.meta.url)), "..");

/** Folder with one Lambda entry file per function (`<name>.ts`, exporting `handler`). */
export const FUNCTIONS_DIR = path.join(REPO_ROOT, "functions");

/** Output folder of `npm run build:web`. */
export const WEB_DIST_DIR = path.join(REPO_ROOT, "web", "dist");

export const LOCK_FILE = path.join(REPO_ROOT, "package-lock.json");
