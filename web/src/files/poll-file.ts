import type { StoredFileDto } from "../api/hubsecure-api";

export interface PollOptions {
  /** First wait between checks, in milliseconds; it doubles up to `maxIntervalMs`. */
  intervalMs?: number;
  maxIntervalMs?: number;
  /** Time after which polling stops and returns the file still processing, in milliseconds. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}

/**
 * Fetches the file until its status leaves `processing` or the timeout
 * passes, and returns the last state seen.
 */
export async function pollFileUntilProcessed(
  getFile: () => Promise<StoredFileDto>,
  options: PollOptions = {},
): Promise<StoredFileDto> {
  const { intervalMs = 500, maxIntervalMs = 4000, timeoutMs = 5 * 60 * 1000, signal } = options;
  const deadline = Date.now() + timeoutMs;
  let wait = intervalMs;
  for (;;) {
    const file = await getFile();
    if (file.status !== "processing" || Date.now() >= deadline) return file;
    await sleep(wait, signal);
    wait = Math.min(wait * 2, maxIntervalMs);
  }
}
