import { PutCommand, TransactGetCommand, TransactWriteCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureTable } from "./ensure-table";
import { startLocalDynamo, type LocalDynamo } from "./index";
import { createTestClients, rejectionOf, TEST_TABLE } from "./test-support";

let local: LocalDynamo;
let documents: DynamoDBDocumentClient;

beforeAll(async () => {
  local = await startLocalDynamo();
  await ensureTable(local.endpoint, TEST_TABLE);
  documents = createTestClients(local.endpoint).documents;
  for (const sortKey of ["a", "b", "c"]) {
    await documents.send(
      new PutCommand({ TableName: TEST_TABLE, Item: { PK: "GET", SK: sortKey, title: `title ${sortKey}`, secret: "x" } }),
    );
  }
});

afterAll(async () => {
  documents?.destroy();
  await local?.close();
});

function get(sortKey: string) {
  return { Get: { TableName: TEST_TABLE, Key: { PK: "GET", SK: sortKey } } };
}

describe("TransactGetItems", () => {
  it("returns items in request order", async () => {
    const output = await documents.send(new TransactGetCommand({ TransactItems: [get("c"), get("missing"), get("a")] }));

    expect(output.Responses).toHaveLength(3);
    expect(output.Responses?.[0]?.Item).toEqual({ PK: "GET", SK: "c", title: "title c", secret: "x" });
    expect(output.Responses?.[1]?.Item).toBeUndefined();
    expect(output.Responses?.[2]?.Item?.SK).toBe("a");
  });

  it("applies a projection", async () => {
    const output = await documents.send(
      new TransactGetCommand({
        TransactItems: [
          {
            Get: {
              TableName: TEST_TABLE,
              Key: { PK: "GET", SK: "b" },
              ProjectionExpression: "SK, #title",
              ExpressionAttributeNames: { "#title": "title" },
            },
          },
        ],
      }),
    );

    expect(output.Responses?.[0]?.Item).toEqual({ SK: "b", title: "title b" });
  });

  it("sees a committed transaction whole", async () => {
    await documents.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: TEST_TABLE, Item: { PK: "GET", SK: "pair-1", round: 1 } } },
          { Put: { TableName: TEST_TABLE, Item: { PK: "GET", SK: "pair-2", round: 1 } } },
        ],
      }),
    );

    const output = await documents.send(new TransactGetCommand({ TransactItems: [get("pair-1"), get("pair-2")] }));

    expect(output.Responses?.map((response) => response.Item?.round)).toEqual([1, 1]);
  });

  it("rejects two reads of one item", async () => {
    const error = await rejectionOf(documents.send(new TransactGetCommand({ TransactItems: [get("a"), get("a")] })));

    expect(error.name).toBe("ValidationException");
    expect(error.message).toBe("Transaction request cannot include multiple operations on one item");
  });

  it("rejects more than 100 reads", async () => {
    const items = Array.from({ length: 101 }, (_, index) => get(`item-${index}`));

    const error = await rejectionOf(documents.send(new TransactGetCommand({ TransactItems: items })));

    expect(error.name).toBe("ValidationException");
  });

  it("rejects a key that does not match the schema", async () => {
    const error = await rejectionOf(
      documents.send(new TransactGetCommand({ TransactItems: [{ Get: { TableName: TEST_TABLE, Key: { PK: "GET" } } }] })),
    );

    expect(error.name).toBe("ValidationException");
  });
});
