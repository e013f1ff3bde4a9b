import { describe, expect, it } from "vitest";
import type { Logger } from "../../shared/logger";
import type { CallResult, DynaliteClient } from "./dynalite-client";
import { KeySchemaCache } from "./key-schema";
import { transactWriteItems } from "./transact-write";

const CONDITION_FAILED: CallResult = {
  ok: false,
  exception: "ConditionalCheckFailedException",
  response: {
    statusCode: 400,
    body: { __type: "com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException", message: "The conditional request failed" },
  },
};

/**
 * Creates a dynalite stand-in where the first Put succeeds, the ConditionCheck
 * fails, and the rollback's delete of the new item fails.
 */
function scriptedDynalite(): { client: DynaliteClient; calls: string[] } {
  const calls: string[] = [];
  const call = async (operation: string, input: Record<string, unknown>): Promise<CallResult> => {
    calls.push(operation);
    switch (operation) {
      case "DescribeTable":
        return { ok: true, output: { Table: { KeySchema: [{ AttributeName: "PK" }, { AttributeName: "SK" }] } } };
      case "GetItem":
        return { ok: true, output: {} };
      case "PutItem":
        return { ok: true, output: {} };
      case "DeleteItem":
        if (input.ConditionExpression !== undefined) return CONDITION_FAILED;
        throw new Error("connection reset");
      default:
        throw new Error(`unexpected ${operation}`);
    }
  };
  return { client: { call } as unknown as DynaliteClient, calls };
}

function recordingLogger(): { logger: Logger; errors: Array<{ message: string; fields?: Record<string, unknown> }> } {
  const errors: Array<{ message: string; fields?: Record<string, unknown> }> = [];
  const ignore = () => undefined;
  const logger: Logger = {
    debug: ignore,
    info: ignore,
    warn: ignore,
    error: (message, fields) => errors.push({ message, fields }),
    child: () => logger,
  };
  return { logger, errors };
}

describe("transactWriteItems rollback", () => {
  it("reports a failed restore", async () => {
    const { client, calls } = scriptedDynalite();
    const { logger, errors } = recordingLogger();
    const input = {
      TransactItems: [
        { Put: { TableName: "app", Item: { PK: { S: "WS#1" }, SK: { S: "META" }, secretNote: { S: "do not log" } } } },
        {
          ConditionCheck: {
            TableName: "app",
            Key: { PK: { S: "WS#2" }, SK: { S: "META" } },
            ConditionExpression: "attribute_exists(PK)",
          },
        },
      ],
    };

    const reply = await transactWriteItems(input, { dynalite: client, keySchemas: new KeySchemaCache(client), logger });

    expect(reply.statusCode).toBe(500);
    expect(reply.body).toMatchObject({ __type: "com.amazonaws.dynamodb.v20120810#InternalServerError" });
    expect(calls.at(-1)).toBe("DeleteItem");
    expect(errors).toHaveLength(1);
    expect(errors[0]?.fields?.tableName).toBe("app");
    expect(errors[0]?.fields?.key).toEqual({ PK: { S: "WS#1" }, SK: { S: "META" } });
    expect(JSON.stringify(errors[0]?.fields)).not.toContain("do not log");
  });
});
