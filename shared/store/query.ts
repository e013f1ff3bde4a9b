import { QueryCommand, type QueryCommandInput } from "@aws-sdk/lib-dynamodb";
import { documentClient } from "../aws/clients";
import { decodePageToken, encodePageToken, type PageScope } from "./page-token";
import { GLOBAL_INDEXES, TABLE_KEYS } from "./table-schema";
import { tableName } from "./table";

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

export interface PagedQuery {
  indexName?: "GSI1" | "GSI2";
  partition: [name: string, value: string];
  sortKeyPrefix?: [name: string, prefix: string];
  limit: number;
  nextToken?: string;
  newestFirst?: boolean;
  filter?: Pick<QueryCommandInput, "FilterExpression" | "ExpressionAttributeNames" | "ExpressionAttributeValues">;
}

/** Attributes of a LastEvaluatedKey: the table keys, plus the index keys for an index. */
function keyAttributesOf(indexName: string | undefined): string[] {
  const tableKeys = [TABLE_KEYS.partitionKey, TABLE_KEYS.sortKey];
  const index = GLOBAL_INDEXES.find((candidate) => candidate.indexName === indexName);
  return index ? [...tableKeys, index.partitionKey, index.sortKey] : tableKeys;
}

/**
 * Runs one Query on a key condition (partition, optional sort-key prefix)
 * and returns a page with an opaque token bound to that same key range.
 */
export async function queryPage<T>(query: PagedQuery, map: (item: Record<string, unknown>) => T): Promise<Page<T>> {
  const scope: PageScope = {
    partitionKey: query.partition,
    sortKeyPrefix: query.sortKeyPrefix,
    keyAttributes: keyAttributesOf(query.indexName),
  };
  const startKey = decodePageToken(query.nextToken, scope);
  const [partitionName, partitionValue] = query.partition;
  const names: Record<string, string> = { "#pk": partitionName, ...query.filter?.ExpressionAttributeNames };
  const values: Record<string, unknown> = { ":pk": partitionValue, ...query.filter?.ExpressionAttributeValues };
  let condition = "#pk = :pk";
  if (query.sortKeyPrefix) {
    names["#sk"] = query.sortKeyPrefix[0];
    values[":skPrefix"] = query.sortKeyPrefix[1];
    condition += " AND begins_with(#sk, :skPrefix)";
  }
  const result = await documentClient().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: query.indexName,
      KeyConditionExpression: condition,
      FilterExpression: query.filter?.FilterExpression,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
      ExclusiveStartKey: startKey,
      Limit: query.limit,
      ScanIndexForward: !query.newestFirst,
      // Index reads are eventually consistent by DynamoDB's design.
      ConsistentRead: query.indexName ? undefined : true,
    }),
  );
  return {
    items: (result.Items ?? []).map(map),
    nextToken: encodePageToken(result.LastEvaluatedKey),
  };
}
