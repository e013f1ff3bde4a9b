/**
 * Builds the multipart form for an S3 presigned POST. S3 ignores every
 * field after `file`, so the policy fields go first and the file last.
 */
export function buildUploadForm(fields: Record<string, string>, file: Blob, fileName: string): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    form.append(name, value);
  }
  form.append("file", file, fileName);
  return form;
}

/** Reads S3's XML error `<Message>` so the user sees the reason, not markup. */
export function describeStorageError(status: number, responseText: string): string {
  const match = /<Message>([^<]*)<\/Message>/.exec(responseText);
  const reason = match?.[1]?.trim();
  return reason
    ? `The file storage rejected the upload (HTTP ${status}): ${reason}`
    : `The file storage rejected the upload (HTTP ${status}).`;
}

export class StorageUploadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StorageUploadError";
  }
}

/**
 * Posts the form with XMLHttpRequest, because fetch reports no upload
 * progress. `onProgress` receives the fraction sent, from 0 to 1.
 */
export function postUploadForm(
  url: string,
  form: FormData,
  onProgress: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("POST", url);
    request.upload.addEventListener("progress", (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    });
    request.addEventListener("load", () => {
      if (request.status >= 200 && request.status < 300) {
        onProgress(1);
        resolve();
      } else {
        reject(new StorageUploadError(describeStorageError(request.status, request.responseText)));
      }
    });
    request.addEventListener("error", () => {
      reject(new StorageUploadError("The file storage could not be reached. Check your connection and try again."));
    });
    request.addEventListener("abort", () => reject(new StorageUploadError("The upload was cancelled.")));
    signal?.addEventListener("abort", () => request.abort(), { once: true });
    request.send(form);
  });
}
