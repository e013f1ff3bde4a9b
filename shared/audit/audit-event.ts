import { newId } from "../ids";
import { keys } from "../store/keys";
import { tableName } from "../store/table";
import type { TransactItem } from "../store/transact";
import type { AuditEventDto, UserRefDto } from "../api/schemas";

/** Audit action names; the API documents these as stable. */
export type AuditAction =
  | "workspace.created"
  | "member.added"
  | "member.removed"
  | "user.invited"
  | "request.created"
  | "request.updated"
  | "request.submitted"
  | "request.accepted"
  | "request.returned"
  | "request.cancelled"
  | "upload.started"
  | "file.uploaded"
  | "file.available"
  | "file.rejected"
  | "file.downloaded";

export interface AuditEventInput {
  workspaceId: string;
  action: AuditAction;
  actor: UserRefDto;
  /** The changed item. `label` is its readable name (title, file name, e-mail) at the time. */
  target: { type: "workspace" | "member" | "request" | "file" | "upload"; id: string; label?: string };
  /** Id of the API request or storage event that caused the change. */
  requestId: string;
  details?: Record<string, unknown>;
  at?: string;
}

/** Actor recorded for changes made by the service itself, such as file checks. */
export const SYSTEM_ACTOR: UserRefDto = { userId: "system", email: "system@hubsecure" };

export function buildAuditEvent(input: AuditEventInput): AuditEventDto {
  return {
    eventId: newId(),
    workspaceId: input.workspaceId,
    at: input.at ?? new Date().toISOString(),
    action: input.action,
    actor: input.actor,
    target: input.target,
    requestId: input.requestId,
    ...(input.details ? { details: input.details } : {}),
  };
}

/**
 * Returns the transaction item that appends one audit event. Events are
 * insert-only: the condition makes a rewrite of an existing event fail.
 */
export function auditEventPut(input: AuditEventInput): TransactItem {
  const event = buildAuditEvent(input);
  return {
    Put: {
      TableName: tableName(),
      Item: { ...keys.audit(event.workspaceId, event.at, event.eventId), entity: "AuditEvent", ...event },
      ConditionExpression: "attribute_not_exists(PK)",
    },
  };
}
