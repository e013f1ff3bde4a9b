import { performance } from "node:perf_hooks";
import { digestStream } from "../shared/files/verify";

const MIB = 1024 * 1024;

async function* chunks(totalBytes: number, chunkBytes: number): AsyncGenerator<Uint8Array> {
  const chunk = new Uint8Array(chunkBytes).map((_, i) => i % 251);
  for (let sent = 0; sent < totalBytes; sent += chunkBytes) yield chunk.subarray(0, Math.min(chunkBytes, totalBytes - sent));
}

/** Measures the processor's streaming check (SHA-256, byte count, head) on an in-memory stream. */
export async function benchDigest(totalMiB: number): Promise<Record<string, string>> {
  const total = totalMiB * MIB;
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  let rssPeak = rssBefore;
  const sampler = setInterval(() => {
    rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
  }, 5);
  const started = performance.now();
  const result = await digestStream(chunks(total, MIB), { declaredSize: total, headBytes: 64 * 1024 });
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
  if (result.outcome !== "complete" || result.size !== total) throw new Error("digest benchmark read the wrong size");
  return {
    "file check: size": `${totalMiB} MiB`,
    "file check: throughput": `${(totalMiB / seconds).toFixed(0)} MiB/s`,
    "file check: RSS growth": `${((rssPeak - rssBefore) / MIB).toFixed(1)} MiB`,
  };
}
