import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

/** Table name the conformance tests create with ensureTable. */
export const TEST_TABLE = "hubsecure-test";

/** Clients for a local endpoint, with the dummy credentials local stand-ins accept. */
export function createTestClients(endpoint: string): { raw: DynamoDBClient; documents: DynamoDBDocumentClient } {
  const raw = new DynamoDBClient({
    endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
    // A retried write would hide a rollback bug, so every failure surfaces.
    maxAttempts: 1,
  });
  return { raw, documents: DynamoDBDocumentClient.from(raw) };
}

/** Returns the error a promise rejects with, or throws if it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) return error;
    throw new Error(`rejected with a non-Error value: ${String(error)}`);
  }
  throw new Error("expected the promise to reject, but it resolved");
}
