import type { StoredFileDto } from "../api/hubsecure-api";
import { formatBytes, formatDateTime, shortHash } from "../files/format";
import { hrefFor } from "../routing";
import { DownloadButton } from "./DownloadButton";
import { EmptyState } from "./PageHeading";
import { FileStatusBadge } from "./StatusBadge";

interface FileTableProps {
  files: StoredFileDto[];
  caption: string;
  /** Request titles by id, to show which request a file belongs to. */
  requestTitles?: Map<string, string>;
  emptyText?: string;
}

/**
 * Links a file to its request on one line. A long title is cut with an
 * ellipsis and shown whole as the tooltip, and screen readers still read
 * all of it.
 */
function RequestLink({ file, title }: { file: StoredFileDto; title: string | undefined }) {
  if (!title) return <span className="cell-muted">—</span>;
  return (
    <a
      className="cell-truncate"
      href={hrefFor({ page: "request", workspaceId: file.workspaceId, requestId: file.requestId })}
      title={title}
    >
      {title}
    </a>
  );
}

/** Files with status, size, hash prefix and a download button. A rejected file shows its reason under its name. */
export function FileTable({ files, caption, requestTitles, emptyText = "No files yet." }: FileTableProps) {
  if (files.length === 0) return <EmptyState>{emptyText}</EmptyState>;
  return (
    <div className="table-wrap">
      <table className="table table-files" data-testid="file-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="col-file-name">
              File
            </th>
            {requestTitles ? (
              <th scope="col" className="col-request">
                Request
              </th>
            ) : null}
            <th scope="col">Status</th>
            <th scope="col">Size</th>
            <th scope="col">SHA-256</th>
            <th scope="col">Uploaded</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {files.map((file) => (
            <tr key={file.fileId} data-testid="file-row" data-file-id={file.fileId} data-file-name={file.fileName}>
              <td>
                <span className="cell-file-name">{file.fileName}</span>
                {/* Under the name rather than the badge, where the sentence has room to read. */}
                {file.status === "rejected" ? (
                  <p className="rejection-reason" data-testid="rejection-reason">
                    {file.rejectionReason ?? "The file was rejected."}
                  </p>
                ) : null}
              </td>
              {requestTitles ? (
                <td>
                  <RequestLink file={file} title={requestTitles.get(file.requestId)} />
                </td>
              ) : null}
              <td>
                <FileStatusBadge status={file.status} />
              </td>
              <td className="cell-nowrap">{formatBytes(file.size)}</td>
              <td>
                <code title={file.sha256}>{shortHash(file.sha256)}…</code>
              </td>
              <td className="cell-nowrap">
                {formatDateTime(file.createdAt)}
                <span className="cell-muted">{file.uploadedBy.email}</span>
              </td>
              <td className="cell-actions">
                <DownloadButton file={file} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
