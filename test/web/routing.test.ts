import { describe, expect, it } from "vitest";
import { hrefFor, parseRoute, type Route } from "../../web/src/routing";

describe("parseRoute", () => {
  it.each<[string, Route]>([
    ["", { page: "home" }],
    ["#/", { page: "home" }],
    ["#/workspaces", { page: "workspaces" }],
    ["#/workspaces/w1", { page: "workspace", workspaceId: "w1", tab: "requests" }],
    ["#/workspaces/w1/audit", { page: "workspace", workspaceId: "w1", tab: "audit" }],
    ["#/workspaces/w1/requests/r1", { page: "request", workspaceId: "w1", requestId: "r1" }],
    ["#/workspaces/w1/bogus", { page: "notFound" }],
    ["#/workspaces/w1/files/f1", { page: "notFound" }],
    ["#/elsewhere", { page: "notFound" }],
    ["#/workspaces/%E0%A4%A", { page: "notFound" }],
  ])("parses %s", (hash, expected) => {
    expect(parseRoute(hash)).toEqual(expected);
  });

  it("round-trips hrefFor", () => {
    const routes: Route[] = [
      { page: "workspaces" },
      { page: "workspace", workspaceId: "w-1", tab: "review" },
      { page: "request", workspaceId: "w_1", requestId: "r/2" },
    ];
    for (const route of routes) {
      expect(parseRoute(hrefFor(route))).toEqual(route);
    }
  });
});
