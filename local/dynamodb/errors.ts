import type { CancellationReason, DynamoResponse } from "./wire";

/**
 * Error replies in the JSON shape DynamoDB sends, so the AWS SDK maps each
 * one to its modeled exception class (it reads the name after "#" in
 * `__type`, and the message from `message` or `Message`).
 */
const VALIDATION_TYPE = "com.amazon.coral.validate#ValidationException";
const SERIALIZATION_TYPE = "com.amazon.coral.service#SerializationException";
const TRANSACTION_CANCELED_TYPE = "com.amazonaws.dynamodb.v20120810#TransactionCanceledException";
const INTERNAL_SERVER_ERROR_TYPE = "com.amazonaws.dynamodb.v20120810#InternalServerError";

export function validationException(message: string): DynamoResponse {
  return { statusCode: 400, body: { __type: VALIDATION_TYPE, message } };
}

export function serializationException(message: string): DynamoResponse {
  return { statusCode: 400, body: { __type: SERIALIZATION_TYPE, Message: message } };
}

/** Builds the reply for a cancelled transaction; DynamoDB capitalizes `Message` here. */
export function transactionCanceledException(reasons: CancellationReason[]): DynamoResponse {
  const codes = reasons.map((reason) => reason.Code).join(", ");
  return {
    statusCode: 400,
    body: {
      __type: TRANSACTION_CANCELED_TYPE,
      Message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${codes}]`,
      CancellationReasons: reasons,
    },
  };
}

export function internalServerError(message: string): DynamoResponse {
  return { statusCode: 500, body: { __type: INTERNAL_SERVER_ERROR_TYPE, message } };
}

/** Returns the exception name of a `__type` such as "com.amazon.coral.validate#ValidationException". */
export function exceptionName(type: string): string {
  return type.slice(type.lastIndexOf("#") + 1);
}
