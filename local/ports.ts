import type { Server as HttpServer } from "node:http";
import { createServer, type Server } from "node:net";

/** The service that requested a port, and the environment variable that changes it. */
export interface PortOwner {
  service: string;
  envVar?: string;
}

export class PortInUseError extends Error {
  constructor(
    readonly host: string,
    readonly port: number,
    readonly owner: PortOwner,
  ) {
    const fix = owner.envVar ? `set ${owner.envVar} to a free port` : "stop the program that uses it";
    super(`Port ${port} on ${host} is already in use, so ${owner.service} cannot start; ${fix}.`);
    this.name = "PortInUseError";
  }
}

/**
 * Starts listening and resolves with the bound port (useful with port 0).
 * EADDRINUSE becomes a `PortInUseError` that names the port and its variable.
 */
export function listen(server: Server | HttpServer, host: string, port: number, owner: PortOwner): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off("listening", onListening);
      reject(error.code === "EADDRINUSE" ? new PortInUseError(host, port, owner) : error);
    };
    const onListening = () => {
      server.off("error", onError);
      const address = server.address();
      resolve(typeof address === "object" && address !== null ? address.port : port);
    };
    server.once("error", onError);
    server.once("listening", onListening);
    server.listen(port, host);
  });
}

/** Rejects with `PortInUseError` when the port is taken; for servers that run in a child process. */
export async function assertPortFree(host: string, port: number, owner: PortOwner): Promise<void> {
  const probe = createServer();
  await listen(probe, host, port, owner);
  await new Promise<void>((resolve) => probe.close(() => resolve()));
}

/**
 * Returns a port that was free a moment ago. Only for programs that must
 * know their port before they start (cognito-local puts it in the token
 * issuer); another process could take it in between.
 */
export async function findFreePort(host: string): Promise<number> {
  const probe = createServer();
  const port = await listen(probe, host, 0, { service: "a port probe" });
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

export function closeServer(server: Server | HttpServer): Promise<void> {
  return new Promise((resolve, reject) => {
    if ("closeAllConnections" in server) server.closeAllConnections();
    server.close((error) => (error ? reject(error) : resolve()));
  });
}
