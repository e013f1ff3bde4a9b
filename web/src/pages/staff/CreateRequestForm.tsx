import { useState, type FormEvent } from "react";
import { useApi } from "../../app-context";
import { listAll, type CreateRequestInput, type DocumentRequestDto } from "../../api/hubsecure-api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useResource } from "../../use-resource";
import { RequestFields, type RequestFieldValues } from "./RequestFields";

interface CreateRequestFormProps {
  workspaceId: string;
  onCreated: (request: DocumentRequestDto) => void;
}

const EMPTY: RequestFieldValues = { title: "", description: "", category: "", assignee: "", dueDate: "", sensitivity: "confidential" };

export function CreateRequestForm({ workspaceId, onCreated }: CreateRequestFormProps) {
  const api = useApi();
  const members = useResource(() => listAll((token) => api.listMembers(workspaceId, token)), [workspaceId]);
  const [values, setValues] = useState<RequestFieldValues>(EMPTY);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    const body: CreateRequestInput = { title: values.title.trim(), sensitivity: values.sensitivity };
    if (values.description.trim()) body.description = values.description.trim();
    if (values.category.trim()) body.category = values.category.trim();
    if (values.assignee) body.assignee = values.assignee;
    if (values.dueDate) body.dueDate = values.dueDate;
    try {
      const created = await api.createRequest(workspaceId, body);
      setValues({ ...EMPTY, sensitivity: values.sensitivity });
      onCreated(created);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="create-request-heading">
      <h2 id="create-request-heading">New request</h2>
      <form className="form" onSubmit={submit} data-testid="create-request-form">
        <RequestFields idPrefix="request" values={values} onChange={setValues} members={members.data ?? []} markOptional />
        <ErrorAlert error={error ?? members.error} />
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? "Creating…" : "Create request"}
        </button>
      </form>
    </section>
  );
}
