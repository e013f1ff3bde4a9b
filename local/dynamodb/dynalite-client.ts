import http from "node:http";
import { exceptionName } from "./errors";
import { isObject, type DynamoResponse } from "./wire";

/** A buffered HTTP exchange with dynalite. */
export interface RawRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export interface RawResponse {
  statusCode: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export type CallResult =
  | { ok: true; output: Record<string, unknown> }
  | { ok: false; exception: string; response: DynamoResponse };

/** Headers that describe one connection, not the message, so a proxy must not copy them. */
const HOP_BY_HOP_HEADERS = new Set([
  "connection",
  "keep-alive",
  "proxy-connection",
  "transfer-encoding",
  "upgrade",
  "te",
  "trailer",
  "host",
  "content-length",
]);

export function endToEndHeaders(headers: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
  const copied: http.OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_BY_HOP_HEADERS.has(name)) copied[name] = value;
  }
  return copied;
}

/**
 * dynalite checks that a SigV4 Authorization header and a date are present
 * but never verifies the signature, so internal calls send fixed values.
 */
const INTERNAL_CALL_HEADERS = {
  "content-type": "application/x-amz-json-1.0",
  authorization:
    "AWS4-HMAC-SHA256 Credential=local/20000101/us-east-1/dynamodb/aws4_request, SignedHeaders=host;x-amz-date;x-amz-target, Signature=0",
  "x-amz-date": "20000101T000000Z",
};

/** HTTP client for the dynalite server behind the proxy, on 127.0.0.1. */
export class DynaliteClient {
  private readonly agent = new http.Agent({ keepAlive: true });

  constructor(private readonly port: number) {}

  /** Sends one DynamoDB operation with a wire-format input and returns its output or its error reply. */
  async call(operation: string, input: Record<string, unknown>): Promise<CallResult> {
    const response = await this.send({
      method: "POST",
      path: "/",
      headers: { ...INTERNAL_CALL_HEADERS, "x-amz-target": `DynamoDB_20120810.${operation}` },
      body: Buffer.from(JSON.stringify(input)),
    });
    const text = response.body.toString("utf8");
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new Error(`dynalite returned a non-JSON ${operation} reply with status ${response.statusCode}`);
    }
    if (!isObject(parsed)) {
      throw new Error(`dynalite returned a non-object ${operation} reply with status ${response.statusCode}`);
    }
    if (response.statusCode === 200) return { ok: true, output: parsed };

    const type = typeof parsed.__type === "string" ? parsed.__type : "UnknownError";
    return {
      ok: false,
      exception: exceptionName(type),
      response: { statusCode: response.statusCode, body: parsed },
    };
  }

  /** Sends a request as received, less its hop-by-hop headers, and buffers the reply. */
  send(request: RawRequest): Promise<RawResponse> {
    return new Promise((resolve, reject) => {
      const outgoing = http.request(
        {
          host: "127.0.0.1",
          port: this.port,
          method: request.method,
          path: request.path,
          headers: { ...endToEndHeaders(request.headers), "content-length": request.body.length },
          agent: this.agent,
        },
        (incoming) => {
          const chunks: Buffer[] = [];
          incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
          incoming.on("error", reject);
          incoming.on("end", () =>
            resolve({ statusCode: incoming.statusCode ?? 500, headers: incoming.headers, body: Buffer.concat(chunks) }),
          );
        },
      );
      outgoing.on("error", reject);
      outgoing.end(request.body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
