/**
 * DynamoDB JSON 1.0 wire shapes that the proxy reads and writes. Attribute
 * values stay in their wire form ({"S": "..."}, {"N": "1"}, {"B": base64})
 * so they reach dynalite byte for byte as the SDK sent them.
 */
export type AttributeValue = Record<string, unknown>;
export type AttributeMap = Record<string, AttributeValue>;

/** A complete reply to one request: HTTP status and JSON body. */
export interface DynamoResponse {
  statusCode: number;
  body: unknown;
}

/** One entry of TransactionCanceledException.CancellationReasons. */
export interface CancellationReason {
  Code: string;
  Message?: string;
  Item?: AttributeMap;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
