import { useEffect, useRef, useState, type DragEvent } from "react";
import { useApi } from "../../app-context";
import type { StoredFileDto } from "../../api/hubsecure-api";
import { errorMessage, originalErrorMessage } from "../../components/ErrorAlert";
import { StatusIcon, type StatusIconKind } from "../../components/StatusIcon";
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
  /** The API's wording of a failure when `detail` rewrote it, shown as a tooltip. */
  detailTitle?: string;
}

const SETTLED_PHASES: readonly UploadItem["phase"][] = ["available", "rejected", "failed"];

/** Returns the short outcome shown in bold before the detail, so the status reads without its colour. */
function phaseLabel(phase: UploadItem["phase"]): string {
  switch (phase) {
    case "queued":
      return "Waiting";
    case "hashing":
      return "Checking";
    case "starting":
      return "Preparing";
    case "uploading":
      return "Uploading";
    case "processing":
      return "Verifying";
    case "available":
      return "Available";
    case "rejected":
      return "Rejected";
    case "failed":
      return "Upload failed";
  }
}

function phaseDetail(item: UploadItem): string {
  switch (item.phase) {
    case "queued":
      return "waiting for another upload to finish";
    case "hashing":
      return "computing the checksum";
    case "starting":
      return "preparing the upload";
    case "uploading":
      return "sending to encrypted storage";
    case "processing":
      return "uploaded, checking the file";
    case "available":
      return "uploaded and verified";
    case "rejected":
      return item.detail ?? "the file was not accepted";
    case "failed":
      return item.detail ?? "unknown error";
  }
}

function phaseIcon(phase: UploadItem["phase"]): StatusIconKind {
  if (phase === "available") return "success";
  if (phase === "rejected" || phase === "failed") return "error";
  return "pending";
}

/** Summarises uploads by outcome, such as "8 files: 7 available, 1 rejected". */
function uploadSummary(items: UploadItem[]): string {
  const count = (phase: UploadItem["phase"]) => items.filter((item) => item.phase === phase).length;
  const parts = [
    [count("available"), "available"],
    [count("rejected"), "rejected"],
    [count("failed"), "failed"],
    [items.filter((item) => !SETTLED_PHASES.includes(item.phase)).length, "in progress"],
  ] as const;
  const counted = parts.filter(([n]) => n > 0).map(([n, label]) => `${n} ${label}`);
  return `${items.length} ${items.length === 1 ? "file" : "files"}: ${counted.join(", ")}`;
}

function UploadRow({ item }: { item: UploadItem }) {
  return (
    <li className={`upload-item upload-${item.phase}`} data-testid="upload-item" data-file-name={item.name} data-phase={item.phase}>
      <div className="upload-item-header">
        <StatusIcon kind={phaseIcon(item.phase)} />
        <span className="upload-file-name">{item.name}</span>
        <span className="upload-file-size">{formatBytes(item.size)}</span>
      </div>
      <progress max={100} value={Math.round(item.fraction * 100)} aria-label={`Upload progress for ${item.name}`} />
      <p className="upload-status" aria-live="polite" data-testid="upload-status" title={item.detailTitle}>
        <span className="upload-status-label">{phaseLabel(item.phase)}:</span> {phaseDetail(item)}
        {/* The bar already reports the percentage; announcing every step would flood the live region. */}
        {item.phase === "uploading" ? <span aria-hidden="true"> ({Math.round(item.fraction * 100)}%)</span> : null}
      </p>
    </li>
  );
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
        if (!signal.aborted) {
          const original = originalErrorMessage(error);
          patch(key, { phase: "failed", detail: errorMessage(error), ...(original ? { detailTitle: original } : {}) });
        }
        throw error;
      }
    });
  };

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    start(Array.from(event.dataTransfer.files));
  };

  const busy = items.some((item) => !SETTLED_PHASES.includes(item.phase));

  return (
    <section className="card" aria-labelledby="upload-heading">
      <div className="card-header">
        <h2 id="upload-heading">Upload documents</h2>
        {items.length > 0 ? <span className="count">{uploadSummary(items)}</span> : null}
      </div>
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
            <UploadRow key={item.key} item={item} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}
