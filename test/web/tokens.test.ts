import { describe, expect, it } from "vitest";
import {
  decodeJwtPayload,
  loadTokens,
  needsRefresh,
  REFRESH_MARGIN_MS,
  saveTokens,
  tokensFromResult,
  type KeyValueStorage,
} from "../../web/src/auth/tokens";

function fakeJwt(payload: Record<string, unknown>): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${encode({ alg: "RS256" })}.${encode(payload)}.signature`;
}

function memoryStorage(): KeyValueStorage & { values: Map<string, string> } {
  const values = new Map<string, string>();
  return {
    values,
    getItem: (key) => values.get(key) ?? null,
    setItem: (key, value) => void values.set(key, value),
    removeItem: (key) => void values.delete(key),
  };
}

describe("decodeJwtPayload", () => {
  it("reads base64url claims", () => {
    expect(decodeJwtPayload(fakeJwt({ exp: 1700000000, email: "ä@example.com" }))).toEqual({
      exp: 1700000000,
      email: "ä@example.com",
    });
  });

  it("returns undefined for garbage", () => {
    expect(decodeJwtPayload("not-a-jwt")).toBeUndefined();
    expect(decodeJwtPayload("a.%%%.c")).toBeUndefined();
  });
});

describe("tokensFromResult", () => {
  it("takes expiry from the exp claim", () => {
    const tokens = tokensFromResult({ AccessToken: fakeJwt({ exp: 2000 }), RefreshToken: "rt" }, "u", 0);
    expect(tokens.expiresAt).toBe(2_000_000);
    expect(tokens.refreshToken).toBe("rt");
  });

  it("falls back to ExpiresIn", () => {
    const tokens = tokensFromResult({ AccessToken: "opaque", ExpiresIn: 60 }, "u", 1000);
    expect(tokens.expiresAt).toBe(61_000);
  });

  it("keeps the previous refresh token", () => {
    const tokens = tokensFromResult({ AccessToken: fakeJwt({ exp: 10 }) }, "u", 0, "old");
    expect(tokens.refreshToken).toBe("old");
  });
});

describe("needsRefresh", () => {
  it("triggers inside the margin", () => {
    const tokens = { accessToken: "a", expiresAt: 10 * 60_000, username: "u" };
    expect(needsRefresh(tokens, 0)).toBe(false);
    expect(needsRefresh(tokens, 10 * 60_000 - REFRESH_MARGIN_MS)).toBe(true);
  });
});

describe("token storage", () => {
  it("round-trips and rejects malformed entries", () => {
    const storage = memoryStorage();
    saveTokens(storage, { accessToken: "a", expiresAt: 5, username: "u", refreshToken: "r" });
    expect(loadTokens(storage)).toEqual({ accessToken: "a", expiresAt: 5, username: "u", refreshToken: "r" });

    storage.setItem("hubsecure.session", "{not json");
    expect(loadTokens(storage)).toBeUndefined();

    storage.setItem("hubsecure.session", JSON.stringify({ accessToken: "a" }));
    expect(loadTokens(storage)).toBeUndefined();
  });
});
