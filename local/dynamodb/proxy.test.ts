import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureTable } from "./ensure-table";
import { startLocalDynamo, type LocalDynamo } from "./index";
import { createTestClients, rejectionOf, TEST_TABLE } from "./test-support";

describe("local DynamoDB proxy", () => {
  let local: LocalDynamo;

  beforeAll(async () => {
    local = await startLocalDynamo();
    await ensureTable(local.endpoint, TEST_TABLE);
  });

  afterAll(async () => {
    await local?.close();
  });

  it("serves on a loopback endpoint", () => {
    expect(local.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it("passes PutItem, GetItem and Query through", async () => {
    const { documents } = createTestClients(local.endpoint);
    await documents.send(
      new PutCommand({
        TableName: TEST_TABLE,
        Item: { PK: "WS#1", SK: "META", GSI1PK: "USER#7", GSI1SK: "WS#1", name: "Audit 2025" },
      }),
    );

    const got = await documents.send(new GetCommand({ TableName: TEST_TABLE, Key: { PK: "WS#1", SK: "META" } }));
    const queried = await documents.send(
      new QueryCommand({
        TableName: TEST_TABLE,
        IndexName: "GSI1",
        KeyConditionExpression: "GSI1PK = :user",
        ExpressionAttributeValues: { ":user": "USER#7" },
      }),
    );
    documents.destroy();

    expect(got.Item?.name).toBe("Audit 2025");
    expect(queried.Items?.map((item) => item.PK)).toEqual(["WS#1"]);
  });

  it("passes dynalite's errors through", async () => {
    const { documents } = createTestClients(local.endpoint);

    const error = await rejectionOf(
      documents.send(
        new PutCommand({
          TableName: TEST_TABLE,
          Item: { PK: "WS#1", SK: "META" },
          ConditionExpression: "attribute_not_exists(PK)",
        }),
      ),
    );
    documents.destroy();

    expect(error.name).toBe("ConditionalCheckFailedException");
  });

  it("rejects a port already in use", async () => {
    const port = Number(new URL(local.endpoint).port);

    const error = await rejectionOf(startLocalDynamo({ port }));

    expect(error.message).toContain("EADDRINUSE");
  });
});

describe("local DynamoDB persistence", () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "local-dynamodb-"));
  });

  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it("keeps tables and items across a restart", async () => {
    const first = await startLocalDynamo({ dataDir });
    await ensureTable(first.endpoint, TEST_TABLE);
    const writer = createTestClients(first.endpoint).documents;
    await writer.send(
      new TransactWriteCommand({
        TransactItems: [{ Put: { TableName: TEST_TABLE, Item: { PK: "FIRM", SK: "SETTINGS", name: "Example LLP" } } }],
      }),
    );
    writer.destroy();
    await first.close();

    const second = await startLocalDynamo({ dataDir });
    const { raw, documents } = createTestClients(second.endpoint);
    try {
      const tables = await raw.send(new ListTablesCommand({}));
      const item = await documents.send(new GetCommand({ TableName: TEST_TABLE, Key: { PK: "FIRM", SK: "SETTINGS" } }));

      expect(tables.TableNames).toEqual([TEST_TABLE]);
      expect(item.Item?.name).toBe("Example LLP");
    } finally {
      documents.destroy();
      await second.close();
    }
  });

  it("rejects a data directory in use", async () => {
    const running = await startLocalDynamo({ dataDir });
    try {
      const error = await rejectionOf(startLocalDynamo({ dataDir }));

      expect(error.message).toContain("Failed to open the local DynamoDB data directory");
    } finally {
      await running.close();
    }
  });
});
