import { useState, type FormEvent } from "react";
import { useApi } from "../app-context";
import type { DocumentRequestDto } from "../api/hubsecure-api";
import { ErrorAlert } from "./ErrorAlert";

interface ReviewActionsProps {
  request: DocumentRequestDto;
  onReviewed: (request: DocumentRequestDto) => void;
}

/**
 * Accept, or return with a reason. The request's version goes along, so a
 * decision made on a stale view fails with a conflict instead of overwriting.
 */
export function ReviewActions({ request, onReviewed }: ReviewActionsProps) {
  const api = useApi();
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const reasonId = `return-reason-${request.requestId}`;

  const review = async (decision: "accept" | "return") => {
    if (decision === "return" && reason.trim() === "") {
      setError(new Error("Enter a reason so the client knows what to fix."));
      document.getElementById(reasonId)?.focus();
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const reviewed = await api.reviewRequest(request.workspaceId, request.requestId, {
        decision,
        version: request.version,
        ...(decision === "return" ? { reason: reason.trim() } : {}),
      });
      setReason("");
      onReviewed(reviewed);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  const submitReturn = (event: FormEvent) => {
    event.preventDefault();
    void review("return");
  };

  return (
    <div className="review-actions" data-testid="review-actions">
      <div className="review-accept">
        <button
          type="button"
          className="button button-success"
          disabled={busy}
          onClick={() => void review("accept")}
          aria-label={`Accept ${request.title}`}
          data-testid="accept-request"
        >
          Accept
        </button>
      </div>
      <form className="form review-return" onSubmit={submitReturn}>
        <div className="field">
          <label htmlFor={reasonId}>Reason for returning</label>
          <textarea
            id={reasonId}
            rows={2}
            maxLength={2000}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            aria-describedby={`${reasonId}-hint`}
            data-testid="return-reason-input"
          />
          <p id={`${reasonId}-hint`} className="field-hint">
            Required to return. The client sees this text.
          </p>
        </div>
        <button
          type="submit"
          className="button button-warning"
          disabled={busy}
          aria-label={`Return ${request.title} to the client`}
          data-testid="return-request"
        >
          Return to client
        </button>
      </form>
      <ErrorAlert error={error} />
    </div>
  );
}
