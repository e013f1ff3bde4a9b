import { describe, expect, it } from "vitest";
import { withQuery } from "../../web/src/api/client";
import { extractRowErrors, parseApiError } from "../../web/src/api/errors";
import { listAll } from "../../web/src/api/hubsecure-api";
import { joinUrl, parseConfig, resolveCognitoEndpoint } from "../../web/src/config";

describe("parseConfig", () => {
  const base = { ApiUrl: "https://api.example.com/", UserPoolId: "eu-west-1_abc", UserPoolClientId: "client", Region: "eu-west-1" };

  it("derives the AWS Cognito endpoint", () => {
    expect(parseConfig(base).cognitoEndpoint).toBe("https://cognito-idp.eu-west-1.amazonaws.com/");
  });

  it("prefers CognitoEndpoint", () => {
    expect(parseConfig({ ...base, CognitoEndpoint: "http://127.0.0.1:9229" }).cognitoEndpoint).toBe("http://127.0.0.1:9229/");
  });

  it("names a missing key", () => {
    expect(() => parseConfig({ ...base, ApiUrl: "" })).toThrow(/ApiUrl/);
    expect(() => parseConfig([])).toThrow(/object/);
  });
});

describe("url helpers", () => {
  it("joins with one slash", () => {
    expect(joinUrl("https://api.example.com/", "/me")).toBe("https://api.example.com/me");
    expect(joinUrl("http://127.0.0.1:3000", "workspaces")).toBe("http://127.0.0.1:3000/workspaces");
  });

  it("keeps a stage path", () => {
    expect(joinUrl("https://x.execute-api.eu-west-1.amazonaws.com/prod/", "/me")).toBe(
      "https://x.execute-api.eu-west-1.amazonaws.com/prod/me",
    );
  });

  it("drops undefined query values", () => {
    expect(withQuery("/files", { limit: 100, requestId: undefined, nextToken: "a+b/c" })).toBe(
      "/files?limit=100&nextToken=a%2Bb%2Fc",
    );
    expect(withQuery("/me")).toBe("/me");
  });

  it("resolves the endpoint with a trailing slash", () => {
    expect(resolveCognitoEndpoint("us-east-1")).toBe("https://cognito-idp.us-east-1.amazonaws.com/");
  });
});

describe("parseApiError", () => {
  it("reads the error body", () => {
    const error = parseApiError(409, { error: { code: "conflict", message: "Request is already submitted" } });
    expect(error.status).toBe(409);
    expect(error.code).toBe("conflict");
    expect(error.message).toBe("Request is already submitted");
  });

  it("gives a plain message for other bodies", () => {
    const error = parseApiError(502, "Bad Gateway");
    expect(error.code).toBe("http_502");
    expect(error.message).toMatch(/server/);
  });
});

describe("extractRowErrors", () => {
  it("reads an array of rows", () => {
    expect(
      extractRowErrors([
        { row: 3, field: "due_date", message: "must be a date" },
        { row: "5", message: "unknown assignee" },
        42,
      ]),
    ).toEqual([
      { row: 3, field: "due_date", message: "must be a date" },
      { row: 5, message: "unknown assignee" },
    ]);
  });

  it("reads rows nested in an object", () => {
    expect(extractRowErrors({ rows: [{ row: 1, message: "x" }] })).toEqual([{ row: 1, message: "x" }]);
    expect(extractRowErrors({ errors: ["bad header"] })).toEqual([{ message: "bad header" }]);
  });

  it("ignores other shapes", () => {
    expect(extractRowErrors(undefined)).toEqual([]);
    expect(extractRowErrors({ field: "title" })).toEqual([]);
  });
});

describe("listAll", () => {
  it("follows nextToken", async () => {
    const pages: Record<string, { items: number[]; nextToken?: string }> = {
      start: { items: [1, 2], nextToken: "p2" },
      p2: { items: [3], nextToken: "p3" },
      p3: { items: [4] },
    };
    const seen: (string | undefined)[] = [];
    const items = await listAll(async (token) => {
      seen.push(token);
      return pages[token ?? "start"]!;
    });
    expect(items).toEqual([1, 2, 3, 4]);
    expect(seen).toEqual([undefined, "p2", "p3"]);
  });
});
