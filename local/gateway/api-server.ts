import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from "aws-lambda";
import { routeKey, type RouteDefinition } from "../../shared/api/routes";
import { createLogger } from "../../shared/logger";
import { closeServer, listen, type PortOwner } from "../ports";
import { preflightHeaders, responseCorsHeaders, type CorsConfig } from "./cors";
import { buildApiEvent } from "./event";
import type { Authorizer } from "./jwt-authorizer";
import { createLambdaContext, toHttpResult, type HandlerLoader, type HttpResult } from "./lambda-runtime";
import { createRouteMatcher } from "./route-matcher";

export interface ApiGatewayOptions {
  host: string;
  port: number;
  owner?: PortOwner;
  routes: readonly RouteDefinition[];
  authorizer: Authorizer;
  /** Returns the handler of a function group (`functions/<group>.ts`). */
  loadHandler: HandlerLoader;
  cors: CorsConfig;
  /** Largest request body accepted, in bytes; API Gateway's payload quota is 10 MB. */
  maxBodyBytes?: number;
}

export interface ApiGateway {
  url: string;
  close(): Promise<void>;
}

const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;

class BodyTooLargeError extends Error {}

function readBody(request: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(request.headers["content-length"] ?? 0);
  if (declared > maxBytes) {
    // Drained rather than left unread, so that the client gets to read the 413.
    request.resume();
    return Promise.reject(new BodyTooLargeError());
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        request.removeAllListeners("data");
        request.resume();
        reject(new BodyTooLargeError());
        return;
      }
      chunks.push(chunk);
    });
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", reject);
  });
}

/** Generates an id shaped like API Gateway's `apigw-requestid`, unique per request. */
function newRequestId(): string {
  return randomBytes(10).toString("base64");
}

function jsonResult(statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResult {
  return {
    statusCode,
    headers: { "content-type": "application/json", ...headers },
    cookies: [],
    body: Buffer.from(JSON.stringify(body)),
  };
}

function writeResult(response: ServerResponse, result: HttpResult, extraHeaders: Record<string, string>): void {
  const headers: Record<string, string | string[]> = { ...result.headers, ...extraHeaders };
  if (result.cookies.length > 0) headers["set-cookie"] = result.cookies;
  headers["content-length"] = String(result.body.length);
  response.writeHead(result.statusCode, headers);
  response.end(result.body);
}

/**
 * Serves the route table over HTTP the way API Gateway's HTTP API does in
 * front of the Lambda functions. It handles CORS, runs the JWT authorizer and
 * builds payload format 2.0 events. It returns its own `{"message": ...}`
 * responses for unknown routes (404), failed authorization (401), bodies over
 * the limit (413) and failed functions (500).
 */
export async function startApiGateway(options: ApiGatewayOptions): Promise<ApiGateway> {
  const log = createLogger({ service: "hubsecure-local-gateway" });
  const matchRoute = createRouteMatcher(options.routes);
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  let domainName = "";

  const handle = async (request: IncomingMessage, requestId: string): Promise<{ result: HttpResult; routeKey?: string; note?: string }> => {
    const method = (request.method ?? "GET").toUpperCase();
    const [rawPath = "/", rawQueryString = ""] = (request.url ?? "/").split(/\?(.*)/s, 2);

    if (method === "OPTIONS") {
      const headers = preflightHeaders(options.cors, request.headers.origin, request.headers["access-control-request-method"]);
      return { result: { statusCode: 204, headers, cookies: [], body: Buffer.alloc(0) }, routeKey: "OPTIONS (preflight)" };
    }

    let body: Buffer;
    try {
      body = await readBody(request, maxBodyBytes);
    } catch (error) {
      if (!(error instanceof BodyTooLargeError)) throw error;
      const message = `Request body is larger than the limit of ${maxBodyBytes} bytes`;
      return { result: jsonResult(413, { message }, { connection: "close" }) };
    }

    const match = matchRoute(method, rawPath);
    if (!match) return { result: jsonResult(404, { message: "Not Found" }) };
    const key = routeKey(match.route);

    let claims;
    if (match.route.auth === "user") {
      const authorization = await options.authorizer(request.headers.authorization);
      if (!authorization.authorized) {
        const challenge = `Bearer scope="" error="invalid_token" error_description="${authorization.reason}"`;
        return {
          result: jsonResult(401, { message: "Unauthorized" }, { "www-authenticate": challenge }),
          routeKey: key,
          note: authorization.reason,
        };
      }
      claims = authorization.claims;
    }

    const event = buildApiEvent({
      method,
      rawPath,
      rawQueryString,
      headers: request.headers,
      body,
      routeKey: key,
      pathParameters: match.pathParameters,
      claims,
      requestId,
      sourceIp: request.socket.remoteAddress ?? "127.0.0.1",
      domainName,
      receivedAt: new Date(),
    });
    try {
      const handler = await options.loadHandler(match.route.group);
      const output = await handler(event as APIGatewayProxyEventV2WithJWTAuthorizer, createLambdaContext(match.route.group));
      return { result: toHttpResult(output), routeKey: key };
    } catch (error) {
      log.error("function failed", { requestId, routeKey: key, functionGroup: match.route.group, error });
      return { result: jsonResult(500, { message: "Internal Server Error" }), routeKey: key };
    }
  };

  const server = createServer((request, response) => {
    const startedAt = performance.now();
    const requestId = newRequestId();
    handle(request, requestId)
      .catch((error: unknown) => {
        log.error("gateway failed", { requestId, error });
        return { result: jsonResult(500, { message: "Internal Server Error" }), routeKey: undefined, note: undefined };
      })
      .then(({ result, routeKey: key, note }) => {
        const extra = {
          ...responseCorsHeaders(options.cors, request.headers.origin),
          "apigw-requestid": requestId,
        };
        writeResult(response, result, request.method === "OPTIONS" ? { "apigw-requestid": requestId } : extra);
        log.info("request", {
          requestId,
          method: request.method,
          routeKey: key ?? "(no route)",
          status: result.statusCode,
          durationMs: Math.round(performance.now() - startedAt),
          ...(note ? { reason: note } : {}),
        });
      });
  });

  const port = await listen(server, options.host, options.port, options.owner ?? { service: "the local API gateway" });
  domainName = `${options.host}:${port}`;
  const url = `http://${domainName}`;
  log.info("local API gateway started", { url, routes: options.routes.length });
  return { url, close: () => closeServer(server) };
}
