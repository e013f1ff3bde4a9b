import { CreateTableCommand, DescribeTableCommand } from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureTable } from "./ensure-table";
import { startLocalDynamo, type LocalDynamo } from "./index";
import { createTestClients, rejectionOf, TEST_TABLE } from "./test-support";

let local: LocalDynamo;

beforeAll(async () => {
  local = await startLocalDynamo();
});

afterAll(async () => {
  await local?.close();
});

describe("ensureTable", () => {
  it("creates the table from the shared schema", async () => {
    await ensureTable(local.endpoint, TEST_TABLE);

    const { raw } = createTestClients(local.endpoint);
    const { Table: table } = await raw.send(new DescribeTableCommand({ TableName: TEST_TABLE }));
    raw.destroy();
    expect(table?.TableStatus).toBe("ACTIVE");
    expect(table?.KeySchema).toEqual([
      { AttributeName: "PK", KeyType: "HASH" },
      { AttributeName: "SK", KeyType: "RANGE" },
    ]);
    expect(table?.BillingModeSummary?.BillingMode).toBe("PAY_PER_REQUEST");
    const indexes = (table?.GlobalSecondaryIndexes ?? []).map((index) => ({
      name: index.IndexName,
      keys: index.KeySchema?.map((element) => element.AttributeName),
      projection: index.Projection?.ProjectionType,
      status: index.IndexStatus,
    }));
    expect(indexes).toEqual([
      { name: "GSI1", keys: ["GSI1PK", "GSI1SK"], projection: "ALL", status: "ACTIVE" },
      { name: "GSI2", keys: ["GSI2PK", "GSI2SK"], projection: "ALL", status: "ACTIVE" },
    ]);
  });

  it("is idempotent", async () => {
    await ensureTable(local.endpoint, "idempotent");
    await ensureTable(local.endpoint, "idempotent");
    await Promise.all([ensureTable(local.endpoint, "concurrent"), ensureTable(local.endpoint, "concurrent")]);

    const { raw } = createTestClients(local.endpoint);
    const { Table: table } = await raw.send(new DescribeTableCommand({ TableName: "concurrent" }));
    raw.destroy();
    expect(table?.TableStatus).toBe("ACTIVE");
  });

  it("rejects a table with another schema", async () => {
    const { raw } = createTestClients(local.endpoint);
    await raw.send(
      new CreateTableCommand({
        TableName: "legacy",
        BillingMode: "PAY_PER_REQUEST",
        AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }],
        KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
      }),
    );
    raw.destroy();

    const error = await rejectionOf(ensureTable(local.endpoint, "legacy"));

    expect(error.message).toContain("different schema");
  });
});
