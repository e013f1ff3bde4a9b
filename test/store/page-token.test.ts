import { describe, expect, it } from "vitest";
import { decodePageToken, encodePageToken, type PageScope } from "../../shared/store/page-token";
import { ValidationError } from "../../shared/errors";

const SCOPE: PageScope = {
  partitionKey: ["PK", "WS#alpha"],
  sortKeyPrefix: ["SK", "REQ#"],
  keyAttributes: ["PK", "SK"],
};

describe("page tokens", () => {
  it("round-trips a key in scope", () => {
    const key = { PK: "WS#alpha", SK: "REQ#01" };
    expect(decodePageToken(encodePageToken(key), SCOPE)).toEqual(key);
  });

  it("rejects another workspace's partition", () => {
    const forged = encodePageToken({ PK: "WS#beta", SK: "REQ#01" });
    expect(() => decodePageToken(forged, SCOPE)).toThrow(ValidationError);
  });

  it("rejects a sort key outside the listed collection", () => {
    const forged = encodePageToken({ PK: "WS#alpha", SK: "AUDIT#2026" });
    expect(() => decodePageToken(forged, SCOPE)).toThrow(/nextToken/);
  });

  it("rejects a key from another index", () => {
    const fromIndex = encodePageToken({ PK: "WS#alpha", SK: "REQ#01", GSI2PK: "ASSIGNEE#u", GSI2SK: "2026#01" });
    expect(() => decodePageToken(fromIndex, SCOPE)).toThrow(ValidationError);
  });

  it("rejects a key missing an attribute", () => {
    expect(() => decodePageToken(encodePageToken({ PK: "WS#alpha" }), SCOPE)).toThrow(ValidationError);
  });

  it("rejects unknown attributes and non-strings", () => {
    expect(() => decodePageToken(encodePageToken({ PK: "WS#alpha", SK: "REQ#1", other: "x" }), SCOPE)).toThrow(ValidationError);
    expect(() => decodePageToken(Buffer.from('{"PK":1}').toString("base64url"), SCOPE)).toThrow(ValidationError);
  });

  it("rejects garbage", () => {
    expect(() => decodePageToken("%%%not-base64", SCOPE)).toThrow(ValidationError);
    expect(() => decodePageToken(Buffer.from("[1,2]").toString("base64url"), SCOPE)).toThrow(ValidationError);
  });

  it("treats a missing token as the first page", () => {
    expect(decodePageToken(undefined, SCOPE)).toBeUndefined();
  });
});
