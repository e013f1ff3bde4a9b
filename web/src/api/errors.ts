/** An error response from the HubSecure API, or a failure to reach it. */
export class ApiError extends Error {
  constructor(
    /** HTTP status; 0 when the API could not be reached. */
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** One rejected row of a CSV import. */
export interface RowError {
  row?: number;
  field?: string;
  message: string;
}

/** Builds an ApiError from the `{"error": {code, message, details}}` body, tolerating other shapes. */
export function parseApiError(status: number, body: unknown): ApiError {
  const error =
    typeof body === "object" && body !== null && "error" in body
      ? (body as { error: unknown }).error
      : undefined;
  if (typeof error === "object" && error !== null) {
    const record = error as Record<string, unknown>;
    const code = typeof record["code"] === "string" ? record["code"] : `http_${status}`;
    const message =
      typeof record["message"] === "string" && record["message"] !== ""
        ? record["message"]
        : defaultMessage(status);
    return new ApiError(status, code, message, record["details"]);
  }
  return new ApiError(status, `http_${status}`, defaultMessage(status));
}

function defaultMessage(status: number): string {
  if (status === 401) return "Your session has ended. Please sign in again.";
  if (status === 403) return "You do not have permission to do this.";
  if (status === 404) return "Not found, or you do not have access to it.";
  if (status === 409) return "Someone else changed this in the meantime. Reload and try again.";
  if (status >= 500) return "The server failed to process the request. Try again in a moment.";
  return `The request failed with HTTP ${status}.`;
}

function toRowError(value: unknown): RowError | undefined {
  if (typeof value === "string") return { message: value };
  if (typeof value !== "object" || value === null) return undefined;
  const record = value as Record<string, unknown>;
  const message = record["message"];
  if (typeof message !== "string") return undefined;
  const row = Number(record["row"] ?? record["line"]);
  const field = record["field"];
  return {
    message,
    ...(Number.isInteger(row) ? { row } : {}),
    ...(typeof field === "string" ? { field } : {}),
  };
}

/**
 * Extracts per-row errors from an error's `details`: either an array of
 * `{row, field, message}` or an object holding such an array under `rows`
 * or `errors`. Returns an empty list when details have another shape.
 */
export function extractRowErrors(details: unknown): RowError[] {
  let list: unknown = details;
  if (!Array.isArray(list) && typeof list === "object" && list !== null) {
    const record = list as Record<string, unknown>;
    list = record["rows"] ?? record["errors"];
  }
  if (!Array.isArray(list)) return [];
  return list.map(toRowError).filter((entry): entry is RowError => entry !== undefined);
}
