import { validationException } from "./errors";
import { isObject, type DynamoResponse } from "./wire";

/** DynamoDB's limit on actions in one TransactWriteItems or TransactGetItems request. */
export const MAX_TRANSACT_ITEMS = 100;

/** One element of TransactItems: the action name (Put, Get, ...) and its parameters as sent. */
export interface TransactElement<Kind extends string> {
  kind: Kind;
  tableName: string;
  params: Record<string, unknown>;
}

export type ParseResult<Kind extends string> =
  | { ok: true; elements: TransactElement<Kind>[] }
  | { ok: false; response: DynamoResponse };

/**
 * Checks the request-level rules that DynamoDB enforces before it touches
 * any item: TransactItems contains 1 to 100 elements, and each element names
 * exactly one allowed action with a TableName.
 */
export function parseTransactItems<Kind extends string>(
  input: unknown,
  allowedKinds: readonly Kind[],
): ParseResult<Kind> {
  const items = isObject(input) ? input.TransactItems : undefined;
  if (!Array.isArray(items)) {
    return invalid("1 validation error detected: Value null at 'transactItems' failed to satisfy constraint: Member must not be null");
  }
  if (items.length === 0) {
    return invalid(
      "1 validation error detected: Value '[]' at 'transactItems' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
  }
  if (items.length > MAX_TRANSACT_ITEMS) {
    return invalid(
      `1 validation error detected: Value with ${items.length} elements at 'transactItems' failed to satisfy constraint: Member must have length less than or equal to ${MAX_TRANSACT_ITEMS}`,
    );
  }

  const elements: TransactElement<Kind>[] = [];
  for (const [index, item] of items.entries()) {
    const kinds = isObject(item) ? allowedKinds.filter((kind) => item[kind] !== undefined) : [];
    const kind = kinds[0];
    const params = isObject(item) && kind !== undefined ? item[kind] : undefined;
    if (kinds.length !== 1 || kind === undefined || !isObject(params)) {
      return invalid(`TransactItems[${index}] must contain exactly one of ${allowedKinds.join(", ")}`);
    }
    if (typeof params.TableName !== "string" || params.TableName === "") {
      return invalid(`TransactItems[${index}].${kind}.TableName is missing`);
    }
    elements.push({ kind, tableName: params.TableName, params });
  }
  return { ok: true, elements };
}

/** Returns a ValidationException naming a required member that is missing or not of the given type. */
export function requireMember(
  element: TransactElement<string>,
  index: number,
  member: string,
  type: "string" | "object",
): DynamoResponse | undefined {
  const value = element.params[member];
  const present = type === "string" ? typeof value === "string" && value !== "" : isObject(value);
  if (present) return undefined;
  return validationException(`TransactItems[${index}].${element.kind}.${member} is missing or not a${type === "object" ? "n object" : " string"}`);
}

export const DUPLICATE_ITEM_MESSAGE = "Transaction request cannot include multiple operations on one item";

function invalid(message: string): { ok: false; response: DynamoResponse } {
  return { ok: false, response: validationException(message) };
}
