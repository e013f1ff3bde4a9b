import type { RouteDefinition } from "../../shared/api/routes";

export interface RouteMatch {
  route: RouteDefinition;
  /** URL-decoded values of the template's `{name}` segments. */
  pathParameters: Record<string, string>;
}

interface CompiledRoute {
  route: RouteDefinition;
  /** One entry per path segment: a literal, or a parameter name in braces. */
  segments: Array<{ literal: string } | { parameter: string }>;
  literalCount: number;
}

function compile(route: RouteDefinition): CompiledRoute {
  const segments = route.path
    .split("/")
    .slice(1)
    .map((segment) => {
      const parameter = /^\{([A-Za-z0-9_]+)\}$/.exec(segment);
      return parameter ? { parameter: parameter[1]! } : { literal: segment };
    });
  return { route, segments, literalCount: segments.filter((segment) => "literal" in segment).length };
}

function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

function matchSegments(compiled: CompiledRoute, pathSegments: string[]): Record<string, string> | undefined {
  if (compiled.segments.length !== pathSegments.length) return undefined;
  const parameters: Record<string, string> = {};
  for (let index = 0; index < pathSegments.length; index++) {
    const expected = compiled.segments[index]!;
    const actual = pathSegments[index]!;
    if ("literal" in expected) {
      if (expected.literal !== actual) return undefined;
      continue;
    }
    const value = decodeSegment(actual);
    if (value === undefined || value === "") return undefined;
    parameters[expected.parameter] = value;
  }
  return parameters;
}

/**
 * Matches a request to a route the way API Gateway HTTP APIs select routes:
 * method and path must both match, and a route with more literal segments
 * wins over one with parameters in their place.
 */
export function createRouteMatcher(routes: readonly RouteDefinition[]) {
  const compiled = routes.map(compile).sort((a, b) => b.literalCount - a.literalCount);
  return (method: string, rawPath: string): RouteMatch | undefined => {
    const pathSegments = rawPath.split("/").slice(1);
    for (const candidate of compiled) {
      if (candidate.route.method !== method) continue;
      const pathParameters = matchSegments(candidate, pathSegments);
      if (pathParameters) return { route: candidate.route, pathParameters };
    }
    return undefined;
  };
}
