import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { extname, join, normalize, resolve, sep } from "node:path";
import { createLogger } from "../../shared/logger";
import { closeServer, listen, type PortOwner } from "../ports";

export interface WebServerOptions {
  host: string;
  port: number;
  owner?: PortOwner;
  /** The built web app, normally `web/dist`. */
  root: string;
  /** Body of `/config.json`; undefined while the stack is still starting. */
  config: () => Record<string, string> | undefined;
}

export interface WebServer {
  url: string;
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".ttf": "font/ttf",
  ".txt": "text/plain; charset=utf-8",
  ".webmanifest": "application/manifest+json",
  ".wasm": "application/wasm",
};

const SECURITY_HEADERS = {
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "strict-origin-when-cross-origin",
};

const NOT_BUILT_MESSAGE = "The web app is not built. Run `npm run build:web`, then reload this page.\n";

async function fileSize(path: string): Promise<number | undefined> {
  try {
    const info = await stat(path);
    return info.isFile() ? info.size : undefined;
  } catch {
    return undefined;
  }
}

function sendText(response: ServerResponse, status: number, text: string, contentType = "text/plain; charset=utf-8"): void {
  response.writeHead(status, { ...SECURITY_HEADERS, "content-type": contentType, "cache-control": "no-store" });
  response.end(text);
}

/**
 * Finds the file for a URL path inside `root`. Paths without a file
 * extension fall back to `index.html`, so the app's client-side routes load.
 */
async function resolveFile(root: string, urlPath: string): Promise<{ path: string; size: number } | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  const candidate = resolve(root, `.${normalize(`/${decoded}`)}`);
  if (candidate !== root && !candidate.startsWith(root + sep)) return undefined;

  const size = await fileSize(candidate);
  if (size !== undefined) return { path: candidate, size };
  if (extname(decoded) !== "") return undefined;

  const index = join(root, "index.html");
  const indexSize = await fileSize(index);
  return indexSize === undefined ? undefined : { path: index, size: indexSize };
}

/** Serves the built web app and its runtime `/config.json`, as CloudFront does in AWS. */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const log = createLogger({ service: "hubsecure-local-web" });
  const root = resolve(options.root);

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    if (request.method !== "GET" && request.method !== "HEAD") {
      response.writeHead(405, { ...SECURITY_HEADERS, allow: "GET, HEAD" });
      response.end();
      return;
    }
    const urlPath = (request.url ?? "/").split("?")[0]!;

    if (urlPath === "/config.json") {
      const config = options.config();
      if (!config) return sendText(response, 503, "The local stack is still starting; reload in a moment.\n");
      return sendText(response, 200, JSON.stringify(config, null, 2), CONTENT_TYPES[".json"]);
    }

    const file = await resolveFile(root, urlPath);
    if (!file) {
      if ((await fileSize(join(root, "index.html"))) === undefined) return sendText(response, 503, NOT_BUILT_MESSAGE);
      return sendText(response, 404, "Not found\n");
    }
    const isIndex = file.path === join(root, "index.html");
    response.writeHead(200, {
      ...SECURITY_HEADERS,
      "content-type": CONTENT_TYPES[extname(file.path).toLowerCase()] ?? "application/octet-stream",
      "content-length": String(file.size),
      // Vite puts a content hash in every asset name under assets/.
      "cache-control": isIndex || !file.path.includes(`${sep}assets${sep}`) ? "no-cache" : "public, max-age=31536000, immutable",
    });
    if (request.method === "HEAD") return void response.end();
    createReadStream(file.path).pipe(response);
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      log.error("web request failed", { path: request.url?.split("?")[0], error });
      if (!response.headersSent) sendText(response, 500, "Internal Server Error\n");
      else response.destroy();
    });
  });

  const port = await listen(server, options.host, options.port, options.owner ?? { service: "the local web server" });
  const url = `http://${options.host}:${port}`;
  log.info("local web server started", { url, root });
  return { url, close: () => closeServer(server) };
}
