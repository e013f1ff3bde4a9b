import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceInUseException,
  ResourceNotFoundException,
  type TableDescription,
} from "@aws-sdk/client-dynamodb";
import { setTimeout as sleep } from "node:timers/promises";
import { GLOBAL_INDEXES, KEY_ATTRIBUTE_NAMES, TABLE_KEYS } from "../../shared/store/table-schema";

/** How long to wait for the table and its indexes to become ACTIVE. */
const ACTIVE_TIMEOUT_MS = 30_000;
const POLL_INTERVAL_MS = 50;

/**
 * Creates the application table at a local DynamoDB endpoint if it is
 * missing, then waits until the table and both global secondary indexes are
 * ACTIVE. Safe to call again on an existing table, and from several callers
 * at once.
 */
export async function ensureTable(endpoint: string, tableName: string): Promise<void> {
  const client = new DynamoDBClient({
    endpoint,
    region: process.env.AWS_REGION ?? "us-east-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  try {
    const existing = await describeTable(client, tableName);
    if (existing === undefined) await createTable(client, tableName);
    else assertSchemaMatches(existing, tableName);
    await waitUntilActive(client, tableName);
  } finally {
    client.destroy();
  }
}

async function createTable(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: "PAY_PER_REQUEST",
        AttributeDefinitions: KEY_ATTRIBUTE_NAMES.map((name) => ({ AttributeName: name, AttributeType: "S" })),
        KeySchema: [
          { AttributeName: TABLE_KEYS.partitionKey, KeyType: "HASH" },
          { AttributeName: TABLE_KEYS.sortKey, KeyType: "RANGE" },
        ],
        GlobalSecondaryIndexes: GLOBAL_INDEXES.map((index) => ({
          IndexName: index.indexName,
          KeySchema: [
            { AttributeName: index.partitionKey, KeyType: "HASH" },
            { AttributeName: index.sortKey, KeyType: "RANGE" },
          ],
          Projection: { ProjectionType: "ALL" },
        })),
      }),
    );
  } catch (error) {
    // Another caller created it first; waiting for ACTIVE covers both cases.
    if (!(error instanceof ResourceInUseException)) throw error;
  }
}

async function describeTable(client: DynamoDBClient, tableName: string): Promise<TableDescription | undefined> {
  try {
    const output = await client.send(new DescribeTableCommand({ TableName: tableName }));
    return output.Table;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
}

/** Rejects a table left in a data directory by an older, different schema instead of using it. */
function assertSchemaMatches(table: TableDescription, tableName: string): void {
  const keys = (table.KeySchema ?? []).map((element) => `${element.AttributeName}:${element.KeyType}`).join(",");
  const expectedKeys = `${TABLE_KEYS.partitionKey}:HASH,${TABLE_KEYS.sortKey}:RANGE`;
  const indexes = new Set((table.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
  const missingIndexes = GLOBAL_INDEXES.filter((index) => !indexes.has(index.indexName)).map((index) => index.indexName);
  if (keys !== expectedKeys || missingIndexes.length > 0) {
    throw new Error(
      `Table ${tableName} exists with a different schema (keys ${keys}, missing indexes [${missingIndexes.join(", ")}]). Delete the local data directory to recreate it`,
    );
  }
}

async function waitUntilActive(client: DynamoDBClient, tableName: string): Promise<void> {
  const deadline = Date.now() + ACTIVE_TIMEOUT_MS;
  for (;;) {
    const table = await describeTable(client, tableName);
    const indexesActive = (table?.GlobalSecondaryIndexes ?? []).every((index) => index.IndexStatus === "ACTIVE");
    if (table?.TableStatus === "ACTIVE" && indexesActive) return;
    if (Date.now() > deadline) {
      throw new Error(`Table ${tableName} did not become ACTIVE within ${ACTIVE_TIMEOUT_MS} ms (status ${table?.TableStatus ?? "missing"})`);
    }
    await sleep(POLL_INTERVAL_MS);
  }
}
