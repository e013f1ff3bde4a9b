import { useState } from "react";
import { useApi } from "../../app-context";
import type { DocumentRequestDto } from "../../api/hubsecure-api";
import { ErrorAlert } from "../../components/ErrorAlert";

interface SubmitPanelProps {
  request: DocumentRequestDto;
  availableFiles: number;
  onSubmitted: (request: DocumentRequestDto) => void;
}

/** Hands the request to the firm for review, once at least one file is verified. */
export function SubmitPanel({ request, availableFiles, onSubmitted }: SubmitPanelProps) {
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const ready = availableFiles > 0;

  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      onSubmitted(await api.submitRequest(request.workspaceId, request.requestId));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="submit-heading">
      <h2 id="submit-heading">Submit for review</h2>
      <p className="card-intro" id="submit-hint">
        {ready
          ? `${availableFiles} verified ${availableFiles === 1 ? "file" : "files"} ready. Submit when you have uploaded everything requested.`
          : "Upload at least one file. You can submit once a file has been verified."}
      </p>
      <ErrorAlert error={error} />
      <button
        type="button"
        className="button button-primary"
        disabled={!ready || busy}
        aria-describedby="submit-hint"
        onClick={() => void submit()}
        data-testid="submit-request"
      >
        {busy ? "Submitting…" : "Submit for review"}
      </button>
    </section>
  );
}
