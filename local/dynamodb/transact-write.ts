import type { Logger } from "../../shared/logger";
import type { CallResult, DynaliteClient } from "./dynalite-client";
import { internalServerError, transactionCanceledException, validationException } from "./errors";
import { itemIdentity, keyOfItem, type KeySchemaCache } from "./key-schema";
import {
  DUPLICATE_ITEM_MESSAGE,
  parseTransactItems,
  requireMember,
  type TransactElement,
} from "./transact-request";
import type { AttributeMap, CancellationReason, DynamoResponse } from "./wire";

const WRITE_KINDS = ["Put", "Update", "Delete", "ConditionCheck"] as const;
type WriteKind = (typeof WRITE_KINDS)[number];

/** A validated action with the key of the item it targets and that item's image before the transaction. */
interface WriteAction extends TransactElement<WriteKind> {
  key: AttributeMap;
  priorItem: AttributeMap | undefined;
}

type ActionOutcome = "applied" | "conditionFailed";

export interface TransactWriteDependencies {
  dynalite: DynaliteClient;
  keySchemas: KeySchemaCache;
  logger: Logger;
}

/**
 * Implements TransactWriteItems on top of single-item dynalite calls. The
 * caller holds the proxy's lock, so no other request reads the items between
 * the first write and the commit or rollback.
 *
 * Steps: validate the request, read every target item's prior image, apply
 * each action in request order with its own condition, and if any condition
 * failed or any action was rejected, write every prior image back.
 *
 * NOTE: ClientRequestToken, ReturnConsumedCapacity and
 * ReturnItemCollectionMetrics are accepted and ignored, so a retried request
 * with the same token is applied again instead of being deduplicated.
 * NOTE: DynamoDB reports data-dependent errors such as an ADD on a string
 * attribute as a cancellation reason with code ValidationError. Here every
 * error dynalite returns for an action becomes the whole reply (usually a
 * ValidationException), after the rollback.
 */
export async function transactWriteItems(
  input: unknown,
  dependencies: TransactWriteDependencies,
): Promise<DynamoResponse> {
  const prepared = await prepareActions(input, dependencies);
  if (!prepared.ok) return prepared.response;
  const actions = prepared.actions;

  const outcomes: ActionOutcome[] = [];
  let rejection: DynamoResponse | undefined;
  try {
    for (const action of actions) {
      const result = await applyAction(action, dependencies.dynalite);
      if (result.ok) {
        outcomes.push("applied");
      } else if (result.exception === "ConditionalCheckFailedException") {
        outcomes.push("conditionFailed");
      } else {
        rejection = result.response;
        break;
      }
    }
  } catch (error) {
    await rollBack(actions.slice(0, outcomes.length + 1), dependencies);
    throw error;
  }

  const cancelled = rejection !== undefined || outcomes.includes("conditionFailed");
  if (!cancelled) return { statusCode: 200, body: {} };

  // A rejected action may have failed part way, so it is restored as well.
  const attempted = actions.slice(0, rejection === undefined ? outcomes.length : outcomes.length + 1);
  const restored = await rollBack(attempted, dependencies);
  if (!restored) {
    return internalServerError(
      "TransactWriteItems failed and its rollback failed too, so the table may contain part of the transaction. The local DynamoDB error log names each item that was not restored",
    );
  }
  return rejection ?? transactionCanceledException(cancellationReasons(actions, outcomes));
}

type PrepareResult = { ok: true; actions: WriteAction[] } | { ok: false; response: DynamoResponse };

/** Validates the request and reads the prior image of every target item, writing nothing. */
async function prepareActions(input: unknown, { dynalite, keySchemas }: TransactWriteDependencies): Promise<PrepareResult> {
  const parsed = parseTransactItems(input, WRITE_KINDS);
  if (!parsed.ok) return parsed;

  const actions: WriteAction[] = [];
  const seen = new Set<string>();
  for (const [index, element] of parsed.elements.entries()) {
    const missing = missingMember(element, index);
    if (missing) return { ok: false, response: missing };

    let key: AttributeMap;
    if (element.kind === "Put") {
      const schema = await keySchemas.keyAttributes(element.tableName);
      if (!schema.ok) return schema;
      const derived = keyOfItem(element.params.Item as AttributeMap, schema.keyAttributes);
      if (!derived.ok) {
        return {
          ok: false,
          response: validationException(
            `One or more parameter values were invalid: Missing the key ${derived.missingAttribute} in the item`,
          ),
        };
      }
      key = derived.key;
    } else {
      key = element.params.Key as AttributeMap;
    }

    const identity = itemIdentity(element.tableName, key);
    if (seen.has(identity)) return { ok: false, response: validationException(DUPLICATE_ITEM_MESSAGE) };
    seen.add(identity);
    actions.push({ ...element, key, priorItem: undefined });
  }

  // The reads also validate every key against its table before any write.
  for (const action of actions) {
    const result = await dynalite.call("GetItem", { TableName: action.tableName, Key: action.key, ConsistentRead: true });
    if (!result.ok) return { ok: false, response: result.response };
    action.priorItem = result.output.Item as AttributeMap | undefined;
  }
  return { ok: true, actions };
}

function missingMember(element: TransactElement<WriteKind>, index: number): DynamoResponse | undefined {
  const returnValues = element.params.ReturnValuesOnConditionCheckFailure;
  if (returnValues !== undefined && returnValues !== "ALL_OLD" && returnValues !== "NONE") {
    return validationException(
      `1 validation error detected: Value '${String(returnValues)}' at 'transactItems.${index + 1}.member.${element.kind}.returnValuesOnConditionCheckFailure' failed to satisfy constraint: Member must satisfy enum value set: [ALL_OLD, NONE]`,
    );
  }
  switch (element.kind) {
    case "Put":
      return requireMember(element, index, "Item", "object");
    case "Update":
      return requireMember(element, index, "Key", "object") ?? requireMember(element, index, "UpdateExpression", "string");
    case "Delete":
      return requireMember(element, index, "Key", "object");
    case "ConditionCheck":
      return requireMember(element, index, "Key", "object") ?? requireMember(element, index, "ConditionExpression", "string");
  }
}

/** Runs one action as a single conditional dynalite call. */
function applyAction(action: WriteAction, dynalite: DynaliteClient): Promise<CallResult> {
  const { params } = action;
  const condition = {
    ConditionExpression: params.ConditionExpression,
    ExpressionAttributeNames: params.ExpressionAttributeNames,
    ExpressionAttributeValues: params.ExpressionAttributeValues,
  };
  switch (action.kind) {
    case "Put":
      return dynalite.call("PutItem", { TableName: action.tableName, Item: params.Item, ...condition });
    case "Update":
      return dynalite.call("UpdateItem", {
        TableName: action.tableName,
        Key: action.key,
        UpdateExpression: params.UpdateExpression,
        ...condition,
      });
    case "Delete":
      return dynalite.call("DeleteItem", { TableName: action.tableName, Key: action.key, ...condition });
    case "ConditionCheck":
      // dynalite evaluates a condition only as part of a write. So the check
      // is a conditional write that leaves the item as it was, either the
      // prior image put back over itself or a delete of an absent item.
      return action.priorItem === undefined
        ? dynalite.call("DeleteItem", { TableName: action.tableName, Key: action.key, ...condition })
        : dynalite.call("PutItem", { TableName: action.tableName, Item: action.priorItem, ...condition });
  }
}

/**
 * Writes back the prior image of every Put, Update and Delete in `actions`,
 * last first. Returns false if any item could not be restored, and logs
 * each such item by table and key.
 */
async function rollBack(actions: WriteAction[], { dynalite, logger }: TransactWriteDependencies): Promise<boolean> {
  let restoredAll = true;
  for (const action of [...actions].reverse()) {
    if (action.kind === "ConditionCheck") continue;
    try {
      const result =
        action.priorItem === undefined
          ? await dynalite.call("DeleteItem", { TableName: action.tableName, Key: action.key })
          : await dynalite.call("PutItem", { TableName: action.tableName, Item: action.priorItem });
      if (!result.ok) throw new Error(`${result.exception} while restoring the prior image`);
    } catch (error) {
      restoredAll = false;
      logger.error("transaction rollback failed for an item", {
        tableName: action.tableName,
        key: action.key,
        error,
      });
    }
  }
  return restoredAll;
}

function cancellationReasons(actions: WriteAction[], outcomes: ActionOutcome[]): CancellationReason[] {
  return actions.map((action, index) => {
    if (outcomes[index] !== "conditionFailed") return { Code: "None" };
    const reason: CancellationReason = { Code: "ConditionalCheckFailed", Message: "The conditional request failed" };
    if (action.params.ReturnValuesOnConditionCheckFailure === "ALL_OLD" && action.priorItem !== undefined) {
      reason.Item = action.priorItem;
    }
    return reason;
  });
}
