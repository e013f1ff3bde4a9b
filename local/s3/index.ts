import { mkdir } from "node:fs/promises";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import type { S3Event } from "aws-lambda";
import S3rver, { type S3rverEvent } from "s3rver";
import { createLogger } from "../../shared/logger";
import { closeServer, listen, type PortOwner } from "../ports";
import { corsConfigurationXml } from "./cors";
import { isObjectCreated, toS3Event } from "./events";

export type ObjectCreatedListener = (event: S3Event) => void | Promise<void>;

export interface LocalS3Options {
  host: string;
  port: number;
  /** Directory of s3rver's buckets and objects, kept across restarts. */
  directory: string;
  buckets: string[];
  /** Web origins allowed to POST, PUT and GET objects from the browser. */
  corsOrigins: string[];
  region?: string;
  owner?: PortOwner;
}

export interface LocalS3 {
  endpoint: string;
  /** Registers a listener for object-created events; returns a function that removes it. */
  onObjectCreated(listener: ObjectCreatedListener): () => void;
  /** Resolves when every listener started so far has finished. */
  whenIdle(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The credentials `shared/aws/clients.ts` uses for local endpoints. s3rver
 * rejects access key ids that are not registered (by default only `S3RVER`
 * is), so these are registered with its built-in account.
 */
const LOCAL_ACCESS_KEY_ID = "local";
const LOCAL_SECRET_ACCESS_KEY = "local";

function registerLocalCredentials(): void {
  const require = createRequire(import.meta.url);
  const account = require("s3rver/lib/models/account") as {
    DUMMY_ACCOUNT: { createKeyPair(accessKeyId: string, secretAccessKey: string): void };
  };
  account.DUMMY_ACCOUNT.createKeyPair(LOCAL_ACCESS_KEY_ID, LOCAL_SECRET_ACCESS_KEY);
}

/**
 * Starts s3rver in this process with the given buckets, each with a CORS
 * rule for the web origins, and turns its object-created events into
 * AWS-shaped `S3Event`s.
 */
export async function startLocalS3(options: LocalS3Options): Promise<LocalS3> {
  const log = createLogger({ service: "hubsecure-local-s3" });
  const region = options.region ?? "us-east-1";
  await mkdir(options.directory, { recursive: true });
  registerLocalCredentials();

  // s3rver rejects a CORS rule without origins, so no origins means no CORS configuration.
  const configs = options.corsOrigins.length > 0 ? [corsConfigurationXml(options.corsOrigins)] : [];
  const s3rver = new S3rver({
    directory: options.directory,
    silent: true,
    configureBuckets: options.buckets.map((name) => ({ name, configs })),
  });
  await s3rver.configureBuckets();

  const listeners = new Set<ObjectCreatedListener>();
  const pending = new Set<Promise<void>>();

  const deliver = async (event: S3rverEvent) => {
    for (const record of event.Records) {
      if (!isObjectCreated(record)) continue;
      const eTag = record.s3.object.eTag ?? (await storedETag(s3rver, record.s3.bucket.name, record.s3.object.key));
      const s3Event = toS3Event(record, eTag, region);
      for (const listener of listeners) {
        try {
          await listener(s3Event);
        } catch (error) {
          log.error("object-created listener failed", {
            bucket: record.s3.bucket.name,
            key: record.s3.object.key,
            eventName: record.eventName,
            error,
          });
        }
      }
    }
  };

  // S3 notifies after the request has completed, so delivery starts on a
  // later tick than s3rver's synchronous emit.
  s3rver.on("event", (event) => {
    const delivery = new Promise<void>((resolve) => setImmediate(resolve)).then(() => deliver(event));
    pending.add(delivery);
    void delivery.finally(() => pending.delete(delivery));
  });

  // A listener replaces Koa's default, which prints every S3 error response
  // (403, 404, ...) to stderr; only server faults are worth a log line.
  s3rver.on("error", (error: Error & { status?: number }) => {
    if ((error.status ?? 500) >= 500) log.error("local S3 request failed", { error });
  });

  const server = createServer(s3rver.callback());
  const port = await listen(server, options.host, options.port, options.owner ?? { service: "local S3 (s3rver)" });
  const endpoint = `http://${options.host}:${port}`;
  log.info("local S3 started", { endpoint, buckets: options.buckets });

  const whenIdle = async () => {
    while (pending.size > 0) await Promise.allSettled([...pending]);
  };

  return {
    endpoint,
    onObjectCreated(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    whenIdle,
    async close() {
      await closeServer(server);
      await whenIdle();
      listeners.clear();
    },
  };
}

async function storedETag(s3rver: S3rver, bucket: string, key: string): Promise<string | undefined> {
  try {
    const metadata = await s3rver.store.getMetadata(bucket, key);
    return metadata.etag?.replace(/"/g, "");
  } catch {
    return undefined;
  }
}
