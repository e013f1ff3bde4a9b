import os from "node:os";
import { benchApi } from "./api";
import { benchDigest } from "./digest";

/** Prints benchmark figures; targets are judged by reading them, never by tests. */
async function main(): Promise<void> {
  // Request logs would bury the figures.
  process.env.LOG_LEVEL ??= "warn";
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  console.log(`HubSecure benchmarks on ${os.cpus().length} x ${cpu}, Node ${process.version}`);
  const figures = { ...(await benchDigest(256)), ...(await benchApi()) };
  const width = Math.max(...Object.keys(figures).map((name) => name.length));
  for (const [name, value] of Object.entries(figures)) console.log(`${name.padEnd(width)}  ${value}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
