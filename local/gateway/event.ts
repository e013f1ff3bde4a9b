import type { APIGatewayProxyEventV2WithJWTAuthorizer } from "aws-lambda";
import type { IncomingHttpHeaders } from "node:http";
import type { JWTPayload } from "jose";

export interface EventInput {
  method: string;
  rawPath: string;
  rawQueryString: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  routeKey: string;
  pathParameters: Record<string, string>;
  /** Verified token claims; undefined on routes without the authorizer. */
  claims: JWTPayload | undefined;
  requestId: string;
  sourceIp: string;
  /** Host of the API, such as `127.0.0.1:4000`. */
  domainName: string;
  receivedAt: Date;
}

/** Content types whose bodies API Gateway passes as text rather than base64. */
function isTextContentType(contentType: string | undefined): boolean {
  if (!contentType) return true;
  const type = contentType.split(";")[0]!.trim().toLowerCase();
  return (
    type.startsWith("text/") ||
    type === "application/json" ||
    type.endsWith("+json") ||
    type === "application/xml" ||
    type.endsWith("+xml") ||
    type === "application/javascript" ||
    type === "application/x-www-form-urlencoded"
  );
}

/**
 * Flattens claims the way the JWT authorizer passes them: every value is a
 * string, and an array becomes its items joined by spaces in brackets, such
 * as `[admin staff]`.
 */
export function flattenClaims(claims: JWTPayload): Record<string, string> {
  const flattened: Record<string, string> = {};
  for (const [name, value] of Object.entries(claims)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) flattened[name] = `[${value.map(String).join(" ")}]`;
    else if (typeof value === "object") flattened[name] = JSON.stringify(value);
    else flattened[name] = String(value);
  }
  return flattened;
}

function headerValues(headers: IncomingHttpHeaders): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || name === "cookie") continue;
    values[name.toLowerCase()] = Array.isArray(value) ? value.join(",") : value;
  }
  return values;
}

/** Repeated query parameters are joined with commas, as in payload format 2.0. */
function queryParameters(rawQueryString: string): Record<string, string> | undefined {
  if (rawQueryString === "") return undefined;
  const values: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(rawQueryString)) {
    values[name] = name in values ? `${values[name]},${value}` : value;
  }
  return values;
}

function cookies(headers: IncomingHttpHeaders): string[] | undefined {
  const header = headers.cookie;
  if (!header) return undefined;
  return header.split(";").map((cookie) => cookie.trim()).filter((cookie) => cookie !== "");
}

/** API Gateway's request time format, such as `04/Dec/2025:15:30:00 +0000`. */
function requestTime(date: Date): string {
  const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  const pad = (value: number) => String(value).padStart(2, "0");
  return (
    `${pad(date.getUTCDate())}/${months[date.getUTCMonth()]}/${date.getUTCFullYear()}:` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`
  );
}

/** Builds the payload format 2.0 event that API Gateway sends a Lambda integration. */
export function buildApiEvent(input: EventInput): APIGatewayProxyEventV2WithJWTAuthorizer {
  const headers = headerValues(input.headers);
  const hasBody = input.body.length > 0;
  const isBase64Encoded = hasBody && !isTextContentType(headers["content-type"]);
  let body: string | undefined;
  if (hasBody) body = input.body.toString(isBase64Encoded ? "base64" : "utf8");
  const event = {
    version: "2.0",
    routeKey: input.routeKey,
    rawPath: input.rawPath,
    rawQueryString: input.rawQueryString,
    cookies: cookies(input.headers),
    headers,
    queryStringParameters: queryParameters(input.rawQueryString),
    pathParameters: Object.keys(input.pathParameters).length > 0 ? input.pathParameters : undefined,
    requestContext: {
      accountId: "000000000000",
      apiId: "local",
      authorizer: input.claims
        ? {
            principalId: "",
            integrationLatency: 0,
            jwt: {
              claims: flattenClaims(input.claims),
              scopes: typeof input.claims.scope === "string" ? input.claims.scope.split(" ") : [],
            },
          }
        : undefined,
      domainName: input.domainName,
      domainPrefix: input.domainName.split(".")[0]!,
      http: {
        method: input.method,
        path: input.rawPath,
        protocol: "HTTP/1.1",
        sourceIp: input.sourceIp,
        userAgent: headers["user-agent"] ?? "",
      },
      requestId: input.requestId,
      routeKey: input.routeKey,
      stage: "$default",
      time: requestTime(input.receivedAt),
      timeEpoch: input.receivedAt.getTime(),
    },
    body,
    isBase64Encoded,
  };
  // Routes without the authorizer get no `authorizer` key at all, as in AWS.
  if (!input.claims) delete (event.requestContext as { authorizer?: unknown }).authorizer;
  return event as APIGatewayProxyEventV2WithJWTAuthorizer;
}
