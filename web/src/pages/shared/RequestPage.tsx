import { useState } from "react";
import { isStaffUser, useApi, useMe } from "../../app-context";
import { listAll, type DocumentRequestDto } from "../../api/hubsecure-api";
import { EmailAddress } from "../../components/EmailAddress";
import { ErrorAlert, SuccessNotice } from "../../components/ErrorAlert";
import { FileTable } from "../../components/FileTable";
import { Loading, PageHeading } from "../../components/PageHeading";
import { ReviewActions } from "../../components/ReviewActions";
import { RequestStatusBadge } from "../../components/StatusBadge";
import { formatDateTime, formatDueDate } from "../../files/format";
import { hrefFor } from "../../routing";
import { useResource } from "../../use-resource";
import { SubmitPanel } from "../client/SubmitPanel";
import { EditRequestForm } from "../staff/EditRequestForm";
import { UploadArea } from "../client/UploadArea";

const CLIENT_ACTIONABLE: readonly string[] = ["open", "returned"];

/** Statuses in which staff may still change a request's fields, as the API allows. */
const STAFF_EDITABLE: readonly string[] = ["open", "submitted", "returned"];

function RequestFacts({ request }: { request: DocumentRequestDto }) {
  return (
    <dl className="facts" data-testid="request-facts">
      <div>
        <dt>Status</dt>
        <dd>
          <RequestStatusBadge status={request.status} />
        </dd>
      </div>
      <div>
        <dt>Due date</dt>
        <dd>{formatDueDate(request.dueDate)}</dd>
      </div>
      <div>
        <dt>Assignee</dt>
        <dd>{request.assignee ? <EmailAddress email={request.assignee.email} /> : "Unassigned"}</dd>
      </div>
      {request.category ? (
        <div>
          <dt>Category</dt>
          <dd>{request.category}</dd>
        </div>
      ) : null}
      {request.reviewedAt ? (
        <div>
          <dt>Last review</dt>
          <dd>
            {formatDateTime(request.reviewedAt)}
            {request.reviewedBy ? (
              <>
                {" by "}
                <EmailAddress email={request.reviewedBy.email} />
              </>
            ) : null}
          </dd>
        </div>
      ) : null}
    </dl>
  );
}

function ReturnReason({ request }: { request: DocumentRequestDto }) {
  if (request.status !== "returned") return null;
  return (
    <section className="callout callout-warning" aria-labelledby="return-reason-heading" data-testid="return-reason">
      <h2 id="return-reason-heading">Returned by your firm: please fix and upload again</h2>
      <p className="callout-body">{request.returnReason ?? "No reason was given."}</p>
      {request.reviewedBy ? (
        <p className="cell-muted">
          {request.reviewedBy.email}
          {request.reviewedAt ? `, ${formatDateTime(request.reviewedAt)}` : ""}
        </p>
      ) : null}
    </section>
  );
}

function RequestDetails({ request, onEdit }: { request: DocumentRequestDto; onEdit?: () => void }) {
  return (
    <section className="card" aria-labelledby="request-details-heading">
      <div className="card-header">
        <h2 id="request-details-heading">Details</h2>
        {onEdit ? (
          <button type="button" className="button button-secondary button-small" onClick={onEdit} data-testid="edit-request">
            Edit
          </button>
        ) : null}
      </div>
      {request.description ? (
        <p className="description" data-testid="request-description">
          {request.description}
        </p>
      ) : (
        <p className="cell-muted">No description.</p>
      )}
      <RequestFacts request={request} />
    </section>
  );
}

/** True when the client may still add files, so the page shows the upload area. */
function canUpload(role: "client" | "staff", status: DocumentRequestDto["status"]): boolean {
  return role === "client" && CLIENT_ACTIONABLE.includes(status);
}

/** True when RequestSidePanel renders something for this role and status. */
function hasSidePanel(role: "client" | "staff", status: DocumentRequestDto["status"]): boolean {
  return role === "client" ? status !== "cancelled" : status === "submitted";
}

interface RequestSidePanelProps {
  request: DocumentRequestDto;
  role: "client" | "staff";
  availableFiles: number;
  onChanged: (notice?: string) => void;
}

/**
 * Renders the panel beside the details: submit for clients who can still
 * upload, review for staff once submitted, otherwise the request's outcome.
 */
function RequestSidePanel({ request, role, availableFiles, onChanged }: RequestSidePanelProps) {
  if (canUpload(role, request.status)) {
    return (
      <SubmitPanel
        request={request}
        availableFiles={Math.max(availableFiles, request.availableFileCount)}
        onSubmitted={(submitted) => onChanged(`"${submitted.title}" was submitted to your firm for review.`)}
      />
    );
  }
  if (role === "client" && request.status === "submitted") {
    return <p className="alert alert-info">Submitted for review. Your firm will accept it or tell you what to change.</p>;
  }
  if (role === "client" && request.status === "accepted") {
    return <p className="alert alert-success">Accepted by your firm. Nothing more to do.</p>;
  }
  if (role === "staff" && request.status === "submitted") {
    return (
      <section className="card" aria-labelledby="review-heading">
        <h2 id="review-heading">Review</h2>
        <ReviewActions
          request={request}
          onReviewed={(reviewed) =>
            onChanged(reviewed.status === "accepted" ? "Request accepted." : "Request returned to the client.")
          }
        />
      </section>
    );
  }
  return null;
}

/** Renders one document request: its details, files and the actions the caller's role allows. */
export function RequestPage({ workspaceId, requestId }: { workspaceId: string; requestId: string }) {
  const api = useApi();
  const me = useMe();
  const request = useResource(() => api.getRequest(workspaceId, requestId), [workspaceId, requestId]);
  const workspace = useResource(() => api.getWorkspace(workspaceId), [workspaceId]);
  const files = useResource(
    () => listAll((token) => api.listFiles(workspaceId, { requestId, nextToken: token })),
    [workspaceId, requestId],
  );
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const [editing, setEditing] = useState(false);

  if (!request.data) {
    return (
      <div className="page">
        <p className="breadcrumb">
          <a href="#/workspaces">Workspaces</a>
        </p>
        {request.error ? <ErrorAlert error={request.error} title="This request could not be opened" /> : <Loading />}
      </div>
    );
  }

  const current = request.data;
  const role = isStaffUser(me) && workspace.data?.role !== "client" ? "staff" : "client";
  const availableFiles = (files.data ?? []).filter((file) => file.status === "available").length;
  const refresh = (message?: string) => {
    if (message) setNotice(message);
    void request.reload();
    void files.reload();
  };
  const canEdit = role === "staff" && STAFF_EDITABLE.includes(current.status);
  const details =
    editing && canEdit ? (
      <EditRequestForm
        request={current}
        onCancel={() => setEditing(false)}
        onSaved={(saved) => {
          setEditing(false);
          refresh(`"${saved.title}" was updated.`);
        }}
      />
    ) : (
      <RequestDetails request={current} onEdit={canEdit ? () => setEditing(true) : undefined} />
    );

  return (
    <div className="page">
      <p className="breadcrumb">
        <a href="#/workspaces">Workspaces</a> <span aria-hidden="true">/</span>{" "}
        <a href={hrefFor({ page: "workspace", workspaceId, tab: "requests" })}>{workspace.data?.name ?? "Workspace"}</a>{" "}
        <span aria-hidden="true">/</span> {current.title}
      </p>
      <PageHeading subtitle={workspace.data ? `Client: ${workspace.data.clientName}` : undefined}>{current.title}</PageHeading>
      <SuccessNotice message={notice} />
      <ReturnReason request={current} />
      {/* Details and the next step share the top row; the upload list, which
          grows with every file, gets the full width below them. */}
      {hasSidePanel(role, current.status) ? (
        <div className="layout-split layout-split-wide layout-split-even">
          {details}
          <RequestSidePanel request={current} role={role} availableFiles={availableFiles} onChanged={refresh} />
        </div>
      ) : (
        details
      )}
      {canUpload(role, current.status) ? (
        <UploadArea workspaceId={workspaceId} requestId={requestId} onFileSettled={() => refresh()} />
      ) : null}
      <section className="card" aria-labelledby="request-files-heading">
        <div className="card-header">
          <h2 id="request-files-heading">Files</h2>
          <button
            type="button"
            className="button button-secondary button-small"
            onClick={() => refresh()}
            disabled={files.loading}
          >
            Refresh
          </button>
        </div>
        <ErrorAlert error={files.error} />
        {files.loading && !files.data ? <Loading label="Loading files…" /> : null}
        {files.data ? (
          <FileTable files={files.data} caption={`Files of ${current.title}`} emptyText="No files uploaded yet." />
        ) : null}
      </section>
    </div>
  );
}
