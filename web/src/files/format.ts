const BYTE_UNITS = ["bytes", "KB", "MB", "GB", "TB"];

/** Formats a size with binary multiples (1 KB = 1024 bytes), as file managers do. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return "unknown size";
  if (bytes < 1024) return bytes === 1 ? "1 byte" : `${bytes} bytes`;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${BYTE_UNITS[unit]}`;
}

/** Formats a `YYYY-MM-DD` date; read as UTC so no time zone shifts it by a day. */
export function formatDueDate(isoDate: string | undefined): string {
  if (!isoDate) return "No due date";
  const date = new Date(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDate;
  return date.toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
}

/** Formats an ISO timestamp in the browser's time zone; the audit history adds seconds. */
export function formatDateTime(isoTimestamp: string, options: { seconds?: boolean } = {}): string {
  const date = new Date(isoTimestamp);
  if (Number.isNaN(date.getTime())) return isoTimestamp;
  return date.toLocaleString("en-GB", {
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    ...(options.seconds ? { second: "2-digit" } : {}),
  });
}

/** True when a due date lies before `today` (both `YYYY-MM-DD`). */
export function isOverdue(isoDate: string | undefined, today: string): boolean {
  return isoDate !== undefined && isoDate < today;
}

export function todayIsoDate(now: Date = new Date()): string {
  const month = String(now.getMonth() + 1).padStart(2, "0");
  const day = String(now.getDate()).padStart(2, "0");
  return `${now.getFullYear()}-${month}-${day}`;
}

export function shortHash(sha256: string): string {
  return sha256.slice(0, 12);
}
