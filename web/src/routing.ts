import { useEffect, useState } from "react";

/**
 * Hash-based routes, so the static bundle works from S3 and CloudFront
 * without server-side rewrites for deep links.
 */
export const WORKSPACE_TABS = ["requests", "members", "review", "files", "audit"] as const;
export type WorkspaceTab = (typeof WORKSPACE_TABS)[number];

export type Route =
  | { page: "home" }
  | { page: "workspaces" }
  | { page: "workspace"; workspaceId: string; tab: WorkspaceTab }
  | { page: "request"; workspaceId: string; requestId: string }
  | { page: "notFound" };

function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, "").replace(/^\/+|\/+$/g, "");
  if (path === "") return { page: "home" };
  const segments = path.split("/").map(decodeSegment);
  if (segments.some((segment) => segment === undefined || segment === "")) return { page: "notFound" };
  const [first, workspaceId, third, requestId, ...rest] = segments as string[];
  if (first !== "workspaces" || rest.length > 0) return { page: "notFound" };
  if (workspaceId === undefined) return { page: "workspaces" };
  if (third === undefined) return { page: "workspace", workspaceId, tab: "requests" };
  if (requestId === undefined) {
    const tab = WORKSPACE_TABS.find((candidate) => candidate === third);
    return tab ? { page: "workspace", workspaceId, tab } : { page: "notFound" };
  }
  return third === "requests" ? { page: "request", workspaceId, requestId } : { page: "notFound" };
}

export function hrefFor(route: Route): string {
  const segment = encodeURIComponent;
  switch (route.page) {
    case "home":
    case "notFound":
      return "#/";
    case "workspaces":
      return "#/workspaces";
    case "workspace":
      return `#/workspaces/${segment(route.workspaceId)}/${route.tab}`;
    case "request":
      return `#/workspaces/${segment(route.workspaceId)}/requests/${segment(route.requestId)}`;
  }
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener("hashchange", onChange);
    return () => window.removeEventListener("hashchange", onChange);
  }, []);
  return route;
}
