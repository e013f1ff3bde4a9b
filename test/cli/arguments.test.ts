import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UsageError, parseCommandLine } from "../../cli/arguments";
import { MAIN_HELP, USERS_CREATE_HELP } from "../../cli/usage";

const run = promisify(execFile);
const repositoryRoot = fileURLToPath(new URL("../..", import.meta.url));
const VALID = ["users", "create", "--email", "Ops@Firm.example", "--role", "staff"];

function usageErrorOf(argv: string[]): string {
  try {
    parseCommandLine(argv);
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  throw new Error(`expected a UsageError for ${JSON.stringify(argv)}`);
}

describe("parseCommandLine", () => {
  it("missing command", () => {
    expect(usageErrorOf([])).toContain(MAIN_HELP);
  });

  it("missing users subcommand", () => {
    expect(usageErrorOf(["users"])).toContain(MAIN_HELP);
  });

  it("unknown command", () => {
    expect(usageErrorOf(["groups", "list"])).toMatch(/^unknown command "groups list"/);
    expect(usageErrorOf(["users", "delete"])).toMatch(/^unknown command "users delete"/);
  });

  it("help flags", () => {
    expect(parseCommandLine(["--help"])).toEqual({ name: "help", text: MAIN_HELP });
    expect(parseCommandLine(["-h"])).toEqual({ name: "help", text: MAIN_HELP });
    expect(parseCommandLine(["help"])).toEqual({ name: "help", text: MAIN_HELP });
    expect(parseCommandLine(["users", "--help"])).toEqual({ name: "help", text: MAIN_HELP });
    expect(parseCommandLine(["users", "create", "--help"])).toEqual({ name: "help", text: USERS_CREATE_HELP });
  });

  it("users create options", () => {
    expect(parseCommandLine([...VALID, "--password", "Chosen-Passw0rd!", "--reset-password", "--stack", "Prod"])).toEqual({
      name: "users create",
      options: {
        email: "ops@firm.example",
        role: "staff",
        password: "Chosen-Passw0rd!",
        resetPassword: true,
        outputs: undefined,
        stack: "Prod",
      },
    });
  });

  it("reset defaults to off", () => {
    const command = parseCommandLine(VALID);
    if (command.name !== "users create") throw new Error(`expected users create, got ${command.name}`);
    expect(command.options.resetPassword).toBe(false);
    expect(command.options.password).toBeUndefined();
  });

  it("rejects missing or invalid values", () => {
    expect(usageErrorOf(["users", "create", "--role", "staff"])).toBe("--email is required.");
    expect(usageErrorOf(["users", "create", "--email", "not-an-address", "--role", "staff"])).toMatch(/^--email must be an e-mail address/);
    expect(usageErrorOf(["users", "create", "--email", "a@firm.example"])).toBe("--role is required (admin or staff).");
    expect(usageErrorOf(["users", "create", "--email", "a@firm.example", "--role", "client"])).toBe(
      '--role must be admin or staff, got "client".',
    );
    expect(usageErrorOf([...VALID, "--bogus"])).toMatch(/Unknown option '--bogus'/);
    expect(usageErrorOf([...VALID, "extra"])).toMatch(/Unexpected argument 'extra'/);
  });

  it("rejects a weak password", () => {
    const message = usageErrorOf([...VALID, "--password", "short"]);
    expect(message).toMatch(/^--password does not meet the user pool's password policy/);
    expect(message).toContain("at least 12 characters");
    expect(message).toContain("a digit (0-9)");
    expect(message).not.toContain("a lower-case letter");
  });

  it("names a single missing class", () => {
    expect(usageErrorOf([...VALID, "--password", "Abcdefghijk1"])).toContain("it needs a symbol (one of");
  });
});

describe("users create help", () => {
  it("documents the options", () => {
    expect(USERS_CREATE_HELP).toContain("--reset-password");
    expect(USERS_CREATE_HELP).toContain("HUBSECURE_DATA_DIR");
    expect(USERS_CREATE_HELP).toContain("least 12 characters");
  });
});

describe("hubsecure binary", () => {
  let emptyDataDir: string;

  beforeAll(async () => {
    emptyDataDir = await mkdtemp(join(tmpdir(), "hubsecure-cli-"));
  });

  afterAll(async () => {
    await rm(emptyDataDir, { recursive: true, force: true });
  });

  async function hubsecure(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    const env = { ...process.env, HUBSECURE_DATA_DIR: emptyDataDir };
    try {
      const { stdout, stderr } = await run(process.execPath, ["bin/hubsecure.js", ...args], { cwd: repositoryRoot, env });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failure = error as { code: number; stdout: string; stderr: string };
      return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
    }
  }

  it("no command exits 2", async () => {
    const result = await hubsecure([]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("Usage: hubsecure <command>");
  });

  it("--help exits 0", async () => {
    const result = await hubsecure(["--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(MAIN_HELP);
    expect(result.stderr).toBe("");
  });

  it("unknown command exits 2", async () => {
    const result = await hubsecure(["deploy"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^hubsecure: unknown command "deploy"/);
  });

  it("weak password exits 2 first", async () => {
    // The data dir has no outputs.json, so reaching the stack would fail with status 1.
    const result = await hubsecure([...VALID, "--password", "short"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^hubsecure: --password does not meet the user pool's password policy/);
  });

  it("AWS mode rejects local options", async () => {
    const outputsFile = join(emptyDataDir, "cdk-outputs.json");
    await writeFile(outputsFile, JSON.stringify({ HubSecure: { UserPoolId: "us-east-1_Example", Region: "us-east-1" } }));

    const reset = await hubsecure([...VALID, "--outputs", outputsFile, "--reset-password"]);
    expect(reset.code).toBe(2);
    expect(reset.stderr).toMatch(/^hubsecure: --reset-password works in local mode only/);
    expect(reset.stderr).toContain("admin-set-user-password --user-pool-id us-east-1_Example --username ops@firm.example");

    const password = await hubsecure([...VALID, "--outputs", outputsFile, "--password", "Chosen-Passw0rd!"]);
    expect(password.code).toBe(2);
    expect(password.stderr).toMatch(/^hubsecure: --password works in local mode only/);
  });

  it("honours HUBSECURE_DATA_DIR", async () => {
    const result = await hubsecure(VALID);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`No local stack outputs at ${join(emptyDataDir, "outputs.json")}`);
  });
});
