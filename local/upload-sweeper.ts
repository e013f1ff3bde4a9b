import { sweepAbandonedUploads, type SweepResult } from "../shared/files/sweep-abandoned";
import { newId } from "../shared/ids";
import type { Logger } from "../shared/logger";

export interface LocalSweepOptions {
  /** The sweep's clock; tests pass a later time instead of waiting. */
  now?: Date;
  maxFiles?: number;
}

export interface LocalUploadSweeper {
  /** Runs one sweep after any sweep in progress and returns its result. */
  sweepNow(options?: LocalSweepOptions): Promise<SweepResult>;
  /** Stops the timer and waits for a sweep in progress. */
  close(): Promise<void>;
}

/**
 * Runs the upload sweeper every `intervalMs` in this process, as the
 * schedule does in AWS. Sweeps never overlap: a tick that finds one in
 * progress is skipped. The timer is unref'd, so it does not keep Node alive.
 */
export function startLocalUploadSweeper(options: { intervalMs: number; log: Logger }): LocalUploadSweeper {
  const log = options.log.child({ component: "upload-sweeper" });
  let running: Promise<unknown> | undefined;
  let closed = false;

  const sweep = (sweepOptions: LocalSweepOptions = {}): Promise<SweepResult> => {
    const previous = running ?? Promise.resolve();
    const run = previous.then(() => sweepAbandonedUploads({ runId: newId(), log, ...sweepOptions }));
    const settled = run.catch(() => undefined);
    running = settled;
    void settled.then(() => {
      if (running === settled) running = undefined;
    });
    return run;
  };

  const timer = setInterval(() => {
    if (closed || running) return;
    sweep().catch((error: unknown) => log.error("upload sweep failed", { error }));
  }, options.intervalMs);
  timer.unref();

  return {
    sweepNow: (sweepOptions) => {
      if (closed) return Promise.reject(new Error("The local upload sweeper is closed"));
      return sweep(sweepOptions);
    },
    async close() {
      closed = true;
      clearInterval(timer);
      await running;
    },
  };
}
