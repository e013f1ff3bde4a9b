import { describe, expect, it } from "vitest";
import { nextStatus, type RequestAction, type RequestStatus } from "../../shared/domain/request-status";
import { ConflictError } from "../../shared/errors";

const STATUSES: RequestStatus[] = ["open", "submitted", "accepted", "returned", "cancelled"];
const ACTIONS: RequestAction[] = ["submit", "accept", "return", "cancel"];

/** Every valid transition; any pair not listed must be rejected. */
const VALID: Record<string, RequestStatus> = {
  "open submit": "submitted",
  "returned submit": "submitted",
  "submitted accept": "accepted",
  "submitted return": "returned",
  "open cancel": "cancelled",
  "submitted cancel": "cancelled",
  "returned cancel": "cancelled",
};

describe("request state machine", () => {
  for (const from of STATUSES) {
    for (const action of ACTIONS) {
      const expected = VALID[`${from} ${action}`];
      if (expected) {
        it(`${action} from ${from} gives ${expected}`, () => {
          expect(nextStatus(from, action)).toBe(expected);
        });
      } else {
        it(`${action} from ${from} is a conflict`, () => {
          expect(() => nextStatus(from, action)).toThrow(ConflictError);
        });
      }
    }
  }

  it("conflict message names both states", () => {
    expect(() => nextStatus("accepted", "return")).toThrow(/Cannot return a request that is accepted; allowed only when it is submitted/);
  });
});
