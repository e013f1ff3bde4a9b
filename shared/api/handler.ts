import middy from "@middy/core";
import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
  Context,
} from "aws-lambda";
import { AppError, NotFoundError, UnsupportedMediaTypeError, ValidationError } from "../errors";
import { createLogger, type Logger } from "../logger";
import { callerFromEvent, type Caller } from "./caller";
import { routeKey, routesOf, type FunctionGroup, type OperationId, type RouteDefinition } from "./routes";
import { parseWith } from "./validation";

export interface OperationContext {
  /** Undefined only on routes with `auth: "none"`. */
  caller: Caller;
  /** API Gateway request id, recorded on audit events. */
  requestId: string;
  log: Logger;
}

export interface OperationInput<P = any, Q = any, B = any> {
  params: P;
  query: Q;
  body: B;
}

export type Operation = (context: OperationContext, input: OperationInput) => Promise<unknown>;
export type OperationMap = Partial<Record<OperationId, Operation>>;

type ApiEvent = APIGatewayProxyEventV2WithJWTAuthorizer;
type ApiResult = APIGatewayProxyStructuredResultV2;

const MAX_BODY_BYTES = 1024 * 1024;

const RESPONSE_HEADERS = {
  "content-type": "application/json; charset=utf-8",
  "cache-control": "no-store",
  "x-content-type-options": "nosniff",
};

const ANONYMOUS: Caller = { userId: "anonymous", username: "anonymous", groups: [] };

function rawBody(event: ApiEvent): string | undefined {
  if (event.body === undefined || event.body === null) return undefined;
  const text = event.isBase64Encoded ? Buffer.from(event.body, "base64").toString("utf8") : event.body;
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) {
    throw new ValidationError(`body: larger than ${MAX_BODY_BYTES} bytes; send a smaller request`, "body");
  }
  return text;
}

function contentTypeOf(event: ApiEvent): string {
  const header = Object.entries(event.headers ?? {}).find(([name]) => name.toLowerCase() === "content-type");
  return (header?.[1] ?? "").split(";")[0]!.trim().toLowerCase();
}

function parseBody(route: RouteDefinition, event: ApiEvent): unknown {
  const text = rawBody(event);
  if (route.bodyContentType === "text/csv") {
    const type = contentTypeOf(event);
    if (type !== "" && type !== "text/csv" && type !== "text/plain") {
      throw new UnsupportedMediaTypeError(`Content-Type must be text/csv, got "${type}"`);
    }
    return text ?? "";
  }
  if (text === undefined || text.trim() === "") return route.body ? {} : undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new ValidationError("body: is not valid JSON; send a JSON object", "body");
  }
}

function parseInput(route: RouteDefinition, event: ApiEvent): OperationInput {
  const params = route.params ? parseWith(route.params, event.pathParameters ?? {}, "path") : {};
  const query = route.query ? parseWith(route.query, event.queryStringParameters ?? {}, "query") : {};
  const body = route.body ? parseWith(route.body, parseBody(route, event), "body") : undefined;
  return { params, query, body };
}

function json(status: number, body: unknown): ApiResult {
  return { statusCode: status, headers: RESPONSE_HEADERS, body: JSON.stringify(body) };
}

/** Maps thrown errors to `{"error": {code, message}}`; unknown errors become a bare 500. */
export function errorResponse(error: unknown, log: Logger): ApiResult {
  if (error instanceof AppError) {
    const details = error instanceof ValidationError ? error.details : undefined;
    log.info("request rejected", { status: error.status, code: error.code, reason: error.message });
    return json(error.status, {
      error: { code: error.code, message: error.message, ...(details === undefined ? {} : { details }) },
    });
  }
  log.error("request failed", { error });
  return json(500, { error: { code: "internal_error", message: "The service failed to process the request; try again later" } });
}

/**
 * Builds the Lambda handler for one function group: it routes by API Gateway
 * route key, validates input against the route's schemas, runs the operation
 * and maps errors to HTTP responses.
 */
export function createApiHandler(group: FunctionGroup, operations: OperationMap) {
  const routes = new Map<string, RouteDefinition>();
  for (const route of routesOf(group)) {
    if (!operations[route.operationId as OperationId]) {
      throw new Error(`Function group ${group} has no operation for ${route.operationId}`);
    }
    routes.set(routeKey(route), route);
  }

  const baseLog = createLogger({ service: "hubsecure-api", functionGroup: group });

  const handle = async (event: ApiEvent, context: Context): Promise<ApiResult> => {
    const requestId = event.requestContext?.requestId ?? context.awsRequestId;
    let log = baseLog.child({ requestId, routeKey: event.routeKey });
    try {
      const route = routes.get(event.routeKey);
      if (!route) throw new NotFoundError(`No route for ${event.routeKey}`);
      const caller = route.auth === "user" ? callerFromEvent(event) : ANONYMOUS;
      log = log.child({ operationId: route.operationId, userId: caller.userId, workspaceId: event.pathParameters?.workspaceId });
      const input = parseInput(route, event);
      const operation = operations[route.operationId as OperationId]!;
      const result = await operation({ caller, requestId, log }, input);
      log.info("request completed", { status: route.success.status });
      return json(route.success.status, result);
    } catch (error) {
      return errorResponse(error, log);
    }
  };

  return middy<ApiEvent, ApiResult, Error, Context>().handler(handle);
}
