import { loadConfig } from "../config";

export function tableName(): string {
  return loadConfig().tableName;
}

/** Attributes that are storage keys and never leave the store layer. */
const STORAGE_ATTRIBUTES = new Set(["PK", "SK", "GSI1PK", "GSI1SK", "GSI2PK", "GSI2SK", "entity", "expiresAt"]);

/** Strips key and bookkeeping attributes from a stored item. */
export function withoutKeys<T>(item: Record<string, unknown>): T {
  const result: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(item)) {
    if (!STORAGE_ATTRIBUTES.has(name)) result[name] = value;
  }
  return result as T;
}
