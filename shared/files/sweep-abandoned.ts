import { auditEventPut, SYSTEM_ACTOR } from "../audit/audit-event";
import { loadConfig } from "../config";
import { ConflictError } from "../errors";
import type { Logger } from "../logger";
import { getFileRecord, listProcessingFilesExpiredBefore, replaceFile, type FileRecord } from "../store/files";
import { transactWrite } from "../store/transact";
import { quarantineObjectExists } from "./storage";

/** Rejection reason of a file whose bytes never arrived; the web app shows it to the uploader. */
export const ABANDONED_UPLOAD_REASON =
  "The upload did not finish before its upload form expired; upload the file again";

/**
 * Time a file stays `processing` after its form expired, on top of the
 * form's own lifetime, before the sweeper looks at it. A form posted just
 * before it expires may still be transferring a large file, and the file
 * processor may still be running or being retried.
 */
export const SWEEP_GRACE_AFTER_FORM_LIFETIME_MS = 60 * 60 * 1000;

/** Files examined per run, so one run stays well inside its function timeout. */
export const DEFAULT_SWEEP_MAX_FILES = 100;

export interface SweepOptions {
  /** Id recorded as the audit events' `requestId`, such as the scheduled event's id. */
  runId: string;
  log: Logger;
  /** The sweep's clock: expiry is judged and rejections are stamped at this time. */
  now?: Date;
  /** Maximum number of files examined in this run. */
  maxFiles?: number;
}

export interface SweepResult {
  /** Forms that expired before this time (ISO 8601) were examined. */
  expiredBefore: string;
  /** Files read from the processing index. */
  examined: number;
  /** Files marked rejected by this run. */
  rejected: number;
  /** Files whose object is in quarantine, left for the file processor. */
  leftForProcessor: number;
  /** Files that another writer finished between the index read and this run's write. */
  alreadyFinished: number;
  /** Files whose check or write failed; the next run tries them again. */
  failed: number;
  /**
   * True when the run stopped at `maxFiles` with candidates possibly left.
   * DynamoDB may report more items on a page boundary when none remain.
   */
  more: boolean;
}

type FileOutcome = "rejected" | "leftForProcessor" | "alreadyFinished";

/** Returns the expiry time before which a form counts as abandoned at `now`. */
export function abandonedBefore(now: Date, formLifetimeSeconds: number): string {
  return new Date(now.getTime() - formLifetimeSeconds * 1000 - SWEEP_GRACE_AFTER_FORM_LIFETIME_MS).toISOString();
}

/**
 * Rejects files whose upload form expired long ago without their bytes
 * arriving, with one Query on the processing index (no Scan). A file whose
 * object is in quarantine is left for the file processor. Once the
 * quarantine lifecycle rule has expired such an object, a later run rejects
 * the file.
 *
 * Safe to run again or concurrently: each rejection is one transaction
 * conditional on the file's version and `processing` status, together with
 * its audit event.
 *
 * NOTE: files whose object stays in quarantine are listed first on every
 * run until the lifecycle rule removes the object. If more than `maxFiles`
 * of them pile up, later candidates wait until then.
 */
export async function sweepAbandonedUploads(options: SweepOptions): Promise<SweepResult> {
  const now = options.now ?? new Date();
  const maxFiles = options.maxFiles ?? DEFAULT_SWEEP_MAX_FILES;
  const log = options.log.child({ sweepRunId: options.runId });
  const result: SweepResult = {
    expiredBefore: abandonedBefore(now, loadConfig().uploadUrlTtlSeconds),
    examined: 0,
    rejected: 0,
    leftForProcessor: 0,
    alreadyFinished: 0,
    failed: 0,
    more: false,
  };

  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await listProcessingFilesExpiredBefore(result.expiredBefore, maxFiles - result.examined, startKey);
    for (const file of page.files) {
      result.examined++;
      const fileLog = log.child({ workspaceId: file.workspaceId, fileId: file.fileId, uploadId: file.uploadId });
      try {
        result[await sweepFile(file, now, options.runId, fileLog)]++;
      } catch (error) {
        result.failed++;
        fileLog.error("abandoned upload could not be swept; the next run retries it", { error });
      }
    }
    startKey = page.lastEvaluatedKey;
  } while (startKey && result.examined < maxFiles);
  result.more = startKey !== undefined;

  if (result.examined > 0) log.info("upload sweep finished", { ...result });
  else log.debug("upload sweep found no abandoned uploads", { expiredBefore: result.expiredBefore });
  return result;
}

async function sweepFile(file: FileRecord, now: Date, runId: string, log: Logger): Promise<FileOutcome> {
  if (await quarantineObjectExists(file.quarantineKey)) {
    log.info("upload form expired but the object is in quarantine; left for the file processor", {
      formExpiresAt: file.formExpiresAt,
    });
    return "leftForProcessor";
  }

  const at = now.toISOString();
  const next: FileRecord = {
    ...file,
    status: "rejected",
    rejectionReason: ABANDONED_UPLOAD_REASON,
    updatedAt: at,
    version: file.version + 1,
  };
  try {
    await transactWrite(
      [
        replaceFile(file, next),
        auditEventPut({
          workspaceId: file.workspaceId,
          action: "file.rejected",
          actor: SYSTEM_ACTOR,
          target: { type: "file", id: file.fileId, label: file.fileName },
          requestId: runId,
          details: {
            fileName: file.fileName,
            documentRequestId: file.requestId,
            uploadId: file.uploadId,
            formExpiresAt: file.formExpiresAt,
            reason: ABANDONED_UPLOAD_REASON,
          },
          at,
        }),
      ],
      { default: `File ${file.fileId} changed while its abandoned upload was swept` },
    );
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    // The index is read eventually consistently, so the processor or another
    // run may have finished the file already.
    const latest = await getFileRecord(file.workspaceId, file.fileId);
    if (latest && latest.status !== "processing") {
      log.info("file finished before the sweep could reject it", { status: latest.status });
      return "alreadyFinished";
    }
    throw error;
  }
  log.info("abandoned upload rejected", { formExpiresAt: file.formExpiresAt });
  return "rejected";
}
