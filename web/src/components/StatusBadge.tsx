import type { RequestStatusValue, StoredFileDto } from "../api/hubsecure-api";

type FileStatusValue = StoredFileDto["status"];

const REQUEST_LABELS: Record<RequestStatusValue, string> = {
  open: "Open",
  submitted: "Submitted",
  accepted: "Accepted",
  returned: "Returned",
  cancelled: "Cancelled",
};

const FILE_LABELS: Record<FileStatusValue, string> = {
  processing: "Processing",
  available: "Available",
  rejected: "Rejected",
};

/** Request status as coloured text; the word carries the meaning, the colour only repeats it. */
export function RequestStatusBadge({ status }: { status: RequestStatusValue }) {
  return (
    <span className={`badge badge-${status}`} data-testid="request-status" data-status={status}>
      {REQUEST_LABELS[status] ?? status}
    </span>
  );
}

export function FileStatusBadge({ status }: { status: FileStatusValue }) {
  return (
    <span className={`badge badge-file-${status}`} data-testid="file-status" data-status={status}>
      {FILE_LABELS[status] ?? status}
    </span>
  );
}
