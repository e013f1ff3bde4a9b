import { useState } from "react";
import { useApi } from "../../app-context";
import type { DocumentRequestDto } from "../../api/hubsecure-api";
import { ErrorAlert } from "../../components/ErrorAlert";

interface SubmitPanelProps {
  request: DocumentRequestDto;
  availableFiles: number;
  onSubmitted: (request: DocumentRequestDto) => void;
}

function submitHint(ready: boolean, returned: boolean, files: number): string {
  const counted = `${files} ${returned ? "new " : ""}verified ${files === 1 ? "file" : "files"} ready.`;
  if (ready) return `${counted} Submit when you have uploaded everything requested.`;
  if (returned) return "Upload at least one new file that answers your firm's note. You can submit once it has been verified.";
  return "Upload at least one file. You can submit once a file has been verified.";
}

/**
 * Hands the request to the firm for review, once at least one file is
 * verified, or after a return, once a new one is.
 */
export function SubmitPanel({ request, availableFiles, onSubmitted }: SubmitPanelProps) {
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  // After a return, the firm expects a new file that addresses its reason.
  const returned = request.status === "returned";
  const newFiles = request.filesSinceReturn ?? 0;
  const ready = returned ? newFiles > 0 : availableFiles > 0;

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
        {submitHint(ready, returned, returned ? newFiles : availableFiles)}
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
