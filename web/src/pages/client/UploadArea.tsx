import { useEffect, useRef, useState, type DragEvent } from "react";
import { useApi } from "../../app-context";
import type { StoredFileDto } from "../../api/hubsecure-api";
import { errorMessage } from "../../components/ErrorAlert";
import { formatBytes } from "../../files/format";
import { runPool } from "../../files/run-pool";
import { sha256Hex } from "../../files/sha256";
import { uploadFile, type UploadPhase, type UploadSteps, type UploadUpdate } from "../../files/upload-file";
import { postUploadForm } from "../../files/upload-form";

/** Files sent at the same time; more would compete for the same bandwidth. */
const PARALLEL_UPLOADS = 2;

interface UploadItem {
  key: number;
  name: string;
  size: number;
  phase: UploadPhase | "queued";
  fraction: number;
  detail?: string;
}

function phaseText(item: UploadItem): string {
  switch (item.phase) {
    case "queued":
      return "Waiting to upload";
    case "hashing":
      return "Computing checksum";
    case "starting":
      return "Preparing upload";
    case "uploading":
      return "Uploading";
    case "processing":
      return "Uploaded, verifying the file";
    case "available":
      return "Uploaded and verified";
    case "rejected":
      return `Rejected: ${item.detail ?? "the file was not accepted"}`;
    case "failed":
      return `Upload failed: ${item.detail ?? "unknown error"}`;
  }
}

interface UploadAreaProps {
  workspaceId: string;
  requestId: string;
  /** Called when a file is verified or rejected, so the page can refresh its lists. */
  onFileSettled: (file: StoredFileDto) => void;
}

/** File picker and drop zone; each file is hashed, posted straight to storage and then verified. */
export function UploadArea({ workspaceId, requestId, onFileSettled }: UploadAreaProps) {
  const api = useApi();
  const [items, setItems] = useState<UploadItem[]>([]);
  const [dragging, setDragging] = useState(false);
  const nextKey = useRef(1);
  const inputRef = useRef<HTMLInputElement>(null);
  const abort = useRef(new AbortController());
  const settledCallback = useRef(onFileSettled);
  settledCallback.current = onFileSettled;

  useEffect(() => {
    const controller = new AbortController();
    abort.current = controller;
    return () => controller.abort();
  }, []);

  const patch = (key: number, change: Partial<UploadItem>) =>
    setItems((current) => current.map((item) => (item.key === key ? { ...item, ...change } : item)));

  const start = (files: File[]) => {
    if (files.length === 0) return;
    const batch = files.map((file) => ({ file, key: nextKey.current++ }));
    setItems((current) => [
      ...current,
      ...batch.map(({ file, key }) => ({ key, name: file.name, size: file.size, phase: "queued" as const, fraction: 0 })),
    ]);
    const signal = abort.current.signal;
    const steps: UploadSteps = {
      hash: sha256Hex,
      createUpload: (body) => api.createUpload(workspaceId, requestId, body),
      postForm: (url, form, onProgress) => postUploadForm(url, form, onProgress, signal),
      completeUpload: (uploadId) => api.completeUpload(workspaceId, uploadId),
      getFile: (fileId) => api.getFile(workspaceId, fileId),
    };
    void runPool(batch, PARALLEL_UPLOADS, async ({ file, key }) => {
      try {
        const onUpdate = (update: UploadUpdate) =>
          patch(key, {
            phase: update.phase,
            fraction: update.fraction,
            ...(update.file?.rejectionReason ? { detail: update.file.rejectionReason } : {}),
          });
        const stored = await uploadFile(file, steps, onUpdate, { signal });
        if (stored.status !== "processing") settledCallback.current(stored);
      } catch (error) {
        if (!signal.aborted) patch(key, { phase: "failed", detail: errorMessage(error) });
        throw error;
      }
    });
  };

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    start(Array.from(event.dataTransfer.files));
  };

  const busy = items.some((item) => !["available", "rejected", "failed"].includes(item.phase));

  return (
    <section className="card" aria-labelledby="upload-heading">
      <h2 id="upload-heading">Upload documents</h2>
      <div
        className={`dropzone${dragging ? " dropzone-active" : ""}`}
        data-testid="dropzone"
        onDragOver={(event) => {
          event.preventDefault();
          event.dataTransfer.dropEffect = "copy";
        }}
        onDragEnter={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={(event) => {
          if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
        }}
        onDrop={onDrop}
      >
        <p className="dropzone-text">Drag files here, or</p>
        <label className="button button-primary file-picker">
          Choose files to upload
          <input
            ref={inputRef}
            type="file"
            multiple
            className="visually-hidden-input"
            data-testid="upload-input"
            onChange={(event) => {
              start(Array.from(event.target.files ?? []));
              event.target.value = "";
            }}
          />
        </label>
        <p className="field-hint">PDF, office documents, images and archives. Files go straight to encrypted storage.</p>
      </div>
      {items.length > 0 ? (
        <ul className="upload-list" aria-label="Uploads" aria-busy={busy} data-testid="upload-list">
          {items.map((item) => (
            <li key={item.key} className={`upload-item upload-${item.phase}`} data-testid="upload-item" data-file-name={item.name} data-phase={item.phase}>
              <div className="upload-item-header">
                <span className="cell-strong">{item.name}</span>
                <span className="cell-muted">{formatBytes(item.size)}</span>
              </div>
              <progress
                max={100}
                value={Math.round(item.fraction * 100)}
                aria-label={`Upload progress for ${item.name}`}
              />
              <p className="upload-status" aria-live="polite" data-testid="upload-status">
                {phaseText(item)}
                {item.phase === "uploading" ? <span aria-hidden="true"> {Math.round(item.fraction * 100)}%</span> : null}
              </p>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
