import type { Operation } from "../api/handler";
import type { UserRefDto } from "../api/schemas";
import { authorizeWorkspace } from "../access/workspace-access";
import { auditEventPut, type AuditAction } from "../audit/audit-event";
import { parseRequestCsv } from "../domain/request-csv";
import { nextStatus, type RequestAction } from "../domain/request-status";
import { ConflictError, NotFoundError, ValidationError } from "../errors";
import { newId } from "../ids";
import {
  getRequestRecord,
  listRequestRecords,
  listWaitingOn,
  putNewRequest,
  replaceRequest,
  type RequestRecord,
} from "../store/requests";
import { transactWrite, type TransactItem } from "../store/transact";
import { findUserIdByEmail } from "../store/users";
import { getMember, listMembers, workspaceExists } from "../store/workspaces";

export async function requireRequest(workspaceId: string, requestId: string): Promise<RequestRecord> {
  const request = await getRequestRecord(workspaceId, requestId);
  if (!request) throw new NotFoundError(`Request ${requestId} not found in this workspace`);
  return request;
}

/** Resolves an assignee e-mail to a member of the workspace. */
export async function resolveAssignee(workspaceId: string, email: string | undefined): Promise<UserRefDto | undefined> {
  if (email === undefined) return undefined;
  const userId = await findUserIdByEmail(email);
  const member = userId ? await getMember(workspaceId, userId) : undefined;
  if (!member) {
    throw new ValidationError(`assignee: ${email} is not a member of this workspace; add them under Members first`, "assignee");
  }
  return { userId: member.userId, email: member.email };
}

/** Loads every member of a workspace by e-mail, to check a whole import at once. */
async function membersByEmail(workspaceId: string): Promise<Map<string, UserRefDto>> {
  const members = new Map<string, UserRefDto>();
  let nextToken: string | undefined;
  do {
    const page = await listMembers(workspaceId, 100, nextToken);
    for (const member of page.items) members.set(member.email.toLowerCase(), { userId: member.userId, email: member.email });
    nextToken = page.nextToken;
  } while (nextToken);
  return members;
}

function newRequestRecord(
  workspaceId: string,
  fields: Pick<RequestRecord, "title" | "description" | "category" | "assignee" | "dueDate" | "sensitivity">,
  actor: UserRefDto,
  now: string,
): RequestRecord {
  return {
    requestId: newId(),
    workspaceId,
    ...fields,
    status: "open",
    availableFileCount: 0,
    createdAt: now,
    createdBy: actor,
    updatedAt: now,
    version: 1,
  };
}

function createdEvent(request: RequestRecord, actor: UserRefDto, requestId: string, source: "api" | "import"): TransactItem {
  return auditEventPut({
    workspaceId: request.workspaceId,
    action: "request.created",
    actor,
    target: { type: "request", id: request.requestId, label: request.title },
    requestId,
    details: { title: request.title, assignee: request.assignee?.email, dueDate: request.dueDate, source },
    at: request.createdAt,
  });
}

export const listRequests: Operation = async ({ caller }, { params, query }) => {
  await authorizeWorkspace(caller, params.workspaceId, "request.read");
  return listRequestRecords(params.workspaceId, query);
};

/**
 * Lists requests assigned to the caller that wait on them. The index entry
 * outlives a removed membership, so each workspace is checked again here.
 */
export const listWaitingRequests: Operation = async ({ caller }, { query }) => {
  const page = await listWaitingOn(caller.userId, query.limit, query.nextToken);
  const workspaceIds = [...new Set(page.items.map((request) => request.workspaceId))];
  const memberships = await Promise.all(workspaceIds.map((workspaceId) => getMember(workspaceId, caller.userId)));
  const visible = new Set(workspaceIds.filter((_, index) => memberships[index] !== undefined));
  return { items: page.items.filter((request) => visible.has(request.workspaceId)), nextToken: page.nextToken };
};

export const getRequest: Operation = async ({ caller }, { params }) => {
  await authorizeWorkspace(caller, params.workspaceId, "request.read");
  return requireRequest(params.workspaceId, params.requestId);
};

export const createRequest: Operation = async ({ caller, requestId, log }, { params, body }) => {
  const access = await authorizeWorkspace(caller, params.workspaceId, "request.create");
  const assignee = await resolveAssignee(params.workspaceId, body.assignee);
  const request = newRequestRecord(
    params.workspaceId,
    {
      title: body.title,
      description: body.description,
      category: body.category,
      assignee,
      dueDate: body.dueDate,
      sensitivity: body.sensitivity ?? "confidential",
    },
    access.actor,
    new Date().toISOString(),
  );
  await transactWrite(
    [workspaceExists(params.workspaceId), putNewRequest(request), createdEvent(request, access.actor, requestId, "api")],
    { default: "The workspace changed meanwhile; retry" },
  );
  log.info("request created", { documentRequestId: request.requestId });
  return request;
};

/** Imports a request list: every row is checked first, then all are written in one transaction. */
export const importRequests: Operation = async ({ caller, requestId, log }, { params, body }) => {
  const access = await authorizeWorkspace(caller, params.workspaceId, "request.create");
  const members = await membersByEmail(params.workspaceId);
  const parsed = parseRequestCsv(body, (email) => members.has(email));
  const errors = parsed.errors;
  if (errors.length > 0) {
    const summary = errors.map((error) => `row ${error.row} ${error.field}: ${error.message}`).join("; ");
    throw new ValidationError(`CSV not imported, nothing was created. Fix ${errors.length === 1 ? "this row" : "these rows"}: ${summary}`, "body", errors);
  }

  const now = new Date().toISOString();
  const requests = parsed.rows.map((row) =>
    newRequestRecord(
      params.workspaceId,
      {
        title: row.title,
        description: row.description,
        category: row.category,
        assignee: row.assigneeEmail ? members.get(row.assigneeEmail) : undefined,
        dueDate: row.dueDate,
        sensitivity: row.sensitivity,
      },
      access.actor,
      now,
    ),
  );
  await transactWrite(
    requests.flatMap((request) => [putNewRequest(request), createdEvent(request, access.actor, requestId, "import")]),
    { default: "The import collided with another change; retry" },
  );
  log.info("requests imported", { count: requests.length });
  return { created: requests.length, items: requests, warnings: parsed.warnings };
};

const ACTION_EVENTS: Record<RequestAction, AuditAction> = {
  submit: "request.submitted",
  accept: "request.accepted",
  return: "request.returned",
  cancel: "request.cancelled",
};

/**
 * Moves a request through the state machine and appends its audit event in
 * the same transaction. The write is conditional on the version read here,
 * so of several concurrent transitions exactly one succeeds.
 */
async function transition(
  context: { actor: UserRefDto; requestId: string },
  current: RequestRecord,
  action: RequestAction,
  expectedVersion: number | undefined,
  changes: Partial<RequestRecord>,
): Promise<RequestRecord> {
  if (expectedVersion !== undefined && expectedVersion !== current.version) {
    throw new ConflictError(`The request changed since you loaded it (version ${expectedVersion}, now ${current.version}); reload and try again`);
  }
  const status = nextStatus(current.status, action);
  const now = new Date().toISOString();
  const next: RequestRecord = { ...current, ...changes, status, updatedAt: now, version: current.version + 1 };
  await transactWrite(
    [
      replaceRequest(current, next),
      auditEventPut({
        workspaceId: current.workspaceId,
        action: ACTION_EVENTS[action],
        actor: context.actor,
        target: { type: "request", id: current.requestId, label: current.title },
        requestId: context.requestId,
        details: { from: current.status, to: status, ...(changes.returnReason ? { reason: changes.returnReason } : {}) },
        at: now,
      }),
    ],
    { default: "The request changed while you were working on it; reload and try again" },
  );
  return next;
}

export const submitRequest: Operation = async ({ caller, requestId, log }, { params, body }) => {
  const access = await authorizeWorkspace(caller, params.workspaceId, "request.submit");
  const current = await requireRequest(params.workspaceId, params.requestId);
  if (current.availableFileCount < 1 && (current.status === "open" || current.status === "returned")) {
    throw new ConflictError("Upload at least one file, and wait until it is available, before submitting");
  }
  // A returned request was sent back for something missing or wrong, so
  // resubmitting the same files would only send it round again.
  if (current.status === "returned" && (current.filesSinceReturn ?? 0) < 1) {
    throw new ConflictError("Upload at least one new file that addresses the return reason before submitting again");
  }
  const next = await transition({ actor: access.actor, requestId }, current, "submit", body?.version, {
    submittedAt: new Date().toISOString(),
  });
  log.info("request submitted", { documentRequestId: next.requestId });
  return next;
};

export const reviewRequest: Operation = async ({ caller, requestId, log }, { params, body }) => {
  const access = await authorizeWorkspace(caller, params.workspaceId, "request.review");
  const current = await requireRequest(params.workspaceId, params.requestId);
  const action: RequestAction = body.decision === "accept" ? "accept" : "return";
  const reviewedAt = new Date().toISOString();
  const next = await transition({ actor: access.actor, requestId }, current, action, body.version, {
    reviewedAt,
    reviewedBy: access.actor,
    returnReason: action === "return" ? body.reason : undefined,
    ...(action === "return" ? { filesSinceReturn: 0 } : {}),
  });
  log.info("request reviewed", { documentRequestId: next.requestId, decision: body.decision });
  return next;
};

export const cancelRequest: Operation = async ({ caller, requestId, log }, { params, body }) => {
  const access = await authorizeWorkspace(caller, params.workspaceId, "request.cancel");
  const current = await requireRequest(params.workspaceId, params.requestId);
  const next = await transition({ actor: access.actor, requestId }, current, "cancel", body?.version, {});
  log.info("request cancelled", { documentRequestId: next.requestId });
  return next;
};
