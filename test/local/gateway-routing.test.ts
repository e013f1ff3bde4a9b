import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROUTES } from "../../shared/api/routes";
import { createRouteMatcher } from "../../local/gateway/route-matcher";
import {
  createHandlerLoader,
  defaultCorsConfig,
  startApiGateway,
  startWebServer,
  type ApiGateway,
  type Authorizer,
  type WebServer,
} from "../../local/gateway/index";

const FIXTURE_FUNCTIONS = fileURLToPath(new URL("./fixtures/functions", import.meta.url));
const WEB_ORIGIN = "http://127.0.0.1:4001";

/** Accepts the bearer value `good` and nothing else. */
const stubAuthorizer: Authorizer = async (header) =>
  header === "Bearer good"
    ? { authorized: true, token: "good", claims: { sub: "user-1", "cognito:groups": ["staff"], token_use: "access" } }
    : { authorized: false, reason: "the token is invalid" };

describe("route matcher", () => {
  const match = createRouteMatcher(ROUTES);

  it("literal segment wins over parameter", () => {
    expect(match("POST", "/workspaces/w1/requests/import")?.route.operationId).toBe("importRequests");
    expect(match("GET", "/workspaces/w1/requests/import")?.route.operationId).toBe("getRequest");
  });

  it("path parameters are decoded", () => {
    const result = match("GET", "/workspaces/w%201/files/f1/download");
    expect(result?.route.operationId).toBe("getFileDownload");
    expect(result?.pathParameters).toEqual({ workspaceId: "w 1", fileId: "f1" });
  });

  it("unknown path or method", () => {
    expect(match("GET", "/nothing")).toBeUndefined();
    expect(match("DELETE", "/workspaces")).toBeUndefined();
    expect(match("GET", "/workspaces/")).toBeUndefined();
    expect(match("GET", "/workspaces/w1/extra/segments/here")).toBeUndefined();
  });
});

describe("local API gateway", () => {
  let gateway: ApiGateway;

  beforeAll(async () => {
    gateway = await startApiGateway({
      host: "127.0.0.1",
      port: 0,
      routes: ROUTES,
      authorizer: stubAuthorizer,
      loadHandler: createHandlerLoader(FIXTURE_FUNCTIONS),
      cors: defaultCorsConfig([WEB_ORIGIN]),
      maxBodyBytes: 1024,
    });
  });

  afterAll(async () => {
    await gateway?.close();
  });

  it("unknown path is 404", async () => {
    const response = await fetch(`${gateway.url}/nothing/here`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ message: "Not Found" });
  });

  it("unrouted method is 404 as in API Gateway", async () => {
    const response = await fetch(`${gateway.url}/workspaces`, { method: "DELETE", headers: { Authorization: "Bearer good" } });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ message: "Not Found" });
  });

  it("route without authorizer needs no token", async () => {
    const response = await fetch(`${gateway.url}/openapi.json`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ openapi: "3.1.0" });
  });

  it("bare object result is a 200 JSON body", async () => {
    const response = await fetch(`${gateway.url}/workspaces/w1/requests/import`, {
      method: "POST",
      headers: { Authorization: "Bearer good", "Content-Type": "text/csv" },
      body: "title\nBank statements\n",
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(await response.json()).toEqual({
      routeKey: "POST /workspaces/{workspaceId}/requests/import",
      body: "title\nBank statements\n",
      isBase64Encoded: false,
    });
  });

  it("binary body is base64", async () => {
    const bytes = Buffer.from([0, 255, 1, 254]);
    const response = await fetch(`${gateway.url}/workspaces/w1/requests`, {
      method: "POST",
      headers: { Authorization: "Bearer good", "Content-Type": "application/octet-stream" },
      body: bytes,
    });
    const result = (await response.json()) as { body: string; isBase64Encoded: boolean };
    expect(result.isBase64Encoded).toBe(true);
    expect(Buffer.from(result.body, "base64")).toEqual(bytes);
  });

  it("body over the limit is 413", async () => {
    const response = await fetch(`${gateway.url}/workspaces`, {
      method: "POST",
      headers: { Authorization: "Bearer good", "Content-Type": "application/json" },
      body: JSON.stringify({ name: "x".repeat(2000) }),
    });
    expect(response.status).toBe(413);
    expect(((await response.json()) as { message: string }).message).toContain("1024 bytes");
  });

  it("function that throws is 500", async () => {
    const response = await fetch(`${gateway.url}/workspaces/w1/audit`, { headers: { Authorization: "Bearer good" } });
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ message: "Internal Server Error" });
  });

  it("missing function module is 500", async () => {
    const response = await fetch(`${gateway.url}/workspaces/w1/files`, { headers: { Authorization: "Bearer good" } });
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ message: "Internal Server Error" });
  });

  it("CORS preflight for the web origin", async () => {
    const response = await fetch(`${gateway.url}/workspaces/w1/requests`, {
      method: "OPTIONS",
      headers: {
        Origin: WEB_ORIGIN,
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization,content-type",
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe(WEB_ORIGIN);
    expect(response.headers.get("access-control-allow-methods")).toContain("POST");
    expect(response.headers.get("access-control-allow-headers")).toBe("authorization,content-type");
    expect(response.headers.get("access-control-max-age")).toBe("600");
  });

  it("CORS preflight for another origin", async () => {
    const response = await fetch(`${gateway.url}/workspaces`, {
      method: "OPTIONS",
      headers: { Origin: "http://evil.example", "Access-Control-Request-Method": "GET" },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("CORS headers on responses", async () => {
    const allowed = await fetch(`${gateway.url}/workspaces/w1`, { headers: { Authorization: "Bearer good", Origin: WEB_ORIGIN } });
    expect(allowed.headers.get("access-control-allow-origin")).toBe(WEB_ORIGIN);
    const unauthorized = await fetch(`${gateway.url}/workspaces/w1`, { headers: { Origin: WEB_ORIGIN } });
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.headers.get("access-control-allow-origin")).toBe(WEB_ORIGIN);
    const other = await fetch(`${gateway.url}/workspaces/w1`, { headers: { Authorization: "Bearer good", Origin: "http://evil.example" } });
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
  });
});

function rawGet(baseUrl: string, path: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const outgoing = request({ host: hostname, port, path, method: "GET" }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
    });
    outgoing.on("error", reject);
    outgoing.end();
  });
}

describe("local web server", () => {
  let parent: string;
  let root: string;
  let web: WebServer;
  let config: Record<string, string> | undefined;

  beforeAll(async () => {
    parent = await mkdtemp(join(tmpdir(), "hubsecure-web-"));
    root = join(parent, "dist");
    await mkdir(join(root, "assets"), { recursive: true });
    await writeFile(join(parent, "secret.txt"), "outside the web root");
    await writeFile(join(root, "index.html"), "<!doctype html><title>HubSecure</title>");
    await writeFile(join(root, "assets", "app-1a2b.js"), "console.log('app');");
    await writeFile(join(root, "assets", "app-1a2b.css"), "body{}");
    web = await startWebServer({ host: "127.0.0.1", port: 0, root, config: () => config });
  });

  afterAll(async () => {
    await web?.close();
    await rm(parent, { recursive: true, force: true });
  });

  it("assets with content types", async () => {
    const script = await fetch(`${web.url}/assets/app-1a2b.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(script.headers.get("cache-control")).toContain("immutable");
    const style = await fetch(`${web.url}/assets/app-1a2b.css`);
    expect(style.headers.get("content-type")).toBe("text/css; charset=utf-8");
  });

  it("client routes fall back to index.html", async () => {
    const response = await fetch(`${web.url}/workspaces/w1/requests`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await response.text()).toContain("<title>HubSecure</title>");
  });

  it("missing asset is 404", async () => {
    expect((await fetch(`${web.url}/assets/missing.js`)).status).toBe(404);
  });

  it("path traversal stays inside the root", async () => {
    // fetch() would resolve the dots itself, so the raw path goes out by node:http.
    for (const path of ["/../secret.txt", "/%2e%2e/secret.txt", "/assets/..%2f..%2fsecret.txt"]) {
      const response = await rawGet(web.url, path);
      expect(response.status).toBe(404);
      expect(response.body).not.toContain("outside the web root");
    }
  });

  it("config.json before and after start", async () => {
    config = undefined;
    expect((await fetch(`${web.url}/config.json`)).status).toBe(503);
    config = { ApiUrl: "http://127.0.0.1:4000", WebUrl: web.url };
    const response = await fetch(`${web.url}/config.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual(config);
  });
});
