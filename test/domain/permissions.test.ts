import { describe, expect, it } from "vitest";
import { effectiveRole, roleAllows } from "../../shared/domain/permissions";

describe("permission policy", () => {
  it.each([
    ["client", "request.submit", true],
    ["staff", "request.submit", false],
    ["staff", "request.review", true],
    ["client", "request.review", false],
    ["client", "request.create", false],
    ["client", "member.add", false],
    ["client", "audit.read", false],
    ["staff", "audit.read", true],
    ["client", "file.upload", true],
    ["client", "file.read", true],
  ] as const)("%s with %s is %s", (role, permission, allowed) => {
    expect(roleAllows(role, permission)).toBe(allowed);
  });

  it("admin without membership acts as staff", () => {
    expect(effectiveRole({ userId: "a", username: "a", groups: ["admin"] }, undefined)).toBe("staff");
  });

  it("staff without membership has no role", () => {
    expect(effectiveRole({ userId: "s", username: "s", groups: ["staff"] }, undefined)).toBeUndefined();
  });

  it("membership role wins over groups", () => {
    expect(effectiveRole({ userId: "a", username: "a", groups: ["admin"] }, "client")).toBe("client");
  });
});
