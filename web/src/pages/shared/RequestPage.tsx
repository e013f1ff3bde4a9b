import { useState } from "react";
import { isStaffUser, useApi, useMe } from "../../app-context";
import { listAll, type DocumentRequestDto } from "../../api/hubsecure-api";
import { ErrorAlert, SuccessNotice } from "../../components/ErrorAlert";
import { FileTable } from "../../components/FileTable";
import { Loading, PageHeading } from "../../components/PageHeading";
import { ReviewActions } from "../../components/ReviewActions";
import { RequestStatusBadge } from "../../components/StatusBadge";
import { formatDateTime, formatDueDate } from "../../files/format";
import { hrefFor } from "../../routing";
import { useResource } from "../../use-resource";
import { SubmitPanel } from "../client/SubmitPanel";
import { UploadArea } from "../client/UploadArea";

const CLIENT_ACTIONABLE: readonly string[] = ["open", "returned"];

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
        <dd>{request.assignee?.email ?? "Unassigned"}</dd>
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
            {request.reviewedBy ? ` by ${request.reviewedBy.email}` : ""}
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

function RequestDetails({ request }: { request: DocumentRequestDto }) {
  return (
    <section className="card" aria-labelledby="request-details-heading">
      <h2 id="request-details-heading">Details</h2>
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

/** True when RequestActions renders something for this role and status. */
function hasRequestActions(role: "client" | "staff", status: DocumentRequestDto["status"]): boolean {
  return role === "client" ? status !== "cancelled" : status === "submitted";
}

interface RequestActionsProps {
  request: DocumentRequestDto;
  role: "client" | "staff";
  availableFiles: number;
  onChanged: (notice?: string) => void;
}

/** Renders the panels beside the details: upload and submit for clients, review for staff. */
function RequestActions({ request, role, availableFiles, onChanged }: RequestActionsProps) {
  if (role === "client" && CLIENT_ACTIONABLE.includes(request.status)) {
    return (
      <>
        <UploadArea workspaceId={request.workspaceId} requestId={request.requestId} onFileSettled={() => onChanged()} />
        <SubmitPanel
          request={request}
          availableFiles={Math.max(availableFiles, request.availableFileCount)}
          onSubmitted={(submitted) => onChanged(`"${submitted.title}" was submitted to your firm for review.`)}
        />
      </>
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
      {hasRequestActions(role, current.status) ? (
        <div className="layout-split layout-split-wide">
          <RequestDetails request={current} />
          <div className="stack">
            <RequestActions request={current} role={role} availableFiles={availableFiles} onChanged={refresh} />
          </div>
        </div>
      ) : (
        <RequestDetails request={current} />
      )}
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
