import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const repositoryRoot = fileURLToPath(new URL("../..", import.meta.url));

/**
 * Builds the web app from `web/src` into `outDir`. A fresh build on every run
 * keeps the test on the current sources, and a separate folder leaves
 * `web/dist` of a running `npm start` alone. Vite 8 rejects a second build
 * of one project while another runs. Each caller has its own `outDir`, so
 * browser suites in parallel workers can bypass that lock safely.
 */
export async function buildWebApp(outDir: string): Promise<void> {
  try {
    await promisify(execFile)(
      "npx",
      ["vite", "build", "--config", "web/vite.config.ts", "--outDir", outDir, "--emptyOutDir", "--bypass-lock", "--logLevel", "warn"],
      { cwd: repositoryRoot },
    );
  } catch (error) {
    const { stderr, stdout } = error as { stderr?: string; stdout?: string };
    throw new Error(`The web app build failed:\n${stderr || stdout || (error as Error).message}`);
  }
}
