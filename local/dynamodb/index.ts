import { mkdir } from "node:fs/promises";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import dynalite from "dynalite";
import { createLogger } from "../../shared/logger";
import { assertDataDirAvailable } from "./data-dir";
import { DynaliteClient } from "./dynalite-client";
import { createDynamoProxy } from "./proxy";

export interface LocalDynamoOptions {
  /** Interface the proxy listens on; default 127.0.0.1. */
  host?: string;
  /** Proxy port; 0 (the default) picks a free port. */
  port?: number;
  /** Directory for dynalite's LevelDB store; in memory when undefined. */
  dataDir?: string;
}

export interface LocalDynamo {
  /** Base URL of the proxy, for the SDK's `endpoint` option. */
  endpoint: string;
  close(): Promise<void>;
}

const logger = createLogger({ component: "local-dynamodb" });

/**
 * Starts a local stand-in for DynamoDB: dynalite on a free loopback port,
 * behind a proxy that adds TransactWriteItems and TransactGetItems. It serves
 * local mode and integration tests only, and nothing under shared/ or
 * functions/ imports this folder.
 *
 * NOTE: dynalite has no Time to Live, so items whose TTL attribute is in the
 * past stay readable until something deletes them.
 */
export async function startLocalDynamo(options: LocalDynamoOptions = {}): Promise<LocalDynamo> {
  const host = options.host ?? "127.0.0.1";
  if (options.dataDir !== undefined) {
    await mkdir(options.dataDir, { recursive: true });
    await assertDataDirAvailable(options.dataDir);
  }

  const backend = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0, path: options.dataDir });
  const backendPort = await listen(backend, 0, "127.0.0.1");
  const client = new DynaliteClient(backendPort);
  const proxy = createDynamoProxy(client, logger);

  try {
    // The first call opens the store, so a store that cannot work fails here
    // rather than in a client's first request.
    const probe = await client.call("ListTables", {});
    if (!probe.ok) throw new Error(`dynalite rejected ListTables: ${probe.exception}`);
    const port = await listen(proxy, options.port ?? 0, host);
    const endpoint = `http://${endpointHost(host)}:${port}`;
    logger.info("local DynamoDB started", { endpoint, persisted: options.dataDir !== undefined });
    return { endpoint, close: once(() => stop(proxy, client, backend, endpoint)) };
  } catch (error) {
    await stop(proxy, client, backend, undefined);
    throw error;
  }
}

async function stop(proxy: Server, client: DynaliteClient, backend: Server, endpoint: string | undefined): Promise<void> {
  if (proxy.listening) {
    const closed = closeServer(proxy);
    proxy.closeAllConnections();
    await closed;
  }
  client.close();
  // dynalite's close() waits for pending LevelDB operations and closes the store.
  await closeServer(backend);
  if (endpoint !== undefined) logger.info("local DynamoDB stopped", { endpoint });
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
}

/** Returns the host to put in the endpoint URL: loopback for a wildcard address, brackets for IPv6. */
function endpointHost(host: string): string {
  if (host === "0.0.0.0" || host === "::") return "127.0.0.1";
  return host.includes(":") ? `[${host}]` : host;
}

function once(action: () => Promise<void>): () => Promise<void> {
  let result: Promise<void> | undefined;
  return () => {
    result ??= action();
    return result;
  };
}
