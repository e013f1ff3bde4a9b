import { randomUUID } from "node:crypto";
import http from "node:http";
import { crc32 } from "node:zlib";
import type { Logger } from "../../shared/logger";
import { endToEndHeaders, type DynaliteClient, type RawResponse } from "./dynalite-client";
import { internalServerError, serializationException } from "./errors";
import { KeySchemaCache } from "./key-schema";
import { Mutex } from "./mutex";
import { transactGetItems } from "./transact-get";
import { transactWriteItems } from "./transact-write";
import type { DynamoResponse } from "./wire";

const TARGET_PREFIX = "DynamoDB_20120810.";

/** dynalite's own request size limit, applied before buffering more. */
const MAX_REQUEST_BYTES = 16 * 1024 * 1024;

/** Operations after which a table's key schema may have changed. */
const TABLE_CHANGING_OPERATIONS = new Set(["CreateTable", "UpdateTable", "DeleteTable"]);

/**
 * Creates the HTTP server that clients use as their DynamoDB endpoint. It
 * implements TransactWriteItems and TransactGetItems itself and forwards
 * every other request to dynalite unchanged.
 *
 * One lock serializes every request, reads included, so no client observes
 * a transaction half applied. That costs all concurrency, which a local
 * stand-in can afford.
 */
export function createDynamoProxy(dynalite: DynaliteClient, logger: Logger): http.Server {
  const mutex = new Mutex();
  const keySchemas = new KeySchemaCache(dynalite);

  const handle = async (request: http.IncomingMessage, body: Buffer): Promise<RawResponse> => {
    const target = request.headers["x-amz-target"];
    const operation = typeof target === "string" && target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : "";

    if (operation === "TransactWriteItems" || operation === "TransactGetItems") {
      let input: unknown;
      try {
        input = JSON.parse(body.toString("utf8"));
      } catch {
        return jsonResponse(serializationException("The request body is not valid JSON"));
      }
      const reply =
        operation === "TransactWriteItems"
          ? await transactWriteItems(input, { dynalite, keySchemas, logger })
          : await transactGetItems(input, dynalite);
      return jsonResponse(reply);
    }

    if (TABLE_CHANGING_OPERATIONS.has(operation)) keySchemas.clear();
    return dynalite.send({ method: request.method ?? "POST", path: request.url ?? "/", headers: request.headers, body });
  };

  return http.createServer((request, response) => {
    readBody(request)
      .then((body) => {
        if (body === undefined) return { statusCode: 413, headers: {}, body: Buffer.alloc(0) };
        return mutex.run(() => handle(request, body));
      })
      .catch((error: unknown) => {
        logger.error("local DynamoDB request failed", {
          target: request.headers["x-amz-target"],
          error,
        });
        return jsonResponse(internalServerError("The local DynamoDB proxy failed to handle the request"));
      })
      .then((reply) => {
        response.writeHead(reply.statusCode, {
          ...endToEndHeaders(reply.headers),
          "content-length": reply.body.length,
        });
        response.end(reply.body);
      })
      .catch((error: unknown) => {
        logger.error("local DynamoDB reply could not be sent", { target: request.headers["x-amz-target"], error });
      });
  });
}

/** Buffers a request body, or returns undefined once it exceeds MAX_REQUEST_BYTES. */
function readBody(request: http.IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    request.on("data", (chunk: Buffer) => {
      length += chunk.length;
      if (length > MAX_REQUEST_BYTES) {
        request.removeAllListeners("data");
        request.resume();
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    });
    request.on("error", reject);
    request.on("end", () => resolve(Buffer.concat(chunks)));
  });
}

/** Serializes a reply with the headers DynamoDB sends, including the CRC32 of the body. */
function jsonResponse(reply: DynamoResponse): RawResponse {
  const body = Buffer.from(JSON.stringify(reply.body));
  return {
    statusCode: reply.statusCode,
    headers: {
      "content-type": "application/x-amz-json-1.0",
      "x-amzn-requestid": randomUUID(),
      "x-amz-crc32": String(crc32(body)),
    },
    body,
  };
}
