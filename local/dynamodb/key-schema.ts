import type { DynaliteClient } from "./dynalite-client";
import { isObject, type AttributeMap, type DynamoResponse } from "./wire";

export type KeyAttributesResult =
  | { ok: true; keyAttributes: string[] }
  | { ok: false; response: DynamoResponse };

/**
 * Key attribute names of each table, read once with DescribeTable. The proxy
 * clears the cache whenever a table is created, updated or deleted.
 */
export class KeySchemaCache {
  private readonly byTable = new Map<string, string[]>();

  constructor(private readonly dynalite: DynaliteClient) {}

  async keyAttributes(tableName: string): Promise<KeyAttributesResult> {
    const cached = this.byTable.get(tableName);
    if (cached !== undefined) return { ok: true, keyAttributes: cached };

    const result = await this.dynalite.call("DescribeTable", { TableName: tableName });
    if (!result.ok) return { ok: false, response: result.response };

    const table = result.output.Table;
    const keySchema = isObject(table) && Array.isArray(table.KeySchema) ? table.KeySchema : [];
    const keyAttributes = keySchema
      .filter(isObject)
      .map((element) => element.AttributeName)
      .filter((name): name is string => typeof name === "string");
    if (keyAttributes.length === 0) {
      throw new Error(`DescribeTable returned no key schema for table ${tableName}`);
    }
    this.byTable.set(tableName, keyAttributes);
    return { ok: true, keyAttributes };
  }

  clear(): void {
    this.byTable.clear();
  }
}

/** Returns the key of a full item, or the name of the first key attribute it lacks. */
export function keyOfItem(
  item: AttributeMap,
  keyAttributes: readonly string[],
): { ok: true; key: AttributeMap } | { ok: false; missingAttribute: string } {
  const key: AttributeMap = {};
  for (const name of keyAttributes) {
    const value = item[name];
    if (value === undefined) return { ok: false, missingAttribute: name };
    key[name] = value;
  }
  return { ok: true, key };
}

/**
 * Returns a string that is equal for two keys of the same item in the same
 * table, whatever order the key's attributes were sent in.
 * NOTE: number keys compare as sent, so {"N": "1"} and {"N": "1.0"} count as
 * different items here although DynamoDB treats them as one.
 */
export function itemIdentity(tableName: string, key: AttributeMap): string {
  const entries = Object.keys(key)
    .sort()
    .map((name) => [name, key[name]]);
  return JSON.stringify([tableName, entries]);
}
