/**
 * Key schema of the single application table. The CDK stack and local mode
 * both create the table from this definition. Access patterns are listed in
 * docs/data-model.md.
 */
export const TABLE_KEYS = {
  partitionKey: "PK",
  sortKey: "SK",
} as const;

export interface GlobalIndexDefinition {
  indexName: string;
  partitionKey: string;
  sortKey: string;
}

/**
 * GSI1: a user's memberships (`USER#<userId>` to workspaces) and the firm-wide
 * workspace list. GSI2: open document requests by assignee, and files still
 * `processing` by upload form expiry. Both project all attributes and are
 * sparse: only items that set the keys appear.
 */
export const GLOBAL_INDEXES: readonly GlobalIndexDefinition[] = [
  { indexName: "GSI1", partitionKey: "GSI1PK", sortKey: "GSI1SK" },
  { indexName: "GSI2", partitionKey: "GSI2PK", sortKey: "GSI2SK" },
];

/** Every key attribute is a string. */
export const KEY_ATTRIBUTE_NAMES: readonly string[] = [
  TABLE_KEYS.partitionKey,
  TABLE_KEYS.sortKey,
  ...GLOBAL_INDEXES.flatMap((index) => [index.partitionKey, index.sortKey]),
];
