import middy from "@middy/core";
import type { Context, ScheduledEvent } from "aws-lambda";
import { sweepAbandonedUploads, type SweepResult } from "../shared/files/sweep-abandoned";
import { createLogger } from "../shared/logger";

const baseLog = createLogger({ service: "hubsecure-upload-sweeper" });

/**
 * Runs on a schedule and rejects files whose upload form expired without
 * their bytes arriving. A run with failed files throws, so the failure shows
 * in the function's error metric; the next scheduled run retries them, and
 * sweeping is idempotent.
 */
export const handler = middy<ScheduledEvent, SweepResult, Error, Context>().handler(async (event, context) => {
  const result = await sweepAbandonedUploads({
    runId: event.id,
    log: baseLog.child({ invocationId: context.awsRequestId }),
  });
  if (result.failed > 0) {
    throw new Error(`Upload sweep failed for ${result.failed} of ${result.examined} files; see the log for their ids`);
  }
  return result;
});
