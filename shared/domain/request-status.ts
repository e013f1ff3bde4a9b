import { ConflictError } from "../errors";

export type RequestStatus = "open" | "submitted" | "accepted" | "returned" | "cancelled";
export type RequestAction = "submit" | "accept" | "return" | "cancel";

/**
 * The document request state machine. A client submits an open or returned
 * request; staff accept or return a submitted one; staff may cancel any
 * request that is not yet accepted. Accepted and cancelled are final.
 */
const TRANSITIONS: Record<RequestAction, { from: readonly RequestStatus[]; to: RequestStatus }> = {
  submit: { from: ["open", "returned"], to: "submitted" },
  accept: { from: ["submitted"], to: "accepted" },
  return: { from: ["submitted"], to: "returned" },
  cancel: { from: ["open", "submitted", "returned"], to: "cancelled" },
};

export function allowedFrom(action: RequestAction): readonly RequestStatus[] {
  return TRANSITIONS[action].from;
}

/** Returns the status after `action`, or raises a 409 naming both states. */
export function nextStatus(current: RequestStatus, action: RequestAction): RequestStatus {
  const transition = TRANSITIONS[action];
  if (!transition.from.includes(current)) {
    throw new ConflictError(
      `Cannot ${action} a request that is ${current}; allowed only when it is ${transition.from.join(" or ")}`,
    );
  }
  return transition.to;
}

/** Statuses in which the request waits on the client. */
export const WAITING_ON_CLIENT: readonly RequestStatus[] = ["open", "returned"];

/** Statuses in which staff may still change a request's fields. */
export const EDITABLE: readonly RequestStatus[] = ["open", "submitted", "returned"];

/** Statuses in which files may be added to the request. */
export const ACCEPTS_UPLOADS: readonly RequestStatus[] = ["open", "returned"];

/**
 * Statuses in which a file that finishes processing still joins its
 * request: an upload started while the request was open may arrive after
 * the client submitted, but not after staff accepted or cancelled it.
 */
export const ACCEPTS_LATE_FILES: readonly RequestStatus[] = ["open", "returned", "submitted"];
