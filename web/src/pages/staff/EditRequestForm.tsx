import { useState, type FormEvent } from "react";
import { useApi } from "../../app-context";
import { listAll, type DocumentRequestDto, type UpdateRequestInput } from "../../api/hubsecure-api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useResource } from "../../use-resource";
import { RequestFields, type RequestFieldValues } from "./RequestFields";

interface EditRequestFormProps {
  request: DocumentRequestDto;
  onSaved: (request: DocumentRequestDto) => void;
  onCancel: () => void;
}

/**
 * Builds the PATCH body from the fields that differ from the stored request.
 * An emptied optional field is sent as null, which clears it.
 */
export function changedFields(request: DocumentRequestDto, form: RequestFieldValues): UpdateRequestInput {
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

function valuesOf(request: DocumentRequestDto): RequestFieldValues {
  return {
    title: request.title,
    description: request.description ?? "",
    category: request.category ?? "",
    assignee: request.assignee?.email ?? "",
    dueDate: request.dueDate ?? "",
    sensitivity: request.sensitivity,
  };
}

/** Lets staff change a request's fields, for example to reassign it after a member leaves. */
export function EditRequestForm({ request, onSaved, onCancel }: EditRequestFormProps) {
  const api = useApi();
  const members = useResource(() => listAll((token) => api.listMembers(request.workspaceId, token)), [request.workspaceId]);
  const [values, setValues] = useState<RequestFieldValues>(() => valuesOf(request));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);

  const assigneeIsMember = (members.data ?? []).some((member) => member.email === request.assignee?.email);
  const formerAssignee = request.assignee && members.data && !assigneeIsMember ? request.assignee.email : undefined;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = changedFields(request, values);
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
        <RequestFields
          idPrefix="edit"
          values={values}
          onChange={setValues}
          members={members.data ?? []}
          formerAssignee={formerAssignee}
        />
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
