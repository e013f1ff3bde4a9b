import { useState } from "react";
import { useApi } from "../app-context";
import type { StoredFileDto } from "../api/hubsecure-api";
import { ErrorAlert } from "./ErrorAlert";

/**
 * Fetches a short-lived download URL, then navigates to it; the storage
 * responds with `Content-Disposition: attachment`, so the page stays open.
 */
export function DownloadButton({ file }: { file: StoredFileDto }) {
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);

  if (file.status !== "available") return null;

  const download = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const { url } = await api.getFileDownload(file.workspaceId, file.fileId);
      window.location.assign(url);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <button
        type="button"
        className="button button-secondary button-small"
        onClick={download}
        disabled={busy}
        aria-label={`Download ${file.fileName}`}
        data-testid="download-file"
      >
        {busy ? "Preparing…" : "Download"}
      </button>
      <ErrorAlert error={error} />
    </>
  );
}
