import type { DocumentRequestDto } from "../api/hubsecure-api";
import { formatDueDate, isOverdue, todayIsoDate } from "../files/format";
import { hrefFor } from "../routing";
import { EmailAddress } from "./EmailAddress";
import { EmptyState } from "./PageHeading";
import { RequestStatusBadge } from "./StatusBadge";

interface RequestTableProps {
  requests: DocumentRequestDto[];
  caption: string;
  /** Workspace names by id; when given, a Workspace column is shown. */
  workspaceNames?: Map<string, string>;
  emptyText: string;
  /** Hides the Assignee column, for lists where every request is the viewer's own. */
  hideAssignee?: boolean;
}

const SENSITIVITY_LABELS: Record<DocumentRequestDto["sensitivity"], string> = {
  internal: "Internal",
  confidential: "Confidential",
  restricted: "Restricted",
};

const WAITING_STATUSES: readonly string[] = ["open", "returned"];

/**
 * Renders requests as a table. On phones the `table-stack` style shows each
 * row as a card of labelled values, because seven columns do not fit a
 * 390 px screen. The explicit ARIA roles keep the table semantics there.
 */
export function RequestTable({ requests, caption, workspaceNames, emptyText, hideAssignee = false }: RequestTableProps) {
  if (requests.length === 0) return <EmptyState>{emptyText}</EmptyState>;
  const today = todayIsoDate();
  return (
    <div className="table-wrap">
      <table className="table table-stack" role="table" data-testid="request-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead role="rowgroup">
          <tr role="row">
            <th scope="col" role="columnheader">Title</th>
            {workspaceNames ? <th scope="col" role="columnheader">Workspace</th> : null}
            <th scope="col" role="columnheader">Category</th>
            {hideAssignee ? null : <th scope="col" role="columnheader">Assignee</th>}
            <th scope="col" role="columnheader">Due date</th>
            <th scope="col" role="columnheader">Sensitivity</th>
            <th scope="col" role="columnheader">Status</th>
          </tr>
        </thead>
        <tbody role="rowgroup">
          {requests.map((request) => {
            const overdue = WAITING_STATUSES.includes(request.status) && isOverdue(request.dueDate, today);
            return (
              <tr
                role="row"
                key={request.requestId}
                data-testid="request-row"
                data-request-id={request.requestId}
                data-request-title={request.title}
              >
                <td className="cell-strong cell-wrap" role="cell">
                  <a href={hrefFor({ page: "request", workspaceId: request.workspaceId, requestId: request.requestId })}>
                    {request.title}
                  </a>
                </td>
                {workspaceNames ? (
                  <td role="cell" data-label="Workspace">
                    {workspaceNames.get(request.workspaceId) ?? "—"}
                  </td>
                ) : null}
                <td role="cell" data-label="Category">{request.category ?? "—"}</td>
                {hideAssignee ? null : (
                  <td className="cell-wrap" role="cell" data-label="Assignee">
                    {request.assignee ? <EmailAddress email={request.assignee.email} /> : "Unassigned"}
                  </td>
                )}
                <td className="cell-nowrap" role="cell" data-label="Due date">
                  {formatDueDate(request.dueDate)}
                  {overdue ? <span className="tag tag-overdue">Overdue</span> : null}
                </td>
                <td role="cell" data-label="Sensitivity">{SENSITIVITY_LABELS[request.sensitivity] ?? request.sensitivity}</td>
                <td role="cell" data-label="Status">
                  <RequestStatusBadge status={request.status} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** Sorts by due date, soonest first; requests without a due date go last. */
export function byDueDate(a: DocumentRequestDto, b: DocumentRequestDto): number {
  if (a.dueDate === b.dueDate) return a.title.localeCompare(b.title);
  if (!a.dueDate) return 1;
  if (!b.dueDate) return -1;
  return a.dueDate < b.dueDate ? -1 : 1;
}
