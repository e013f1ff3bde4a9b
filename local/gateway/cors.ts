export interface CorsConfig {
  allowOrigins: string[];
  allowMethods: string[];
  allowHeaders: string[];
  exposeHeaders: string[];
  maxAgeSeconds: number;
}

export function defaultCorsConfig(allowOrigins: string[]): CorsConfig {
  return {
    allowOrigins,
    allowMethods: ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"],
    allowHeaders: ["authorization", "content-type"],
    exposeHeaders: ["apigw-requestid"],
    maxAgeSeconds: 600,
  };
}

function allowedOrigin(config: CorsConfig, origin: string | undefined): string | undefined {
  if (!origin) return undefined;
  return config.allowOrigins.includes(origin) || config.allowOrigins.includes("*") ? origin : undefined;
}

/**
 * Returns the headers of a preflight response. API Gateway responds to every
 * OPTIONS request itself, without calling a route, and leaves the CORS
 * headers out when the origin is not allowed.
 */
export function preflightHeaders(
  config: CorsConfig,
  origin: string | undefined,
  requestMethod: string | undefined,
): Record<string, string> {
  const allowed = allowedOrigin(config, origin);
  if (!allowed || !requestMethod || !config.allowMethods.includes(requestMethod.toUpperCase())) return {};
  return {
    "access-control-allow-origin": allowed,
    "access-control-allow-methods": config.allowMethods.join(","),
    "access-control-allow-headers": config.allowHeaders.join(","),
    "access-control-max-age": String(config.maxAgeSeconds),
    vary: "Origin",
  };
}

/** Headers added to a non-preflight response for an allowed origin. */
export function responseCorsHeaders(config: CorsConfig, origin: string | undefined): Record<string, string> {
  const allowed = allowedOrigin(config, origin);
  if (!allowed) return {};
  return {
    "access-control-allow-origin": allowed,
    "access-control-expose-headers": config.exposeHeaders.join(","),
    vary: "Origin",
  };
}
