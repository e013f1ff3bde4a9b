import { useState, type FormEvent } from "react";
import { isStaffUser, useApi, useMe } from "../../app-context";
import { listAll, type MeDto, type WorkspaceDto } from "../../api/hubsecure-api";
import { ErrorAlert, SuccessNotice } from "../../components/ErrorAlert";
import { EmptyState, Loading, PageHeading } from "../../components/PageHeading";
import { formatDateTime } from "../../files/format";
import { hrefFor } from "../../routing";
import { useResource } from "../../use-resource";

function CreateWorkspaceForm({ onCreated }: { onCreated: (workspace: WorkspaceDto) => void }) {
  const api = useApi();
  const [name, setName] = useState("");
  const [clientName, setClientName] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const workspace = await api.createWorkspace({ name: name.trim(), clientName: clientName.trim() });
      setName("");
      setClientName("");
      onCreated(workspace);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="create-workspace-heading">
      <h2 id="create-workspace-heading">New workspace</h2>
      <p className="card-intro">One workspace per client engagement, such as a year-end or a tax return.</p>
      <form className="form" onSubmit={submit} data-testid="create-workspace-form">
        <div className="field">
          <label htmlFor="workspace-name">Workspace name</label>
          <input id="workspace-name" required maxLength={200} value={name} onChange={(event) => setName(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="workspace-client">Client name</label>
          <input
            id="workspace-client"
            required
            maxLength={200}
            value={clientName}
            onChange={(event) => setClientName(event.target.value)}
          />
        </div>
        <ErrorAlert error={error} />
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? "Creating…" : "Create workspace"}
        </button>
      </form>
    </section>
  );
}

/** Describes whose workspaces the list shows, because administrators see every workspace of the firm. */
function listSubtitle(me: MeDto): string {
  if (me.isAdmin) return "Every client engagement of the firm.";
  return isStaffUser(me) ? "Client engagements you are a member of." : "Engagements your firm shares with you.";
}

export function WorkspaceListPage() {
  const api = useApi();
  const me = useMe();
  const isStaff = isStaffUser(me);
  const workspaces = useResource(() => listAll((token) => api.listWorkspaces(token)), []);
  const [notice, setNotice] = useState<string | undefined>(undefined);

  return (
    <div className="page">
      <PageHeading subtitle={listSubtitle(me)}>
        Workspaces
      </PageHeading>
      <SuccessNotice message={notice} />
      <div className={isStaff ? "layout-split" : undefined}>
        <section className="card" aria-labelledby="workspace-list-heading">
          <h2 id="workspace-list-heading">{me.isAdmin ? "All workspaces" : "Your workspaces"}</h2>
          <ErrorAlert error={workspaces.error} />
          {workspaces.loading && !workspaces.data ? <Loading /> : null}
          {workspaces.data && workspaces.data.length === 0 ? (
            <EmptyState>{isStaff ? "No workspaces yet. Create the first one." : "You have no workspaces yet."}</EmptyState>
          ) : null}
          {workspaces.data && workspaces.data.length > 0 ? (
            <ul className="workspace-list" data-testid="workspace-list">
              {workspaces.data.map((workspace) => (
                <li key={workspace.workspaceId} data-testid="workspace-item" data-workspace-id={workspace.workspaceId}>
                  <a
                    className="workspace-link"
                    href={hrefFor({ page: "workspace", workspaceId: workspace.workspaceId, tab: "requests" })}
                  >
                    <span className="workspace-name">{workspace.name}</span>
                    <span className="workspace-meta">
                      {workspace.clientName} · created {formatDateTime(workspace.createdAt)}
                    </span>
                  </a>
                </li>
              ))}
            </ul>
          ) : null}
        </section>
        {isStaff ? (
          <CreateWorkspaceForm
            onCreated={(workspace) => {
              setNotice(`Workspace "${workspace.name}" created.`);
              void workspaces.reload();
            }}
          />
        ) : null}
      </div>
    </div>
  );
}
