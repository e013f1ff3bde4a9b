import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const repositoryRoot = fileURLToPath(new URL("../..", import.meta.url));

/**
 * Builds the web app from `web/src` into `outDir`. A fresh build on every run
 * keeps the test on the current sources, and a separate folder leaves
 * `web/dist` of a running `npm start` alone.
 */
export async function buildWebApp(outDir: string): Promise<void> {
  try {
    await promisify(execFile)(
      "npx",
      ["vite", "build", "--config", "web/vite.config.ts", "--outDir", outDir, "--emptyOutDir", "--logLevel", "warn"],
      { cwd: repositoryRoot },
    );
  } catch (error) {
    const { stderr, stdout } = error as { stderr?: string; stdout?: string };
    throw new Error(`The web app build failed:\n${stderr || stdout || (error as Error).message}`);
  }
}
