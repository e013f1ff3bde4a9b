import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { APIGatewayProxyStructuredResultV2, Context } from "aws-lambda";

/** A Lambda handler as the function modules export it (middy or plain async). */
export type LambdaHandler<E = unknown, R = unknown> = (event: E, context: Context) => Promise<R>;

export type HandlerLoader = (functionName: string) => Promise<LambdaHandler>;

/** API Gateway HTTP APIs wait at most 30 seconds for an integration. */
const INTEGRATION_TIMEOUT_MS = 30_000;

/**
 * Loads `<functionsDir>/<name>.ts` on first use and keeps its `handler`.
 * A module that fails to load is tried again on the next request, so the
 * gateway can start while a function is still being written.
 */
export function createHandlerLoader(functionsDir: string): HandlerLoader {
  const loaded = new Map<string, Promise<LambdaHandler>>();
  return (functionName) => {
    let handler = loaded.get(functionName);
    if (!handler) {
      const url = pathToFileURL(join(functionsDir, `${functionName}.ts`)).href;
      handler = import(url).then((module: { handler?: unknown }) => {
        if (typeof module.handler !== "function") {
          throw new Error(`${functionName}.ts does not export a function named handler`);
        }
        return module.handler as LambdaHandler;
      });
      loaded.set(functionName, handler);
      handler.catch(() => loaded.delete(functionName));
    }
    return handler;
  };
}

/** Creates the Lambda context of one invocation. Only the fields that handlers read are meaningful. */
export function createLambdaContext(functionName: string): Context {
  const startedAt = Date.now();
  const awsRequestId = randomUUID();
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: `hubsecure-${functionName}`,
    functionVersion: "$LATEST",
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:hubsecure-${functionName}`,
    memoryLimitInMB: "512",
    awsRequestId,
    logGroupName: `/aws/lambda/hubsecure-${functionName}`,
    logStreamName: "local",
    getRemainingTimeInMillis: () => Math.max(0, INTEGRATION_TIMEOUT_MS - (Date.now() - startedAt)),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

export interface HttpResult {
  statusCode: number;
  headers: Record<string, string>;
  cookies: string[];
  body: Buffer;
}

/**
 * Turns a handler's return value into an HTTP response by the rules of
 * payload format 2.0. A result with `statusCode` is used as given, and
 * anything else is sent as a 200 JSON body.
 */
export function toHttpResult(result: unknown): HttpResult {
  if (typeof result === "object" && result !== null && "statusCode" in result) {
    const structured = result as APIGatewayProxyStructuredResultV2;
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(structured.headers ?? {})) headers[name.toLowerCase()] = String(value);
    const text = structured.body ?? "";
    return {
      statusCode: structured.statusCode ?? 200,
      headers,
      cookies: structured.cookies ?? [],
      body: Buffer.from(text, structured.isBase64Encoded ? "base64" : "utf8"),
    };
  }
  return {
    statusCode: 200,
    headers: { "content-type": "application/json" },
    cookies: [],
    body: Buffer.from(typeof result === "string" ? result : JSON.stringify(result ?? null)),
  };
}
