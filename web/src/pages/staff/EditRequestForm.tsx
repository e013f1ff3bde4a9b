import { useState, type FormEvent } from "react";
import { useApi } from "../../app-context";
import { listAll, type DocumentRequestDto, type UpdateRequestInput } from "../../api/hubsecure-api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useResource } from "../../use-resource";

type Sensitivity = DocumentRequestDto["sensitivity"];

interface EditRequestFormProps {
  request: DocumentRequestDto;
  onSaved: (request: DocumentRequestDto) => void;
  onCancel: () => void;
}

/**
 * Builds the PATCH body from the fields that differ from the stored request.
 * An emptied optional field is sent as null, which clears it.
 */
export function changedFields(
  request: DocumentRequestDto,
  form: { title: string; description: string; category: string; assignee: string; dueDate: string; sensitivity: Sensitivity },
): UpdateRequestInput {
  const body: UpdateRequestInput = { version: request.version };
  const optional = (value: string) => (value.trim() === "" ? null : value.trim());
  if (form.title.trim() !== request.title) body.title = form.title.trim();
  if (optional(form.description) !== (request.description ?? null)) body.description = optional(form.description);
  if (optional(form.category) !== (request.category ?? null)) body.category = optional(form.category);
  if ((form.assignee || null) !== (request.assignee?.email ?? null)) body.assignee = form.assignee || null;
  if ((form.dueDate || null) !== (request.dueDate ?? null)) body.dueDate = form.dueDate || null;
  if (form.sensitivity !== request.sensitivity) body.sensitivity = form.sensitivity;
  return body;
}

/** Lets staff change a request's fields, for example to reassign it after a member leaves. */
export function EditRequestForm({ request, onSaved, onCancel }: EditRequestFormProps) {
  const api = useApi();
  const members = useResource(() => listAll((token) => api.listMembers(request.workspaceId, token)), [request.workspaceId]);
  const [title, setTitle] = useState(request.title);
  const [description, setDescription] = useState(request.description ?? "");
  const [category, setCategory] = useState(request.category ?? "");
  const [assignee, setAssignee] = useState(request.assignee?.email ?? "");
  const [dueDate, setDueDate] = useState(request.dueDate ?? "");
  const [sensitivity, setSensitivity] = useState<Sensitivity>(request.sensitivity);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);

  const assigneeIsMember = (members.data ?? []).some((member) => member.email === request.assignee?.email);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = changedFields(request, { title, description, category, assignee, dueDate, sensitivity });
    if (Object.keys(body).length === 1) {
      onCancel();
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      onSaved(await api.updateRequest(request.workspaceId, request.requestId, body));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="edit-request-heading">
      <h2 id="edit-request-heading">Edit request</h2>
      <form className="form" onSubmit={submit} data-testid="edit-request-form">
        <div className="field">
          <label htmlFor="edit-title">Title</label>
          <input id="edit-title" required maxLength={300} value={title} onChange={(event) => setTitle(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="edit-description">Description</label>
          <textarea
            id="edit-description"
            rows={3}
            maxLength={4000}
            value={description}
            onChange={(event) => setDescription(event.target.value)}
          />
        </div>
        <div className="field-row">
          <div className="field">
            <label htmlFor="edit-category">Category</label>
            <input id="edit-category" maxLength={100} value={category} onChange={(event) => setCategory(event.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="edit-due-date">Due date</label>
            <input id="edit-due-date" type="date" value={dueDate} onChange={(event) => setDueDate(event.target.value)} />
          </div>
        </div>
        <div className="field-row">
          <div className="field">
            <label htmlFor="edit-assignee">Assignee</label>
            <select id="edit-assignee" value={assignee} onChange={(event) => setAssignee(event.target.value)}>
              <option value="">Unassigned</option>
              {request.assignee && members.data && !assigneeIsMember ? (
                <option value={request.assignee.email}>{request.assignee.email} (no longer a member)</option>
              ) : null}
              {(members.data ?? []).map((member) => (
                <option key={member.userId} value={member.email}>
                  {member.email} ({member.role})
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="edit-sensitivity">Sensitivity</label>
            <select id="edit-sensitivity" value={sensitivity} onChange={(event) => setSensitivity(event.target.value as Sensitivity)}>
              <option value="internal">Internal</option>
              <option value="confidential">Confidential</option>
              <option value="restricted">Restricted</option>
            </select>
          </div>
        </div>
        <ErrorAlert error={error ?? members.error} />
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? "Saving…" : "Save changes"}
          </button>
          <button type="button" className="button button-secondary" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  );
}
