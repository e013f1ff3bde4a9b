import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { SweepOptions, SweepResult } from "../../shared/files/sweep-abandoned";
import { createLogger } from "../../shared/logger";

const sweepCalls: SweepOptions[] = [];
let active = 0;
let maxActive = 0;
let release: (() => void)[] = [];

vi.mock("../../shared/files/sweep-abandoned", () => ({
  sweepAbandonedUploads: async (options: SweepOptions): Promise<SweepResult> => {
    sweepCalls.push(options);
    active++;
    maxActive = Math.max(maxActive, active);
    await new Promise<void>((resolve) => release.push(resolve));
    active--;
    return {
      expiredBefore: "",
      examined: 0,
      rejected: 0,
      leftForProcessor: 0,
      alreadyFinished: 0,
      failed: 0,
      more: false,
    };
  },
}));

const { startLocalUploadSweeper } = await import("../../local/upload-sweeper");

/** Lets queued promise callbacks run, then finishes every sweep that is waiting. */
async function finishSweeps(): Promise<void> {
  for (let round = 0; round < 5; round++) {
    await Promise.resolve();
    await new Promise<void>((resolve) => setImmediate(resolve));
    const waiting = release;
    release = [];
    for (const resolve of waiting) resolve();
  }
}

const INTERVAL_MS = 60_000;

beforeEach(() => {
  sweepCalls.length = 0;
  active = 0;
  maxActive = 0;
  release = [];
  vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
});

afterEach(() => {
  vi.useRealTimers();
});

describe("local upload sweeper", () => {
  it("passes the clock to the sweep", async () => {
    const sweeper = startLocalUploadSweeper({ intervalMs: INTERVAL_MS, log: createLogger() });
    const now = new Date("2030-01-01T00:00:00.000Z");
    const result = sweeper.sweepNow({ now, maxFiles: 3 });
    await finishSweeps();
    await expect(result).resolves.toMatchObject({ examined: 0 });
    expect(sweepCalls[0]?.now).toBe(now);
    expect(sweepCalls[0]?.maxFiles).toBe(3);
    await sweeper.close();
  });

  it("runs sweeps one at a time", async () => {
    const sweeper = startLocalUploadSweeper({ intervalMs: INTERVAL_MS, log: createLogger() });
    const runs = [sweeper.sweepNow(), sweeper.sweepNow(), sweeper.sweepNow()];
    await finishSweeps();
    await Promise.all(runs);
    expect(sweepCalls).toHaveLength(3);
    expect(maxActive).toBe(1);
    await sweeper.close();
  });

  it("sweeps on the interval", async () => {
    const sweeper = startLocalUploadSweeper({ intervalMs: INTERVAL_MS, log: createLogger() });
    vi.advanceTimersByTime(INTERVAL_MS);
    await finishSweeps();
    expect(sweepCalls).toHaveLength(1);
    await sweeper.close();
  });

  it("skips a tick while a sweep runs", async () => {
    const sweeper = startLocalUploadSweeper({ intervalMs: INTERVAL_MS, log: createLogger() });
    const running = sweeper.sweepNow();
    await Promise.resolve();
    vi.advanceTimersByTime(INTERVAL_MS);
    await finishSweeps();
    await running;
    expect(sweepCalls).toHaveLength(1);
    await sweeper.close();
  });

  it("stops on close", async () => {
    const sweeper = startLocalUploadSweeper({ intervalMs: INTERVAL_MS, log: createLogger() });
    await sweeper.close();
    vi.advanceTimersByTime(INTERVAL_MS * 3);
    await finishSweeps();
    expect(sweepCalls).toHaveLength(0);
    await expect(sweeper.sweepNow()).rejects.toThrow("closed");
  });

  it("close waits for a running sweep", async () => {
    const sweeper = startLocalUploadSweeper({ intervalMs: INTERVAL_MS, log: createLogger() });
    let finished = false;
    void sweeper.sweepNow().then(() => {
      finished = true;
    });
    const finishedWhenClosed = sweeper.close().then(() => finished);
    await finishSweeps();
    expect(await finishedWhenClosed).toBe(true);
  });
});
