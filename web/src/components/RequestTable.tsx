import type { DocumentRequestDto } from "../api/hubsecure-api";
import { formatDueDate, isOverdue, todayIsoDate } from "../files/format";
import { hrefFor } from "../routing";
import { EmptyState } from "./PageHeading";
import { RequestStatusBadge } from "./StatusBadge";

interface RequestTableProps {
  requests: DocumentRequestDto[];
  caption: string;
  /** Workspace names by id; when given, a Workspace column is shown. */
  workspaceNames?: Map<string, string>;
  emptyText: string;
}

const SENSITIVITY_LABELS: Record<DocumentRequestDto["sensitivity"], string> = {
  internal: "Internal",
  confidential: "Confidential",
  restricted: "Restricted",
};

const WAITING_STATUSES: readonly string[] = ["open", "returned"];

export function RequestTable({ requests, caption, workspaceNames, emptyText }: RequestTableProps) {
  if (requests.length === 0) return <EmptyState>{emptyText}</EmptyState>;
  const today = todayIsoDate();
  return (
    <div className="table-wrap">
      <table className="table" data-testid="request-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Title</th>
            {workspaceNames ? <th scope="col">Workspace</th> : null}
            <th scope="col">Category</th>
            <th scope="col">Assignee</th>
            <th scope="col">Due date</th>
            <th scope="col">Sensitivity</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {requests.map((request) => {
            const overdue = WAITING_STATUSES.includes(request.status) && isOverdue(request.dueDate, today);
            return (
              <tr
                key={request.requestId}
                data-testid="request-row"
                data-request-id={request.requestId}
                data-request-title={request.title}
              >
                <td className="cell-strong cell-wrap">
                  <a href={hrefFor({ page: "request", workspaceId: request.workspaceId, requestId: request.requestId })}>
                    {request.title}
                  </a>
                </td>
                {workspaceNames ? <td>{workspaceNames.get(request.workspaceId) ?? "—"}</td> : null}
                <td>{request.category ?? "—"}</td>
                <td className="cell-wrap">{request.assignee?.email ?? "Unassigned"}</td>
                <td className="cell-nowrap">
                  {formatDueDate(request.dueDate)}
                  {overdue ? <span className="tag tag-overdue">Overdue</span> : null}
                </td>
                <td>{SENSITIVITY_LABELS[request.sensitivity] ?? request.sensitivity}</td>
                <td>
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
