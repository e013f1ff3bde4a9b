import { useState } from "react";
import { useApi } from "../../app-context";
import { listAll, type DocumentRequestDto, type WorkspaceDto } from "../../api/hubsecure-api";
import { ErrorAlert, SuccessNotice } from "../../components/ErrorAlert";
import { FileTable } from "../../components/FileTable";
import { EmptyState, Loading } from "../../components/PageHeading";
import { ReviewActions } from "../../components/ReviewActions";
import { byDueDate } from "../../components/RequestTable";
import { formatDateTime, formatDueDate } from "../../files/format";
import { hrefFor } from "../../routing";
import { useResource } from "../../use-resource";

function ReviewItem({ request, onReviewed }: { request: DocumentRequestDto; onReviewed: (request: DocumentRequestDto) => void }) {
  const api = useApi();
  const files = useResource(
    () => listAll((token) => api.listFiles(request.workspaceId, { requestId: request.requestId, nextToken: token })),
    [request.workspaceId, request.requestId],
  );
  const headingId = `review-${request.requestId}`;
  return (
    <article
      className="card review-item"
      aria-labelledby={headingId}
      data-testid="review-item"
      data-request-id={request.requestId}
      data-request-title={request.title}
    >
      <div className="card-header">
        <h3 id={headingId}>
          <a href={hrefFor({ page: "request", workspaceId: request.workspaceId, requestId: request.requestId })}>{request.title}</a>
        </h3>
        <span className="card-meta">
          {request.submittedAt ? `Submitted ${formatDateTime(request.submittedAt)} · ` : ""}
          {request.assignee ? `assigned to ${request.assignee.email} · ` : ""}due {formatDueDate(request.dueDate)}
        </span>
      </div>
      <ErrorAlert error={files.error} />
      {files.loading && !files.data ? <Loading label="Loading files…" /> : null}
      {files.data ? <FileTable files={files.data} caption={`Files of ${request.title}`} emptyText="No files were uploaded." /> : null}
      <ReviewActions request={request} onReviewed={onReviewed} />
    </article>
  );
}

/** Submitted requests, each with its files and the accept and return actions. */
export function ReviewQueueTab({ workspace }: { workspace: WorkspaceDto }) {
  const api = useApi();
  const queue = useResource(
    () => listAll((token) => api.listRequests(workspace.workspaceId, { status: "submitted", nextToken: token })),
    [workspace.workspaceId],
  );
  const [notice, setNotice] = useState<string | undefined>(undefined);

  const reviewed = (request: DocumentRequestDto) => {
    setNotice(
      request.status === "accepted" ? `"${request.title}" accepted.` : `"${request.title}" returned to the client.`,
    );
    void queue.reload();
  };

  return (
    <section aria-labelledby="review-heading">
      <div className="section-header">
        <h2 id="review-heading">Review queue</h2>
        {queue.data ? <span className="count">{queue.data.length} waiting for review</span> : null}
      </div>
      <SuccessNotice message={notice} />
      <ErrorAlert error={queue.error} />
      {queue.loading && !queue.data ? <Loading /> : null}
      {queue.data && queue.data.length === 0 ? (
        <div className="card">
          <EmptyState>Nothing to review. Submitted requests appear here.</EmptyState>
        </div>
      ) : null}
      {[...(queue.data ?? [])].sort(byDueDate).map((request) => (
        <ReviewItem key={request.requestId} request={request} onReviewed={reviewed} />
      ))}
    </section>
  );
}
