import middy from "@middy/core";
import type { Context, S3Event } from "aws-lambda";
import { processObjectCreatedEvent } from "../shared/files/process-object";
import { createLogger } from "../shared/logger";

const baseLog = createLogger({ service: "hubsecure-file-processor" });

/**
 * Runs for objects created in the quarantine bucket. A thrown error fails the
 * invocation, so Lambda retries the event; processing is idempotent.
 */
export const handler = middy<S3Event, void, Error, Context>().handler(async (event, context) => {
  await processObjectCreatedEvent(event, baseLog.child({ invocationId: context.awsRequestId }));
});
