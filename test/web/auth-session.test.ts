import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
} from "@aws-sdk/client-cognito-identity-provider";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalCognito, type LocalCognito } from "../../local/cognito/index";
import { AuthSession } from "../../web/src/auth/auth-session";
import { CognitoError } from "../../web/src/auth/cognito";
import { describeCognitoError } from "../../web/src/auth/cognito-messages";
import { passwordPolicyProblems } from "../../web/src/auth/password-policy";
import type { KeyValueStorage } from "../../web/src/auth/tokens";
import { normalizeEmail } from "../../web/src/auth/username";
import { resolveCognitoEndpoint } from "../../web/src/config";

function memoryStorage(): KeyValueStorage & { values: Map<string, string> } {
  const values = new Map<string, string>();
  return {
    values,
    getItem: (key) => values.get(key) ?? null,
    setItem: (key, value) => void values.set(key, value),
    removeItem: (key) => void values.delete(key),
  };
}

describe("passwordPolicyProblems", () => {
  it("lists each missing class", () => {
    expect(passwordPolicyProblems("Chosen-Passw0rd!")).toEqual([]);
    const problems = passwordPolicyProblems("short");
    expect(problems).toHaveLength(4);
    expect(problems[0]).toBe("at least 12 characters");
    expect(problems[1]).toMatch(/^an upper-case letter/);
    expect(problems[2]).toMatch(/^a digit/);
    expect(problems[3]).toMatch(/^a symbol/);
  });
});

describe("normalizeEmail", () => {
  it("trims and lower-cases", () => {
    expect(normalizeEmail("  Staff@Firm.Example ")).toBe("staff@firm.example");
    expect(normalizeEmail("staff@firm.example")).toBe("staff@firm.example");
  });
});

describe("AuthSession against cognito-local", () => {
  let dataDir: string;
  let cognito: LocalCognito;
  let admin: CognitoIdentityProviderClient;
  let endpoint: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "hubsecure-web-auth-"));
    cognito = await startLocalCognito({ host: "127.0.0.1", port: 0, dataDir });
    endpoint = resolveCognitoEndpoint("us-east-1", cognito.endpoint);
    admin = new CognitoIdentityProviderClient({
      region: "us-east-1",
      endpoint: cognito.endpoint,
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
    });
  });

  afterAll(async () => {
    admin?.destroy();
    await cognito?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  async function createUser(email: string, password: string, permanent: boolean) {
    await admin.send(
      new AdminCreateUserCommand({
        UserPoolId: cognito.userPoolId,
        Username: email,
        TemporaryPassword: password,
        MessageAction: "SUPPRESS",
        UserAttributes: [
          { Name: "email", Value: email },
          { Name: "email_verified", Value: "true" },
        ],
      }),
    );
    if (permanent) {
      await admin.send(
        new AdminSetUserPasswordCommand({ UserPoolId: cognito.userPoolId, Username: email, Password: password, Permanent: true }),
      );
    }
  }

  it("answers the new-password challenge", async () => {
    await createUser("invited.client@example.com", "Temporary-Passw0rd!", false);
    const storage = memoryStorage();
    const session = new AuthSession(endpoint, cognito.userPoolClientId, storage);

    await session.signIn("invited.client@example.com", "Temporary-Passw0rd!");
    const challenge = session.getState();
    if (challenge.status !== "challenge") throw new Error(`expected a challenge, got ${challenge.status}`);
    expect(challenge.challenge).toBe("NEW_PASSWORD_REQUIRED");

    await session.completeNewPassword("Chosen-Passw0rd!");
    const state = session.getState();
    expect(state.status).toBe("signedIn");
    expect(storage.values.size).toBe(1);
    expect(await session.getAccessToken()).toMatch(/^ey/);
  });

  it("refreshes and signs out", async () => {
    await createUser("staff.person@example.com", "Permanent-Passw0rd!", true);
    const storage = memoryStorage();
    const session = new AuthSession(endpoint, cognito.userPoolClientId, storage);
    await session.signIn("staff.person@example.com", "Permanent-Passw0rd!");
    const before = session.getState();
    expect(before.status).toBe("signedIn");

    const refreshed = await session.refresh();
    expect(refreshed).toMatch(/^ey/);
    const after = session.getState();
    if (after.status !== "signedIn") throw new Error(`expected signedIn, got ${after.status}`);
    expect(after.tokens.refreshToken).toBeTruthy();

    // A reload restores the session from storage.
    const restored = new AuthSession(endpoint, cognito.userPoolClientId, storage);
    expect(restored.getState().status).toBe("signedIn");
    restored.signOut();

    session.signOut();
    expect(session.getState().status).toBe("signedOut");
    expect(storage.values.size).toBe(0);
  });

  it("accepts a mixed-case e-mail", async () => {
    await createUser("mixed.case@example.com", "Permanent-Passw0rd!", true);
    const session = new AuthSession(endpoint, cognito.userPoolClientId, memoryStorage());

    await session.signIn(" Mixed.Case@Example.COM ", "Permanent-Passw0rd!");
    const state = session.getState();
    if (state.status !== "signedIn") throw new Error(`expected signedIn, got ${state.status}`);
    expect(state.tokens.username).toBe("mixed.case@example.com");
    session.signOut();
  });

  it("answers the challenge for a mixed-case e-mail", async () => {
    await createUser("invited.mixed@example.com", "Temporary-Passw0rd!", false);
    const session = new AuthSession(endpoint, cognito.userPoolClientId, memoryStorage());

    await session.signIn("Invited.Mixed@Example.com", "Temporary-Passw0rd!");
    const challenge = session.getState();
    if (challenge.status !== "challenge") throw new Error(`expected a challenge, got ${challenge.status}`);
    expect(challenge.username).toBe("invited.mixed@example.com");

    await session.completeNewPassword("Chosen-Passw0rd!");
    const state = session.getState();
    if (state.status !== "signedIn") throw new Error(`expected signedIn, got ${state.status}`);
    expect(state.tokens.username).toBe("invited.mixed@example.com");
    session.signOut();
  });

  it("gives one message for bad credentials", async () => {
    const session = new AuthSession(endpoint, cognito.userPoolClientId, memoryStorage());
    const messages: string[] = [];
    for (const [email, password] of [
      ["staff.person@example.com", "Wrong-Passw0rd!!"],
      ["nobody@example.com", "Whatever-Passw0rd!"],
    ] as const) {
      const error = await session.signIn(email, password).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(CognitoError);
      messages.push(describeCognitoError(error as CognitoError));
    }
    expect(messages[0]).toBe("The e-mail address or password is incorrect.");
    expect(messages[1]).toBe(messages[0]);
    expect(session.getState().status).toBe("signedOut");
  });
});
