import { dangerousNameReason } from "./file-name";
import { SNIFF_SAMPLE_BYTES, sniffFileType } from "./sniff";
import { digestStream, type ObjectBody } from "./verify";

export interface DeclaredUpload {
  fileName: string;
  size: number;
  /** Lower-case hex SHA-256 sent when the upload started. */
  sha256: string;
}

export type Verdict =
  | { accepted: true; detectedType: string; label: string }
  | { accepted: false; reason: string; detectedType?: string };

function sizeMismatch(received: string, declared: number): Verdict {
  return {
    accepted: false,
    reason: `The file storage received ${received} but the upload declared ${declared} bytes; upload the file again`,
  };
}

/** Stops a body that will not be read, so its connection is released. */
async function discard(body: ObjectBody): Promise<void> {
  const stream = body as { destroy?: () => void; cancel?: () => Promise<void> };
  if (typeof stream.destroy === "function") stream.destroy();
  else if (typeof stream.cancel === "function") await stream.cancel().catch(() => undefined);
}

/**
 * Checks an uploaded object against what the uploader declared: the exact
 * size, the SHA-256 of the bytes, the type sniffed from the bytes and the
 * file name. Reads the body once and keeps no more than its head in memory.
 * Rejection reasons are written for the client who uploaded the file.
 */
export async function inspectUpload(
  body: ObjectBody,
  contentLength: number | undefined,
  declared: DeclaredUpload,
): Promise<Verdict> {
  if (contentLength !== undefined && contentLength > declared.size) {
    await discard(body);
    return sizeMismatch(`${contentLength} bytes`, declared.size);
  }
  const digest = await digestStream(body, { declaredSize: declared.size, headBytes: SNIFF_SAMPLE_BYTES });
  if (digest.outcome === "too-large") return sizeMismatch(`more than ${declared.size} bytes`, declared.size);
  if (digest.size !== declared.size) return sizeMismatch(`${digest.size} bytes`, declared.size);
  if (digest.sha256 !== declared.sha256) {
    return {
      accepted: false,
      reason: "The file's contents do not match the checksum sent when the upload started; upload it again",
    };
  }

  const sniffed = sniffFileType(digest.head, { fileName: declared.fileName, complete: digest.size <= digest.head.length });
  if ("rejected" in sniffed) return { accepted: false, reason: sniffed.rejected };
  const nameReason = dangerousNameReason(declared.fileName);
  if (nameReason) return { accepted: false, reason: nameReason, detectedType: sniffed.type };
  return { accepted: true, detectedType: sniffed.type, label: sniffed.label };
}
