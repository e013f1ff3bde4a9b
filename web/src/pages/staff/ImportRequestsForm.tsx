import { useRef, useState, type FormEvent } from "react";
import { useApi } from "../../app-context";
import { ErrorAlert } from "../../components/ErrorAlert";

const CSV_HEADER = "title,description,category,assignee,due_date,sensitivity";

interface ImportRequestsFormProps {
  workspaceId: string;
  onImported: (count: number) => void;
}

/** Uploads a CSV request list; the API creates every row or none and names each bad row. */
export function ImportRequestsForm({ workspaceId, onImported }: ImportRequestsFormProps) {
  const api = useApi();
  const inputRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) {
      setError(new Error("Choose a CSV file to import."));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const result = await api.importRequests(workspaceId, await file.text());
      setFile(undefined);
      if (inputRef.current) inputRef.current.value = "";
      onImported(result.created);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="import-requests-heading">
      <h2 id="import-requests-heading">Import a request list</h2>
      <p className="card-intro">
        A CSV file with the header{" "}
        <code>
          {CSV_HEADER.split(",").map((column, index) => (
            <span key={column}>
              {index > 0 ? <>,<wbr /></> : null}
              {column}
            </span>
          ))}
        </code>
        . Dates are YYYY-MM-DD and each assignee must be a member of
        this workspace. If any row is invalid, nothing is imported.
      </p>
      <form className="form" onSubmit={submit} data-testid="import-requests-form">
        <div className="field">
          <label htmlFor="import-csv">CSV file</label>
          <input
            id="import-csv"
            ref={inputRef}
            type="file"
            accept=".csv,text/csv"
            onChange={(event) => {
              setFile(event.target.files?.[0]);
              setError(undefined);
            }}
          />
        </div>
        <ErrorAlert error={error} title={error ? "Import rejected" : undefined} />
        <button type="submit" className="button button-primary" disabled={busy || !file}>
          {busy ? "Importing…" : "Import requests"}
        </button>
      </form>
    </section>
  );
}
