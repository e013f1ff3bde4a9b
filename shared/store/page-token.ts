import { ValidationError } from "../errors";

/**
 * Opaque pagination tokens. A token is the base64url JSON of DynamoDB's
 * LastEvaluatedKey. Decoding checks that every key attribute lies inside the
 * partition and sort-key prefix that the caller is authorized to list, so an
 * edited token cannot reach another workspace's items.
 */
export type StoredKey = Record<string, string>;

export interface PageScope {
  /** Attribute name and exact value of the partition being listed. */
  partitionKey: [name: string, value: string];
  /** Attribute name and prefix every sort-key value must start with. */
  sortKeyPrefix?: [name: string, prefix: string];
  /**
   * Names of exactly the attributes the key carries: the table keys, plus the
   * index keys for an index query. DynamoDB rejects any other start key.
   */
  keyAttributes: readonly string[];
}

export function encodePageToken(lastKey: Record<string, unknown> | undefined): string | undefined {
  if (!lastKey) return undefined;
  return Buffer.from(JSON.stringify(lastKey), "utf8").toString("base64url");
}

function invalidToken(): never {
  throw new ValidationError("nextToken: is not a token from this list; repeat the request without it", "nextToken");
}

export function decodePageToken(token: string | undefined, scope: PageScope): StoredKey | undefined {
  if (token === undefined || token === "") return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
  } catch {
    invalidToken();
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) invalidToken();
  const key = parsed as Record<string, unknown>;
  const names = Object.keys(key);
  if (names.length !== scope.keyAttributes.length) invalidToken();
  for (const name of scope.keyAttributes) {
    if (typeof key[name] !== "string") invalidToken();
  }
  const [partitionName, partitionValue] = scope.partitionKey;
  if (key[partitionName] !== partitionValue) invalidToken();
  if (scope.sortKeyPrefix) {
    const [sortName, prefix] = scope.sortKeyPrefix;
    const sortValue = key[sortName];
    if (typeof sortValue !== "string" || !sortValue.startsWith(prefix)) invalidToken();
  }
  return key as StoredKey;
}
