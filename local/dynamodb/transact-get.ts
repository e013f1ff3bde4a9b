import type { DynaliteClient } from "./dynalite-client";
import { validationException } from "./errors";
import { itemIdentity } from "./key-schema";
import { DUPLICATE_ITEM_MESSAGE, parseTransactItems, requireMember } from "./transact-request";
import type { AttributeMap, DynamoResponse } from "./wire";

/**
 * Implements TransactGetItems with one consistent GetItem per element. The
 * caller holds the proxy's lock, so no write lands between the reads.
 * NOTE: ReturnConsumedCapacity is accepted and ignored.
 */
export async function transactGetItems(input: unknown, dynalite: DynaliteClient): Promise<DynamoResponse> {
  const parsed = parseTransactItems(input, ["Get"] as const);
  if (!parsed.ok) return parsed.response;

  const seen = new Set<string>();
  for (const [index, element] of parsed.elements.entries()) {
    const missing = requireMember(element, index, "Key", "object");
    if (missing) return missing;
    const identity = itemIdentity(element.tableName, element.params.Key as AttributeMap);
    if (seen.has(identity)) return validationException(DUPLICATE_ITEM_MESSAGE);
    seen.add(identity);
  }

  const responses: Array<{ Item?: unknown }> = [];
  for (const { params } of parsed.elements) {
    const result = await dynalite.call("GetItem", {
      TableName: params.TableName,
      Key: params.Key,
      ProjectionExpression: params.ProjectionExpression,
      ExpressionAttributeNames: params.ExpressionAttributeNames,
      ConsistentRead: true,
    });
    if (!result.ok) return result.response;
    responses.push(result.output.Item === undefined ? {} : { Item: result.output.Item });
  }
  return { statusCode: 200, body: { Responses: responses } };
}
