import { execFile } from "node:child_process";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signIn } from "../support/api-client";
import { STAFF_PASSWORD, startTestPortal, type TestPortal } from "../support/test-portal";

const run = promisify(execFile);
const repositoryRoot = fileURLToPath(new URL("../..", import.meta.url));

let portal: TestPortal;
let dataDir: string;

beforeAll(async () => {
  portal = await startTestPortal();
  // The portal keeps outputs.json beside its outbox folder.
  dataDir = path.dirname(portal.outboxDir);
});

afterAll(async () => {
  await portal?.close();
});

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

async function usersCreate(...args: string[]): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run(process.execPath, ["bin/hubsecure.js", "users", "create", ...args], {
      cwd: repositoryRoot,
      env: { ...process.env, HUBSECURE_DATA_DIR: dataDir },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as CliResult;
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
}

describe("invalid options", () => {
  it.each(["not-an-email", "ops@", "@firm.example", "ops firm@firm.example", "", "ops@firm.example\nBcc: x@y.example"])(
    "rejects e-mail %j",
    async (email) => {
      const result = await usersCreate("--email", email, "--role", "staff");
      expect(result.code).toBe(2);
      expect(result.stdout).toBe("");
      expect(result.stderr).toMatch(/^hubsecure: --email must be an e-mail address/);
    },
  );

  it.each(["client", "Admin", "superuser", ""])("rejects role %j", async (role) => {
    const result = await usersCreate("--email", "ops@firm.example", "--role", role);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`--role must be admin or staff, got "${role}"`);
  });

  it.each([
    [["--role", "staff"], "--email is required"],
    [["--email", "ops@firm.example"], "--role is required"],
    [["--email", "ops@firm.example", "--role", "staff", "--emial", "x"], "Unknown option '--emial'"],
    [["--email", "ops@firm.example", "--role", "staff", "extra"], "Unexpected argument 'extra'"],
    [["--email", "ops@firm.example", "--role"], "argument missing"],
  ])("rejects %j", async (args, message) => {
    const result = await usersCreate(...args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });

  it.each([
    ["Short-Pw1!", "at least 12 characters"],
    ["lower-only-password-1!", "an upper-case letter"],
    ["UPPER-ONLY-PASSWORD-1!", "a lower-case letter"],
    ["No-Digits-In-Here!", "a digit"],
    ["NoSymbolsInHere123", "a symbol"],
  ])("rejects password %s", async (password, missing) => {
    const result = await usersCreate("--email", "weak@firm.example", "--role", "staff", "--password", password);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("does not meet the user pool's password policy");
    expect(result.stderr).toContain(missing);
    expect(result.stderr).not.toContain(password);
    await expect(signIn(portal.cognito, "weak@firm.example", password)).rejects.toThrow();
  });
});

describe("stack lookup", () => {
  it("names the stacks for an unknown --stack", async () => {
    const result = await usersCreate("--email", "ops@firm.example", "--role", "staff", "--stack", "Production");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("no outputs for stack Production (stacks found: HubSecure)");
  });

  it("names a missing --outputs file", async () => {
    const missing = path.join(dataDir, "cdk-outputs.json");
    const result = await usersCreate("--email", "ops@firm.example", "--role", "staff", "--outputs", missing);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${missing} does not exist`);
  });

  it("reports an outputs file that is not JSON", async () => {
    const broken = path.join(dataDir, "broken-outputs.json");
    await writeFile(broken, "{ not json");
    const result = await usersCreate("--email", "ops@firm.example", "--role", "staff", "--outputs", broken);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^hubsecure: Failed to read /);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

describe("new users", () => {
  it("stores a mixed-case address in lower case", async () => {
    const result = await usersCreate("--email", " Jane.Doe@Firm.Example ", "--role", "staff", "--password", STAFF_PASSWORD);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Created staff user jane.doe@firm.example");
    expect(await signIn(portal.cognito, "jane.doe@firm.example", STAFF_PASSWORD)).toBeTruthy();
    const again = await usersCreate("--email", "JANE.DOE@firm.example", "--role", "staff");
    expect(again.stdout).toContain("User jane.doe@firm.example already exists");
  });

  it("prints a temporary password that must be replaced", async () => {
    const result = await usersCreate("--email", "temp@firm.example", "--role", "admin");
    expect(result.code).toBe(0);
    const temporary = /^Temporary password: (\S+)$/m.exec(result.stdout)?.[1];
    expect(temporary).toBeDefined();
    await expect(signIn(portal.cognito, "temp@firm.example", temporary!)).rejects.toThrow(/NEW_PASSWORD_REQUIRED/);
    expect(await signIn(portal.cognito, "temp@firm.example", temporary!, "Replaced-Passw0rd!")).toBeTruthy();
  });
});

describe("existing users", () => {
  const email = "existing@firm.example";
  const password = "Existing-Passw0rd!";

  beforeAll(async () => {
    expect((await usersCreate("--email", email, "--role", "staff", "--password", password)).code).toBe(0);
  });

  it("keeps the password without a reset", async () => {
    const result = await usersCreate("--email", email, "--role", "staff");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Password unchanged.");
    expect(result.stdout).not.toMatch(/Temporary password/);
    expect(await signIn(portal.cognito, email, password)).toBeTruthy();
  });

  it("issues a temporary password on reset", async () => {
    const result = await usersCreate("--email", email, "--role", "staff", "--reset-password");
    expect(result.code).toBe(0);
    const temporary = /Temporary password: (\S+)$/m.exec(result.stdout)?.[1];
    expect(temporary).toBeDefined();
    expect(await signIn(portal.cognito, email, temporary!, "After-Reset-Passw0rd!")).toBeTruthy();
    await expect(signIn(portal.cognito, email, password)).rejects.toThrow();
  });

  it("sets the given password on reset", async () => {
    const result = await usersCreate("--email", email, "--role", "staff", "--reset-password", "--password", "Chosen-Again-Passw0rd!");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Password reset to the one given with --password, permanent.");
    expect(await signIn(portal.cognito, email, "Chosen-Again-Passw0rd!")).toBeTruthy();
  });
});
