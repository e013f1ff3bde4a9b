import { useState } from "react";
import { useApi } from "../../app-context";
import type { AuditEventDto, WorkspaceDto } from "../../api/hubsecure-api";
import { EmailAddress } from "../../components/EmailAddress";
import { ErrorAlert } from "../../components/ErrorAlert";
import { EmptyState, Loading } from "../../components/PageHeading";
import { formatDateTime } from "../../files/format";
import { useResource } from "../../use-resource";

const ACTION_LABELS: Record<string, string> = {
  "workspace.created": "Workspace created",
  "member.added": "Member added",
  "member.removed": "Member removed",
  "user.invited": "User invited",
  "request.created": "Request created",
  "request.updated": "Request changed",
  "request.submitted": "Request submitted",
  "request.accepted": "Request accepted",
  "request.returned": "Request returned",
  "request.cancelled": "Request cancelled",
  "upload.started": "Upload started",
  "file.uploaded": "File uploaded",
  "file.available": "File available",
  "file.rejected": "File rejected",
  "file.downloaded": "File downloaded",
};

const TARGET_TYPE_LABELS: Record<string, string> = {
  workspace: "Workspace",
  member: "Member",
  request: "Request",
  file: "File",
  upload: "Upload",
};

/** Target's name as recorded with the event (request title, file name or e-mail), then its type and id. */
function AuditTarget({ target }: { target: AuditEventDto["target"] }) {
  const type = TARGET_TYPE_LABELS[target.type] ?? target.type;
  if (!target.label) {
    return (
      <>
        {type} <code>{target.id}</code>
      </>
    );
  }
  return (
    <>
      <span className="audit-target-label">
        {target.type === "member" ? <EmailAddress email={target.label} /> : target.label}
      </span>
      <span className="cell-muted">
        {type} <code>{target.id}</code>
      </span>
    </>
  );
}

function AuditRow({ event }: { event: AuditEventDto }) {
  return (
    <tr data-testid="audit-row" data-action={event.action}>
      <td className="cell-nowrap">
        <time dateTime={event.at}>{formatDateTime(event.at, { seconds: true })}</time>
      </td>
      <td className="cell-wrap">
        <EmailAddress email={event.actor.email} />
      </td>
      <td>
        <span className="cell-strong">{ACTION_LABELS[event.action] ?? event.action}</span>
        <code className="cell-muted">{event.action}</code>
        {typeof event.details?.reason === "string" ? (
          <span className="cell-muted audit-reason">Reason: {event.details.reason}</span>
        ) : null}
        {event.details?.changes && typeof event.details.changes === "object" ? (
          <span className="cell-muted audit-reason">Changed: {Object.keys(event.details.changes).join(", ")}</span>
        ) : null}
      </td>
      <td className="col-target">
        <AuditTarget target={event.target} />
      </td>
    </tr>
  );
}

/** Renders the workspace's audit history, newest first, one page at a time. */
export function AuditTab({ workspace }: { workspace: WorkspaceDto }) {
  const api = useApi();
  const firstPage = useResource(() => api.listAuditEvents(workspace.workspaceId), [workspace.workspaceId]);
  const [morePages, setMorePages] = useState<{ events: AuditEventDto[]; nextToken?: string } | undefined>(undefined);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<unknown>(undefined);

  const events = [...(firstPage.data?.items ?? []), ...(morePages?.events ?? [])];
  const nextToken = morePages ? morePages.nextToken : firstPage.data?.nextToken;

  const loadMore = async () => {
    if (!nextToken) return;
    setLoadingMore(true);
    setMoreError(undefined);
    try {
      const page = await api.listAuditEvents(workspace.workspaceId, nextToken);
      setMorePages({ events: [...(morePages?.events ?? []), ...page.items], nextToken: page.nextToken });
    } catch (caught) {
      setMoreError(caught);
    } finally {
      setLoadingMore(false);
    }
  };

  const refresh = () => {
    setMorePages(undefined);
    void firstPage.reload();
  };

  return (
    <section className="card" aria-labelledby="audit-heading">
      <div className="card-header">
        <h2 id="audit-heading">Audit history</h2>
        <button type="button" className="button button-secondary button-small" onClick={refresh} disabled={firstPage.loading}>
          Refresh
        </button>
      </div>
      <ErrorAlert error={firstPage.error} />
      {firstPage.loading && !firstPage.data ? <Loading /> : null}
      {firstPage.data && events.length === 0 ? <EmptyState>No events yet.</EmptyState> : null}
      {events.length > 0 ? (
        <div className="table-wrap">
          <table className="table" data-testid="audit-table">
            <caption className="visually-hidden">Audit history of {workspace.name}, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">Action</th>
                <th scope="col" className="col-target">
                  Target
                </th>
              </tr>
            </thead>
            <tbody>
              {events.map((event) => (
                <AuditRow key={event.eventId} event={event} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <ErrorAlert error={moreError} />
      {nextToken ? (
        <div className="button-row">
          <button type="button" className="button button-secondary" onClick={() => void loadMore()} disabled={loadingMore}>
            {loadingMore ? "Loading…" : "Load more"}
          </button>
        </div>
      ) : null}
    </section>
  );
}
