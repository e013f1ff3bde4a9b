import type { StoredFileDto } from "../api/hubsecure-api";
import { formatBytes, formatDateTime, shortHash } from "../files/format";
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

/** Files with status, size, hash prefix and a download button; a rejected file shows its reason. */
export function FileTable({ files, caption, requestTitles, emptyText = "No files yet." }: FileTableProps) {
  if (files.length === 0) return <EmptyState>{emptyText}</EmptyState>;
  return (
    <div className="table-wrap">
      <table className="table" data-testid="file-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">File</th>
            {requestTitles ? <th scope="col">Request</th> : null}
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
              <td className="cell-strong cell-wrap">{file.fileName}</td>
              {requestTitles ? <td>{requestTitles.get(file.requestId) ?? "—"}</td> : null}
              <td>
                <FileStatusBadge status={file.status} />
                {file.status === "rejected" ? (
                  <p className="rejection-reason" data-testid="rejection-reason">
                    {file.rejectionReason ?? "The file was rejected."}
                  </p>
                ) : null}
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
