import type { CreateUploadInput, CreateUploadResultDto, StoredFileDto } from "../api/hubsecure-api";
import { pollFileUntilProcessed, type PollOptions } from "./poll-file";
import { buildUploadForm } from "./upload-form";

export type UploadPhase = "hashing" | "starting" | "uploading" | "processing" | "available" | "rejected" | "failed";

export interface UploadUpdate {
  phase: UploadPhase;
  /** Fraction of bytes sent to storage, from 0 to 1. */
  fraction: number;
  file?: StoredFileDto;
  error?: string;
}

/** The calls an upload makes, injected so the sequence can be tested without a browser. */
export interface UploadSteps {
  hash: (file: Blob) => Promise<string>;
  createUpload: (body: CreateUploadInput) => Promise<CreateUploadResultDto>;
  postForm: (url: string, form: FormData, onProgress: (fraction: number) => void) => Promise<void>;
  completeUpload: (uploadId: string) => Promise<StoredFileDto>;
  getFile: (fileId: string) => Promise<StoredFileDto>;
}

/**
 * Uploads one file: hashes it, requests a presigned POST from the API, sends the
 * bytes straight to storage, reports completion, then waits until the
 * processor has verified or rejected the file. Throws on any failed step.
 */
export async function uploadFile(
  file: File,
  steps: UploadSteps,
  onUpdate: (update: UploadUpdate) => void,
  pollOptions?: PollOptions,
): Promise<StoredFileDto> {
  onUpdate({ phase: "hashing", fraction: 0 });
  const sha256 = await steps.hash(file);

  onUpdate({ phase: "starting", fraction: 0 });
  const upload = await steps.createUpload({
    fileName: file.name,
    contentType: file.type || "application/octet-stream",
    size: file.size,
    sha256,
  });

  onUpdate({ phase: "uploading", fraction: 0 });
  await steps.postForm(upload.url, buildUploadForm(upload.fields, file, file.name), (fraction) =>
    onUpdate({ phase: "uploading", fraction }),
  );

  const completed = await steps.completeUpload(upload.uploadId);
  onUpdate({ phase: "processing", fraction: 1, file: completed });

  const processed =
    completed.status === "processing"
      ? await pollFileUntilProcessed(() => steps.getFile(upload.fileId), pollOptions)
      : completed;
  onUpdate({ phase: processed.status === "processing" ? "processing" : processed.status, fraction: 1, file: processed });
  return processed;
}
