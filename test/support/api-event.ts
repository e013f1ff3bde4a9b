import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from "aws-lambda";

/** Builds an HTTP API (payload 2.0) event as API Gateway's JWT authorizer passes it. */
export function apiEvent(options: {
  routeKey: string;
  pathParameters?: Record<string, string>;
  query?: Record<string, string>;
  body?: string;
  headers?: Record<string, string>;
  claims?: Record<string, string | number | boolean | string[]>;
}): APIGatewayProxyEventV2WithJWTAuthorizer {
  const [method, path] = options.routeKey.split(" ") as [string, string];
  return {
    version: "2.0",
    routeKey: options.routeKey,
    rawPath: path,
    rawQueryString: new URLSearchParams(options.query ?? {}).toString(),
    headers: { "content-type": "application/json", ...options.headers },
    queryStringParameters: options.query,
    pathParameters: options.pathParameters,
    body: options.body,
    isBase64Encoded: false,
    requestContext: {
      accountId: "000000000000",
      apiId: "local",
      domainName: "127.0.0.1",
      domainPrefix: "127",
      http: { method, path, protocol: "HTTP/1.1", sourceIp: "127.0.0.1", userAgent: "vitest" },
      requestId: "req-test-1",
      routeKey: options.routeKey,
      stage: "$default",
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
      authorizer: {
        principalId: "",
        integrationLatency: 0,
        jwt: {
          claims: options.claims ?? { sub: "user-1", username: "user-1", token_use: "access", "cognito:groups": "[staff]" },
          scopes: [],
        },
      },
    },
  } as APIGatewayProxyEventV2WithJWTAuthorizer;
}

export const lambdaContext = { awsRequestId: "lambda-req-1" } as Context;
