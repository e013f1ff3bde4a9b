import {
  AdminGetUserCommand,
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
  type InitiateAuthCommandOutput,
} from "@aws-sdk/client-cognito-identity-provider";
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalStack, type LocalStack } from "../../local/stack";

const run = promisify(execFile);
const repositoryRoot = fileURLToPath(new URL("../..", import.meta.url));
// The CLI needs no API handlers, so the stack loads the stub functions.
const FIXTURE_FUNCTIONS = fileURLToPath(new URL("../local/fixtures/functions", import.meta.url));

const EMAIL = "repeat.staff@firm.example";
const FIRST_PASSWORD = "First-Passw0rd!";
const SECOND_PASSWORD = "Second-Passw0rd!";

describe("users create on a local stack", () => {
  let dataDir: string;
  let stack: LocalStack;
  let cognito: CognitoIdentityProviderClient;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "hubsecure-cli-stack-"));
    stack = await startLocalStack({ dataDir, functionsDir: FIXTURE_FUNCTIONS });
    cognito = new CognitoIdentityProviderClient({
      region: stack.outputs.Region,
      endpoint: stack.outputs.CognitoEndpoint,
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
    });
  });

  afterAll(async () => {
    cognito?.destroy();
    await stack?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  async function usersCreate(...options: string[]): Promise<string> {
    const { stdout } = await run(process.execPath, ["bin/hubsecure.js", "users", "create", "--email", EMAIL, ...options], {
      cwd: repositoryRoot,
      env: { ...process.env, HUBSECURE_DATA_DIR: dataDir },
    });
    return stdout;
  }

  function signIn(password: string): Promise<InitiateAuthCommandOutput> {
    return cognito.send(
      new InitiateAuthCommand({
        ClientId: stack.outputs.UserPoolClientId,
        AuthFlow: "USER_PASSWORD_AUTH",
        AuthParameters: { USERNAME: EMAIL, PASSWORD: password },
      }),
    );
  }

  // The steps build on each other, so they run in order in one test.
  it("keeps the password unless reset", async () => {
    const created = await usersCreate("--role", "staff", "--password", FIRST_PASSWORD);
    expect(created).toContain(`Created staff user ${EMAIL}`);
    expect((await signIn(FIRST_PASSWORD)).AuthenticationResult?.AccessToken).toBeTruthy();

    const repeated = await usersCreate("--role", "admin", "--password", SECOND_PASSWORD);
    expect(repeated).toContain(`User ${EMAIL} already exists`);
    expect(repeated).toContain("ensured it is in the groups admin, staff");
    expect(repeated).toContain("Password unchanged. The --password value was not used. Pass --reset-password to replace it.");
    expect(repeated).not.toMatch(/password reset/i);
    const firstPasswordSignIn = await signIn(FIRST_PASSWORD);
    expect(decodeJwt(firstPasswordSignIn.AuthenticationResult!.AccessToken!)["cognito:groups"]).toEqual(["admin", "staff"]);
    await expect(signIn(SECOND_PASSWORD)).rejects.toThrow();

    const reset = await usersCreate("--role", "staff", "--password", SECOND_PASSWORD, "--reset-password");
    expect(reset).toContain(`User ${EMAIL} already exists`);
    expect(reset).toContain("Password reset to the one given with --password, permanent.");
    expect((await signIn(SECOND_PASSWORD)).AuthenticationResult?.AccessToken).toBeTruthy();
    await expect(signIn(FIRST_PASSWORD)).rejects.toThrow();

    const temporary = await usersCreate("--role", "staff", "--reset-password");
    const match = /Password reset\. Temporary password: (\S+)/.exec(temporary);
    expect(match).not.toBeNull();
    const challenge = await signIn(match![1]!);
    expect(challenge.ChallengeName).toBe("NEW_PASSWORD_REQUIRED");
    // cognito-local 5.3 returns the challenge for any password of such a
    // user, so the user's status shows that the old password is gone.
    const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: stack.outputs.UserPoolId, Username: EMAIL }));
    expect(user.UserStatus).toBe("FORCE_CHANGE_PASSWORD");
  });
});
