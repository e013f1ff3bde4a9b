import { useState, type FormEvent } from "react";
import { useApi } from "../../app-context";
import { listAll, type CreateRequestInput, type DocumentRequestDto } from "../../api/hubsecure-api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useResource } from "../../use-resource";

type Sensitivity = NonNullable<CreateRequestInput["sensitivity"]>;

interface CreateRequestFormProps {
  workspaceId: string;
  onCreated: (request: DocumentRequestDto) => void;
}

export function CreateRequestForm({ workspaceId, onCreated }: CreateRequestFormProps) {
  const api = useApi();
  const members = useResource(() => listAll((token) => api.listMembers(workspaceId, token)), [workspaceId]);
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const [category, setCategory] = useState("");
  const [assignee, setAssignee] = useState("");
  const [dueDate, setDueDate] = useState("");
  const [sensitivity, setSensitivity] = useState<Sensitivity>("confidential");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    const body: CreateRequestInput = { title: title.trim(), sensitivity };
    if (description.trim()) body.description = description.trim();
    if (category.trim()) body.category = category.trim();
    if (assignee) body.assignee = assignee;
    if (dueDate) body.dueDate = dueDate;
    try {
      const created = await api.createRequest(workspaceId, body);
      setTitle("");
      setDescription("");
      setCategory("");
      setAssignee("");
      setDueDate("");
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
        <div className="field">
          <label htmlFor="request-title">Title</label>
          <input id="request-title" required maxLength={300} value={title} onChange={(event) => setTitle(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="request-description">Description (optional)</label>
          <textarea
            id="request-description"
            rows={3}
            maxLength={4000}
            value={description}
            onChange={(event) => setDescription(event.target.value)}
          />
        </div>
        <div className="field-row">
          <div className="field">
            <label htmlFor="request-category">Category (optional)</label>
            <input id="request-category" maxLength={100} value={category} onChange={(event) => setCategory(event.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="request-due-date">Due date (optional)</label>
            <input id="request-due-date" type="date" value={dueDate} onChange={(event) => setDueDate(event.target.value)} />
          </div>
        </div>
        <div className="field-row">
          <div className="field">
            <label htmlFor="request-assignee">Assignee</label>
            <select id="request-assignee" value={assignee} onChange={(event) => setAssignee(event.target.value)}>
              <option value="">Unassigned</option>
              {(members.data ?? []).map((member) => (
                <option key={member.userId} value={member.email}>
                  {member.email} ({member.role})
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="request-sensitivity">Sensitivity</label>
            <select
              id="request-sensitivity"
              value={sensitivity}
              onChange={(event) => setSensitivity(event.target.value as Sensitivity)}
            >
              <option value="internal">Internal</option>
              <option value="confidential">Confidential</option>
              <option value="restricted">Restricted</option>
            </select>
          </div>
        </div>
        <ErrorAlert error={error ?? members.error} />
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? "Creating…" : "Create request"}
        </button>
      </form>
    </section>
  );
}
