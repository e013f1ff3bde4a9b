import { describe, expect, it } from "vitest";
import {
  buildCognitoRequest,
  challengePayload,
  parseCognitoError,
  passwordAuthPayload,
  refreshAuthPayload,
} from "../../web/src/auth/cognito";
import { describeCognitoError } from "../../web/src/auth/cognito-messages";

describe("buildCognitoRequest", () => {
  it("sets the JSON 1.1 protocol headers", () => {
    const request = buildCognitoRequest("http://127.0.0.1:9229/", "InitiateAuth", { a: 1 });
    expect(request.url).toBe("http://127.0.0.1:9229/");
    expect(request.init.method).toBe("POST");
    expect(request.init.headers["Content-Type"]).toBe("application/x-amz-json-1.1");
    expect(request.init.headers["X-Amz-Target"]).toBe("AWSCognitoIdentityProviderService.InitiateAuth");
    expect(JSON.parse(request.init.body)).toEqual({ a: 1 });
  });

  it("builds the password, refresh and challenge payloads", () => {
    expect(passwordAuthPayload("client", "a@example.com", "pw")).toEqual({
      AuthFlow: "USER_PASSWORD_AUTH",
      ClientId: "client",
      AuthParameters: { USERNAME: "a@example.com", PASSWORD: "pw" },
    });
    expect(refreshAuthPayload("client", "rt")).toEqual({
      AuthFlow: "REFRESH_TOKEN_AUTH",
      ClientId: "client",
      AuthParameters: { REFRESH_TOKEN: "rt" },
    });
    expect(challengePayload("client", "NEW_PASSWORD_REQUIRED", "s1", { USERNAME: "u", NEW_PASSWORD: "n" })).toEqual({
      ClientId: "client",
      ChallengeName: "NEW_PASSWORD_REQUIRED",
      Session: "s1",
      ChallengeResponses: { USERNAME: "u", NEW_PASSWORD: "n" },
    });
  });
});

describe("parseCognitoError", () => {
  it("strips the namespace from __type", () => {
    const error = parseCognitoError(400, {
      __type: "com.amazonaws.cognito#NotAuthorizedException",
      message: "Incorrect username or password.",
    });
    expect(error.code).toBe("NotAuthorizedException");
    expect(error.message).toBe("Incorrect username or password.");
  });

  it("falls back to the HTTP status", () => {
    const error = parseCognitoError(502, undefined);
    expect(error.code).toBe("HTTP502");
    expect(error.message).toContain("502");
  });
});

describe("describeCognitoError", () => {
  const generic = "The e-mail address or password is incorrect.";

  it("hides whether the user exists", () => {
    expect(describeCognitoError({ code: "NotAuthorizedException", message: "Incorrect username or password." })).toBe(generic);
    expect(describeCognitoError({ code: "UserNotFoundException", message: "User does not exist." })).toBe(generic);
    expect(describeCognitoError({ code: "InvalidPasswordException", message: "Invalid password" })).toBe(generic);
  });

  it("explains a password policy failure", () => {
    const text = describeCognitoError({
      code: "InvalidPasswordException",
      message: "Password does not conform to policy: Password not long enough",
    });
    expect(text).toContain("Password not long enough");
    expect(text).not.toBe(generic);
  });

  it("explains a wrong MFA code", () => {
    expect(describeCognitoError({ code: "CodeMismatchException", message: "x" })).toMatch(/code is incorrect/);
  });
});
