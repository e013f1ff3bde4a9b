import { describe, expect, it } from "vitest";
import { PASSWORD_POLICY, PASSWORD_SYMBOLS, passwordPolicyViolations } from "../../shared/users/password-policy";
import { generateTemporaryPassword } from "../../shared/users/passwords";

describe("passwordPolicyViolations", () => {
  it("accepts a compliant password", () => {
    expect(passwordPolicyViolations("Chosen-Passw0rd!")).toEqual([]);
  });

  it("names each broken rule", () => {
    expect(passwordPolicyViolations("short")).toEqual([
      "at least 12 characters",
      "an upper-case letter (A-Z)",
      "a digit (0-9)",
      `a symbol (one of ${PASSWORD_SYMBOLS} or an inner space)`,
    ]);
  });

  it.each([
    ["Abcdefgh1!x", "at least 12 characters"],
    ["ABCDEFGH1!XY", "a lower-case letter (a-z)"],
    ["abcdefgh1!xy", "an upper-case letter (A-Z)"],
    ["Abcdefgh!!xy", "a digit (0-9)"],
    ["Abcdefgh12xy", `a symbol (one of ${PASSWORD_SYMBOLS} or an inner space)`],
  ])("rejects %s", (password, rule) => {
    expect(passwordPolicyViolations(password)).toEqual([rule]);
  });

  it("accepts the minimum length", () => {
    const password = "Aa1!".padEnd(PASSWORD_POLICY.minLength, "x");
    expect(password).toHaveLength(PASSWORD_POLICY.minLength);
    expect(passwordPolicyViolations(password)).toEqual([]);
  });

  it("rejects over 256 characters", () => {
    expect(passwordPolicyViolations("Aa1!".padEnd(256, "x"))).toEqual([]);
    expect(passwordPolicyViolations("Aa1!".padEnd(257, "x"))).toEqual(["at most 256 characters"]);
  });

  it("counts only Cognito's symbols", () => {
    for (const symbol of PASSWORD_SYMBOLS) {
      expect(passwordPolicyViolations(`Abcdefgh12x${symbol}`)).toEqual([]);
    }
    expect(passwordPolicyViolations("Abcdefgh12x§")).toContain(`a symbol (one of ${PASSWORD_SYMBOLS} or an inner space)`);
  });

  it("counts only Basic Latin letters", () => {
    expect(passwordPolicyViolations("Äbcdefgh12x!")).toEqual(["an upper-case letter (A-Z)"]);
    expect(passwordPolicyViolations("äBCDEFGH12X!")).toEqual(["a lower-case letter (a-z)"]);
  });

  it("treats an inner space as a symbol", () => {
    expect(passwordPolicyViolations("Abcdef gh12x")).toEqual([]);
  });

  it("rejects leading and trailing spaces", () => {
    expect(passwordPolicyViolations(" Abcdefgh12x!")).toEqual(["no leading or trailing space"]);
    expect(passwordPolicyViolations("Abcdefgh12x! ")).toEqual(["no leading or trailing space"]);
  });
});

describe("generateTemporaryPassword", () => {
  it("meets the policy", () => {
    for (let i = 0; i < 200; i++) {
      const password = generateTemporaryPassword();
      expect(passwordPolicyViolations(password), password).toEqual([]);
    }
  });
});
