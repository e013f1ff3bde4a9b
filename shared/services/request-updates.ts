import type { Operation } from "../api/handler";
import type { DocumentRequestDto } from "../api/schemas";
import { authorizeWorkspace } from "../access/workspace-access";
import { auditEventPut } from "../audit/audit-event";
import { EDITABLE } from "../domain/request-status";
import { ConflictError } from "../errors";
import { replaceRequest, type RequestRecord } from "../store/requests";
import { transactWrite } from "../store/transact";
import { requireRequest, resolveAssignee } from "./requests";

type EditableField = "title" | "description" | "category" | "assignee" | "dueDate" | "sensitivity";

const EDITABLE_FIELDS: readonly EditableField[] = ["title", "description", "category", "assignee", "dueDate", "sensitivity"];

/** Compares a field's stored value with its new one, by e-mail for the assignee. */
function sameValue(field: EditableField, before: RequestRecord, after: RequestRecord): boolean {
  if (field === "assignee") return before.assignee?.userId === after.assignee?.userId;
  return before[field] === after[field];
}

function shown(field: EditableField, request: RequestRecord): unknown {
  return field === "assignee" ? request.assignee?.email ?? null : request[field] ?? null;
}

/**
 * Changes a request's fields while staff can still act on it (open,
 * submitted or returned). The write is conditional on the version read here,
 * and the audit event lists each changed field with its old and new value.
 */
export const updateRequest: Operation = async ({ caller, requestId, log }, { params, body }) => {
  const access = await authorizeWorkspace(caller, params.workspaceId, "request.update");
  const current = await requireRequest(params.workspaceId, params.requestId);
  if (body.version !== undefined && body.version !== current.version) {
    throw new ConflictError(`The request changed since you loaded it (version ${body.version}, now ${current.version}); reload and try again`);
  }
  if (!EDITABLE.includes(current.status)) {
    throw new ConflictError(`Cannot change a request that is ${current.status}; allowed only when it is ${EDITABLE.join(", ")}`);
  }

  const next: RequestRecord = { ...current };
  if (body.title !== undefined) next.title = body.title;
  if (body.description !== undefined) next.description = body.description ?? undefined;
  if (body.category !== undefined) next.category = body.category ?? undefined;
  if (body.dueDate !== undefined) next.dueDate = body.dueDate ?? undefined;
  if (body.sensitivity !== undefined) next.sensitivity = body.sensitivity;
  if (body.assignee !== undefined) next.assignee = body.assignee === null ? undefined : await resolveAssignee(params.workspaceId, body.assignee);

  const changed = EDITABLE_FIELDS.filter((field) => !sameValue(field, current, next));
  if (changed.length === 0) return current;

  const now = new Date().toISOString();
  const updated: DocumentRequestDto = { ...next, updatedAt: now, version: current.version + 1 };
  const changes = Object.fromEntries(changed.map((field) => [field, { from: shown(field, current), to: shown(field, updated) }]));
  await transactWrite(
    [
      replaceRequest(current, updated),
      auditEventPut({
        workspaceId: params.workspaceId,
        action: "request.updated",
        actor: access.actor,
        target: { type: "request", id: current.requestId, label: updated.title },
        requestId,
        details: { changes },
        at: now,
      }),
    ],
    { default: "The request changed while you were editing it; reload and try again" },
  );
  log.info("request updated", { documentRequestId: current.requestId, fields: changed });
  return updated;
};
