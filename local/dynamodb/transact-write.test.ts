import { TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  type DynamoDBDocumentClient,
  type TransactWriteCommandInput,
} from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ensureTable } from "./ensure-table";
import { startLocalDynamo, type LocalDynamo } from "./index";
import { createTestClients, rejectionOf, TEST_TABLE } from "./test-support";

type TransactItem = NonNullable<TransactWriteCommandInput["TransactItems"]>[number];

let local: LocalDynamo;
let documents: DynamoDBDocumentClient;
let partition: string;
let partitionCounter = 0;

beforeAll(async () => {
  local = await startLocalDynamo({ port: 0 });
  await ensureTable(local.endpoint, TEST_TABLE);
  documents = createTestClients(local.endpoint).documents;
});

afterAll(async () => {
  documents?.destroy();
  await local?.close();
});

// Each test writes under its own partition so tests cannot see each other's items.
beforeEach(() => {
  partitionCounter += 1;
  partition = `TEST#${partitionCounter}`;
});

function key(sortKey: string) {
  return { PK: partition, SK: sortKey };
}

async function read(sortKey: string) {
  const output = await documents.send(new GetCommand({ TableName: TEST_TABLE, Key: key(sortKey), ConsistentRead: true }));
  return output.Item;
}

async function seed(sortKey: string, attributes: Record<string, unknown>) {
  await documents.send(new PutCommand({ TableName: TEST_TABLE, Item: { ...key(sortKey), ...attributes } }));
}

function transact(items: TransactItem[], token?: string) {
  return documents.send(new TransactWriteCommand({ TransactItems: items, ClientRequestToken: token }));
}

function put(sortKey: string, attributes: Record<string, unknown> = {}): TransactItem {
  return { Put: { TableName: TEST_TABLE, Item: { ...key(sortKey), ...attributes } } };
}

function versionCheck(sortKey: string, version: number, returnOld?: "ALL_OLD" | "NONE"): TransactItem {
  return {
    ConditionCheck: {
      TableName: TEST_TABLE,
      Key: key(sortKey),
      ConditionExpression: "version = :version",
      ExpressionAttributeValues: { ":version": version },
      ReturnValuesOnConditionCheckFailure: returnOld,
    },
  };
}

async function cancellation(promise: Promise<unknown>): Promise<TransactionCanceledException> {
  const error = await rejectionOf(promise);
  expect(error).toBeInstanceOf(TransactionCanceledException);
  return error as TransactionCanceledException;
}

describe("TransactWriteItems", () => {
  it("applies every action type together", async () => {
    await seed("update-me", { version: 1, count: 5, tags: new Set(["a"]) });
    await seed("delete-me", { version: 1 });
    await seed("check-me", { version: 3 });

    await transact([
      put("new", { title: "created" }),
      {
        Update: {
          TableName: TEST_TABLE,
          Key: key("update-me"),
          UpdateExpression: "SET version = version + :one, #title = :title ADD #count :two, tags :tag",
          ConditionExpression: "version = :expected",
          ExpressionAttributeNames: { "#title": "title", "#count": "count" },
          ExpressionAttributeValues: { ":one": 1, ":two": 2, ":tag": new Set(["b"]), ":title": "updated", ":expected": 1 },
        },
      },
      { Delete: { TableName: TEST_TABLE, Key: key("delete-me"), ConditionExpression: "attribute_exists(PK)" } },
      versionCheck("check-me", 3),
    ]);

    expect(await read("new")).toEqual({ ...key("new"), title: "created" });
    expect(await read("update-me")).toEqual({
      ...key("update-me"),
      version: 2,
      count: 7,
      tags: new Set(["a", "b"]),
      title: "updated",
    });
    expect(await read("delete-me")).toBeUndefined();
    expect(await read("check-me")).toEqual({ ...key("check-me"), version: 3 });
  });

  it("rolls back earlier actions and skips later ones", async () => {
    await seed("guard", { version: 1 });

    const error = await cancellation(transact([put("first"), put("second"), versionCheck("guard", 2), put("third")]));

    expect(error.CancellationReasons).toEqual([
      { Code: "None" },
      { Code: "None" },
      { Code: "ConditionalCheckFailed", Message: "The conditional request failed" },
      { Code: "None" },
    ]);
    expect(error.message).toBe(
      "Transaction cancelled, please refer cancellation reasons for specific reasons [None, None, ConditionalCheckFailed, None]",
    );
    expect(await read("first")).toBeUndefined();
    expect(await read("second")).toBeUndefined();
    expect(await read("third")).toBeUndefined();
    expect(await read("guard")).toEqual({ ...key("guard"), version: 1 });
  });

  it("restores updated, replaced and deleted items", async () => {
    await seed("updated", { version: 1, note: "original" });
    await seed("replaced", { version: 1, note: "original" });
    await seed("deleted", { version: 1, note: "original" });

    await cancellation(
      transact([
        {
          Update: {
            TableName: TEST_TABLE,
            Key: key("updated"),
            UpdateExpression: "SET note = :note REMOVE version",
            ExpressionAttributeValues: { ":note": "changed" },
          },
        },
        put("replaced", { note: "changed" }),
        { Delete: { TableName: TEST_TABLE, Key: key("deleted") } },
        {
          Put: {
            TableName: TEST_TABLE,
            Item: key("blocked"),
            ConditionExpression: "attribute_exists(PK)",
          },
        },
      ]),
    );

    expect(await read("updated")).toEqual({ ...key("updated"), version: 1, note: "original" });
    expect(await read("replaced")).toEqual({ ...key("replaced"), version: 1, note: "original" });
    expect(await read("deleted")).toEqual({ ...key("deleted"), version: 1, note: "original" });
    expect(await read("blocked")).toBeUndefined();
  });

  it("rolls back index entries", async () => {
    await seed("guard", { version: 1 });
    const indexed = { GSI1PK: `${partition}#INDEX`, GSI1SK: "1" };

    await cancellation(transact([put("indexed", indexed), versionCheck("guard", 2)]));

    const output = await documents.send(
      new QueryCommand({
        TableName: TEST_TABLE,
        IndexName: "GSI1",
        KeyConditionExpression: "GSI1PK = :pk",
        ExpressionAttributeValues: { ":pk": indexed.GSI1PK },
      }),
    );
    expect(output.Items).toEqual([]);
  });

  it("reports every failed condition in order", async () => {
    await seed("a", { version: 1 });
    await seed("b", { version: 1 });
    await seed("c", { version: 1 });

    const error = await cancellation(transact([versionCheck("a", 2), versionCheck("b", 1), versionCheck("c", 2)]));

    expect(error.CancellationReasons?.map((reason) => reason.Code)).toEqual([
      "ConditionalCheckFailed",
      "None",
      "ConditionalCheckFailed",
    ]);
  });

  it("returns the old item with ALL_OLD", async () => {
    await seed("with-old", { version: 1, note: "kept" });
    await seed("without-old", { version: 1 });

    const error = await cancellation(
      transact([versionCheck("with-old", 2, "ALL_OLD"), versionCheck("without-old", 2, "NONE"), versionCheck("absent", 2, "ALL_OLD")]),
    );

    const [withOld, withoutOld, absent] = error.CancellationReasons ?? [];
    expect(withOld?.Item).toEqual({ PK: { S: partition }, SK: { S: "with-old" }, version: { N: "1" }, note: { S: "kept" } });
    expect(withoutOld?.Code).toBe("ConditionalCheckFailed");
    expect(withoutOld?.Item).toBeUndefined();
    expect(absent?.Code).toBe("ConditionalCheckFailed");
    expect(absent?.Item).toBeUndefined();
  });

  it("fails a Put whose condition fails", async () => {
    await seed("existing", { version: 1 });

    const error = await cancellation(
      transact([
        { Put: { TableName: TEST_TABLE, Item: { ...key("existing"), version: 9 }, ConditionExpression: "attribute_not_exists(PK)" } },
      ]),
    );

    expect(error.CancellationReasons).toEqual([{ Code: "ConditionalCheckFailed", Message: "The conditional request failed" }]);
    expect(await read("existing")).toEqual({ ...key("existing"), version: 1 });
  });

  it("checks conditions without writing", async () => {
    await seed("present", { version: 4 });

    await transact([
      versionCheck("present", 4),
      {
        ConditionCheck: {
          TableName: TEST_TABLE,
          Key: key("absent"),
          ConditionExpression: "attribute_not_exists(PK)",
        },
      },
    ]);

    expect(await read("present")).toEqual({ ...key("present"), version: 4 });
    expect(await read("absent")).toBeUndefined();
  });

  it("rejects two actions on one item", async () => {
    const error = await rejectionOf(
      transact([
        put("same", { version: 1 }),
        { Update: { TableName: TEST_TABLE, Key: key("same"), UpdateExpression: "SET version = :v", ExpressionAttributeValues: { ":v": 2 } } },
      ]),
    );

    expect(error.name).toBe("ValidationException");
    expect(error.message).toBe("Transaction request cannot include multiple operations on one item");
    expect(await read("same")).toBeUndefined();
  });

  it("rejects more than 100 actions", async () => {
    const items = Array.from({ length: 101 }, (_, index) => put(`item-${index}`));

    const error = await rejectionOf(transact(items));

    expect(error.name).toBe("ValidationException");
    expect(error.message).toContain("less than or equal to 100");
    expect(await read("item-0")).toBeUndefined();
  });

  it("accepts exactly 100 actions", async () => {
    const items = Array.from({ length: 100 }, (_, index) => put(`item-${index}`));

    await transact(items);

    expect(await read("item-99")).toEqual(key("item-99"));
  });

  it("rejects an empty action list", async () => {
    const error = await rejectionOf(transact([]));

    expect(error.name).toBe("ValidationException");
  });

  it("rejects an element with two actions", async () => {
    const error = await rejectionOf(
      transact([{ Put: { TableName: TEST_TABLE, Item: key("one") }, Delete: { TableName: TEST_TABLE, Key: key("two") } }]),
    );

    expect(error.name).toBe("ValidationException");
    expect(await read("one")).toBeUndefined();
  });

  it("rejects a Put without its key", async () => {
    const error = await rejectionOf(transact([{ Put: { TableName: TEST_TABLE, Item: { PK: partition } } }]));

    expect(error.name).toBe("ValidationException");
    expect(error.message).toBe("One or more parameter values were invalid: Missing the key SK in the item");
  });

  it("rejects an invalid expression and writes nothing", async () => {
    await seed("target", { version: 1 });

    const error = await rejectionOf(
      transact([
        put("earlier"),
        {
          Update: {
            TableName: TEST_TABLE,
            Key: key("target"),
            UpdateExpression: "SET #undefinedName = :value",
            ExpressionAttributeValues: { ":value": 2 },
          },
        },
      ]),
    );

    expect(error.name).toBe("ValidationException");
    expect(await read("earlier")).toBeUndefined();
    expect(await read("target")).toEqual({ ...key("target"), version: 1 });
  });

  it("rejects an ADD on a string and writes nothing", async () => {
    await seed("text", { label: "not a number" });

    const error = await rejectionOf(
      transact([
        put("earlier"),
        {
          Update: {
            TableName: TEST_TABLE,
            Key: key("text"),
            UpdateExpression: "ADD label :one",
            ExpressionAttributeValues: { ":one": 1 },
          },
        },
      ]),
    );

    expect(error.name).toBe("ValidationException");
    expect(await read("earlier")).toBeUndefined();
    expect(await read("text")).toEqual({ ...key("text"), label: "not a number" });
  });

  it("rejects a ConditionCheck without a condition", async () => {
    const error = await rejectionOf(
      transact([{ ConditionCheck: { TableName: TEST_TABLE, Key: key("x"), ConditionExpression: "" } }]),
    );

    expect(error.name).toBe("ValidationException");
  });

  it("reports a missing table", async () => {
    const error = await rejectionOf(
      transact([{ Put: { TableName: "no-such-table", Item: key("x") } }]),
    );

    expect(error.name).toBe("ResourceNotFoundException");
  });

  it("accepts a client request token", async () => {
    await transact([put("tokened", { version: 1 })], "token-0123456789abcdef0123456789abcdef");

    expect(await read("tokened")).toEqual({ ...key("tokened"), version: 1 });
  });

  it("lets one of eight racing bumps win", async () => {
    await seed("counter", { version: 1 });

    const bump = (writer: number) =>
      transact([
        {
          Update: {
            TableName: TEST_TABLE,
            Key: key("counter"),
            UpdateExpression: "SET version = :next, writer = :writer",
            ConditionExpression: "version = :current",
            ExpressionAttributeValues: { ":current": 1, ":next": 2, ":writer": writer },
          },
        },
        put(`log-${writer}`),
      ]);
    const results = await Promise.allSettled(Array.from({ length: 8 }, (_, writer) => bump(writer)));

    const winners = results.flatMap((result, writer) => (result.status === "fulfilled" ? [writer] : []));
    const losers = results.filter((result) => result.status === "rejected");
    expect(winners).toHaveLength(1);
    for (const loser of losers) {
      expect(loser.reason).toBeInstanceOf(TransactionCanceledException);
    }
    const counter = await read("counter");
    expect(counter).toEqual({ ...key("counter"), version: 2, writer: winners[0] });
    for (let writer = 0; writer < 8; writer += 1) {
      const log = await read(`log-${writer}`);
      expect(log === undefined).toBe(writer !== winners[0]);
    }
  });

  it("leaves deletes of missing items harmless on rollback", async () => {
    await seed("guard", { version: 1 });

    await cancellation(
      transact([{ Delete: { TableName: TEST_TABLE, Key: key("never-existed") } }, versionCheck("guard", 5)]),
    );

    expect(await read("never-existed")).toBeUndefined();
    await documents.send(new DeleteCommand({ TableName: TEST_TABLE, Key: key("guard") }));
    expect(await read("guard")).toBeUndefined();
  });
});
