import { afterEach, describe, expect, it, vi } from "vitest";
import { AuthSession } from "../../web/src/auth/auth-session";
import type { KeyValueStorage } from "../../web/src/auth/tokens";

const ENDPOINT = "http://127.0.0.1:9/";
const TYPED_EMAIL = "  Staff@Firm.Example ";
const USERNAME = "staff@firm.example";

interface SentCall {
  target: string;
  body: Record<string, unknown>;
}

const noStorage: KeyValueStorage = {
  getItem: () => null,
  setItem: () => undefined,
  removeItem: () => undefined,
};

/**
 * Replaces fetch with a Cognito stand-in and records each call. InitiateAuth
 * returns `challengeName` without USER_ID_FOR_SRP, so the session must fall
 * back to the typed name, and a challenge response returns tokens.
 */
function stubCognito(challengeName: string): SentCall[] {
  const calls: SentCall[] = [];
  vi.stubGlobal("fetch", async (_url: string, init: RequestInit) => {
    const target = String((init.headers as Record<string, string>)["X-Amz-Target"]).split(".").pop()!;
    const body = JSON.parse(String(init.body)) as Record<string, unknown>;
    calls.push({ target, body });
    const answer =
      target === "InitiateAuth"
        ? { ChallengeName: challengeName, Session: "session-1" }
        : { AuthenticationResult: { AccessToken: "access", ExpiresIn: 3600 } };
    return new Response(JSON.stringify(answer), { status: 200 });
  });
  return calls;
}

function usernameSentIn(call: SentCall | undefined): unknown {
  const parameters = (call?.body["AuthParameters"] ?? call?.body["ChallengeResponses"]) as Record<string, unknown> | undefined;
  return parameters?.["USERNAME"];
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("AuthSession user name", () => {
  const cases = [
    { challenge: "NEW_PASSWORD_REQUIRED", answer: (session: AuthSession) => session.completeNewPassword("Chosen-Passw0rd!") },
    { challenge: "SOFTWARE_TOKEN_MFA", answer: (session: AuthSession) => session.submitMfaCode("123456") },
  ];

  for (const { challenge, answer } of cases) {
    it(`is normalized through ${challenge}`, async () => {
      const calls = stubCognito(challenge);
      const session = new AuthSession(ENDPOINT, "client-id", noStorage);

      await session.signIn(TYPED_EMAIL, "Some-Passw0rd!");
      await answer(session);

      expect(calls.map((call) => call.target)).toEqual(["InitiateAuth", "RespondToAuthChallenge"]);
      expect(usernameSentIn(calls[0])).toBe(USERNAME);
      expect(usernameSentIn(calls[1])).toBe(USERNAME);
      const state = session.getState();
      if (state.status !== "signedIn") throw new Error(`expected signedIn, got ${state.status}`);
      expect(state.tokens.username).toBe(USERNAME);
    });
  }
});
