import { TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import { TransactWriteCommand, type TransactWriteCommandInput } from "@aws-sdk/lib-dynamodb";
import { documentClient } from "../aws/clients";
import { ConflictError } from "../errors";

export type TransactItem = NonNullable<TransactWriteCommandInput["TransactItems"]>[number];

/**
 * Maps each action's position to the conflict message to raise when that
 * action's condition fails, so callers say which precondition broke.
 */
export type ConflictMessages = Record<number, string> & { default: string };

/**
 * Writes all items in one TransactWriteItems call. A failed condition on any
 * item becomes a ConflictError; every other failure propagates unchanged, and
 * in both cases DynamoDB has written nothing.
 */
export async function transactWrite(items: TransactItem[], conflicts: ConflictMessages): Promise<void> {
  if (items.length === 0) return;
  try {
    await documentClient().send(new TransactWriteCommand({ TransactItems: items }));
  } catch (error) {
    if (error instanceof TransactionCanceledException) {
      const reasons = error.CancellationReasons ?? [];
      const failed = reasons.findIndex((reason) => reason.Code === "ConditionalCheckFailed");
      if (failed >= 0) {
        throw new ConflictError(conflicts[failed] ?? conflicts.default);
      }
      if (reasons.some((reason) => reason.Code === "TransactionConflict")) {
        throw new ConflictError(`${conflicts.default} (another change was in progress; retry)`);
      }
    }
    throw error;
  }
}
