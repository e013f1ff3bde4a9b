/**
 * `npm start`: runs HubSecure on 127.0.0.1 with local stand-ins for AWS,
 * keeping data in `.local/` (or HUBSECURE_DATA_DIR) across restarts.
 */
import { spawn } from "node:child_process";
import { access } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { PortInUseError, assertPortFree } from "./ports";
import { CONTOSO, DEMO_ADMIN, DEMO_STAFF, NORTHWIND, type DemoUser } from "./seed-data";
import { PORT_ENV_VARS, PORT_SERVICES, startLocalStack, type LocalPorts, type LocalStack } from "./stack";

const repositoryRoot = fileURLToPath(new URL("..", import.meta.url));

// Request logs would bury the start banner; `LOG_LEVEL=info npm start` shows them.
process.env.LOG_LEVEL ??= "warn";
// Lambda runs Node.js 22. On a Node 20 workstation the SDK would print its
// notice about a future Node 22 requirement on every start.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

const DEFAULT_PORTS: LocalPorts = { api: 4000, web: 4001, s3: 4569, dynamodb: 4567, cognito: 9229 };

/** An error whose message is the whole story: printed without a stack trace. */
class StartError extends Error {}

function readPorts(): LocalPorts {
  const ports = { ...DEFAULT_PORTS };
  for (const name of Object.keys(ports) as Array<keyof LocalPorts>) {
    const envVar = PORT_ENV_VARS[name];
    const raw = process.env[envVar];
    if (raw === undefined || raw === "") continue;
    const port = Number(raw);
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      throw new StartError(`${envVar} must be a port number from 1 to 65535, got "${raw}".`);
    }
    ports[name] = port;
  }
  const names = Object.keys(ports) as Array<keyof LocalPorts>;
  for (const [index, first] of names.entries()) {
    for (const second of names.slice(index + 1)) {
      if (ports[first] === ports[second]) {
        throw new StartError(
          `${PORT_ENV_VARS[first]} and ${PORT_ENV_VARS[second]} are both ${ports[first]}; each service needs its own port.`,
        );
      }
    }
  }
  return ports;
}

/** Checks every port before the (slow) web build, so a conflict is reported at once. */
async function assertPortsFree(ports: LocalPorts): Promise<void> {
  for (const name of Object.keys(ports) as Array<keyof LocalPorts>) {
    await assertPortFree("127.0.0.1", ports[name], { service: PORT_SERVICES[name], envVar: PORT_ENV_VARS[name] });
  }
}

async function buildWebIfMissing(): Promise<void> {
  const index = join(repositoryRoot, "web", "dist", "index.html");
  try {
    await access(index);
    return;
  } catch {
    // Not built yet.
  }
  console.log("web/dist is missing; building the web app with `npm run build:web`...");
  const exitCode = await new Promise<number | null>((resolveExit, reject) => {
    const build = spawn("npm", ["run", "build:web"], { cwd: repositoryRoot, stdio: "inherit" });
    build.on("error", reject);
    build.on("exit", resolveExit);
  });
  if (exitCode !== 0) {
    throw new StartError(`The web app build failed (npm run build:web exited with ${exitCode}); fix the errors above and run npm start again.`);
  }
}

function userLine(user: DemoUser): string {
  return `    ${user.email.padEnd(32)} ${user.password.padEnd(20)} ${user.description}`;
}

function printSummary(stack: LocalStack, dataDir: string): void {
  const { outputs } = stack;
  const displayPath = (path: string) => {
    const fromHere = relative(process.cwd(), path);
    return fromHere === "" ? "." : fromHere.startsWith("..") ? path : fromHere;
  };
  const lines = [
    "",
    "HubSecure is running in local mode.",
    `  Web app:   ${outputs.WebUrl}`,
    `  API:       ${outputs.ApiUrl}  (OpenAPI document at ${outputs.ApiUrl}/openapi.json)`,
    `  Outbox:    ${displayPath(outputs.OutboxDir)}  (invitation e-mails as .eml files)`,
    `  Outputs:   ${displayPath(stack.outputsFile)}`,
    `  Data:      ${displayPath(dataDir)}  (delete it to start from scratch)`,
    "",
  ];
  const seed = stack.seed;
  if (seed?.status === "seeded" || seed?.status === "already-seeded") {
    lines.push(
      "  Demo sign-in details:",
      userLine(DEMO_ADMIN),
      userLine(DEMO_STAFF),
      userLine(NORTHWIND.contact),
      userLine(CONTOSO.contact),
      `  ${NORTHWIND.invitedEmail} and ${CONTOSO.invitedEmail} were invited: their temporary passwords are in the outbox.`,
      "",
    );
  } else if (seed?.status === "failed") {
    lines.push(`  The demo could not be seeded (${seed.error}); the next start tries again.`, "");
  }
  lines.push("Press Ctrl+C to stop.", "");
  console.log(lines.join("\n"));
}

function stopOnSignals(stack: LocalStack): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      console.error(`Received ${signal} again; exiting without a clean stop.`);
      process.exit(1);
    }
    stopping = true;
    console.log(`Received ${signal}; stopping the local stack...`);
    stack.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`The local stack did not stop cleanly: ${(error as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

async function main(): Promise<void> {
  const ports = readPorts();
  const dataDir = resolve(process.env.HUBSECURE_DATA_DIR || join(repositoryRoot, ".local"));
  await assertPortsFree(ports);
  await buildWebIfMissing();
  const stack = await startLocalStack({ dataDir, ports, seed: true });
  stopOnSignals(stack);
  printSummary(stack, dataDir);
}

main().catch((error: unknown) => {
  if (error instanceof PortInUseError || error instanceof StartError) {
    console.error(error.message);
  } else {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`Local mode failed to start: ${message}`);
    if (process.env.HUBSECURE_DEBUG) console.error(error);
    else console.error("Set HUBSECURE_DEBUG=1 for the stack trace.");
  }
  process.exit(1);
});
