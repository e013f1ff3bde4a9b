import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream } from "node:fs";
import { mkdir, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { assertPortFree, findFreePort, type PortOwner } from "../ports";

export interface CognitoLocalOptions {
  host: string;
  /** 0 picks a free port before the start, because the port is part of the token issuer. */
  port: number;
  /** Working directory of cognito-local, which keeps its pools under `.cognito/`. */
  dataDir: string;
  owner?: PortOwner;
  /** How long to wait for the health check to pass, in milliseconds. */
  startTimeoutMs?: number;
}

export interface CognitoLocalProcess {
  endpoint: string;
  pid: number;
  close(): Promise<void>;
}

const LOG_FILE = "cognito-local.log";

function cognitoLocalEntry(): string {
  const require = createRequire(import.meta.url);
  return join(require.resolve("cognito-local/package.json"), "..", "lib", "bin", "start.js");
}

async function waitForHealth(endpoint: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`cognito-local exited during start with ${child.exitCode ?? child.signalCode}`);
    }
    try {
      const response = await fetch(`${endpoint}/health`, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`cognito-local did not respond at ${endpoint}/health within ${timeoutMs} ms; see ${LOG_FILE} in its data directory`);
}

async function logTail(path: string): Promise<string> {
  const text = await readFile(path, "utf8").catch(() => "");
  return text.split("\n").slice(-15).join("\n");
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const forceKill = setTimeout(() => child.kill("SIGKILL"), 5000);
    child.once("exit", () => {
      clearTimeout(forceKill);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/**
 * Runs cognito-local 5.3 as a child process and waits until its health
 * check responds. The child stops with `close()`, when this process exits, and
 * when this process dies without cleaning up (see `exit-with-parent.cjs`).
 */
export async function startCognitoLocal(options: CognitoLocalOptions): Promise<CognitoLocalProcess> {
  const owner = options.owner ?? { service: "local Cognito (cognito-local)" };
  let port = options.port;
  if (port === 0) {
    port = await findFreePort(options.host);
  } else {
    await assertPortFree(options.host, port, owner);
  }
  await mkdir(options.dataDir, { recursive: true });

  const logPath = join(options.dataDir, LOG_FILE);
  const logStream = createWriteStream(logPath, { flags: "a" });
  const preload = fileURLToPath(new URL("./exit-with-parent.cjs", import.meta.url));
  // NODE_OPTIONS is cleared so that loaders of this process (tsx, vitest)
  // stay out of the plain-JavaScript child.
  const child = spawn(process.execPath, ["--require", preload, cognitoLocalEntry()], {
    cwd: options.dataDir,
    env: { ...process.env, PORT: String(port), HOST: options.host, NODE_OPTIONS: "" },
    stdio: ["pipe", "pipe", "pipe"],
  });
  child.stdout!.pipe(logStream);
  child.stderr!.pipe(logStream);
  const killOnExit = () => child.kill("SIGTERM");
  process.once("exit", killOnExit);

  const endpoint = `http://${options.host}:${port}`;
  try {
    await waitForHealth(endpoint, child, options.startTimeoutMs ?? 20_000);
  } catch (error) {
    process.off("exit", killOnExit);
    await stop(child);
    const tail = await logTail(logPath);
    throw new Error(`${(error as Error).message}. Last lines of ${logPath}:\n${tail}`);
  }

  return {
    endpoint,
    pid: child.pid!,
    async close() {
      process.off("exit", killOnExit);
      await stop(child);
      child.stdin?.destroy();
      logStream.end();
    },
  };
}
