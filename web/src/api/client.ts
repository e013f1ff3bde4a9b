import { joinUrl } from "../config";
import { ApiError, parseApiError } from "./errors";

export type QueryValue = string | number | undefined;

export interface RequestOptions {
  query?: Record<string, QueryValue>;
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as is, with `contentType`. */
  text?: string;
  contentType?: string;
}

/** Builds `path?query`, leaving out undefined values. */
export function withQuery(path: string, query: Record<string, QueryValue> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== "") params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

/**
 * Sends authenticated requests to the HubSecure API. A 401 ends the session
 * through `onUnauthorized`, which returns the user to the sign-in page.
 */
export class ApiClient {
  constructor(
    private readonly baseUrl: string,
    private readonly getAccessToken: () => Promise<string>,
    private readonly onUnauthorized: () => void,
  ) {}

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const token = await this.getAccessToken();
    const headers: Record<string, string> = { Authorization: `Bearer ${token}`, Accept: "application/json" };
    let body: string | undefined;
    if (options.json !== undefined) {
      headers["Content-Type"] = "application/json";
      body = JSON.stringify(options.json);
    } else if (options.text !== undefined) {
      headers["Content-Type"] = options.contentType ?? "text/plain";
      body = options.text;
    }

    let response: Response;
    try {
      response = await fetch(joinUrl(this.baseUrl, withQuery(path, options.query)), { method, headers, body });
    } catch {
      throw new ApiError(0, "network_error", "The HubSecure API could not be reached. Check your connection and try again.");
    }

    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text === "" ? undefined : JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    if (!response.ok) {
      if (response.status === 401) this.onUnauthorized();
      throw parseApiError(response.status, parsed);
    }
    return parsed as T;
  }

  get<T>(path: string, query?: Record<string, QueryValue>): Promise<T> {
    return this.request<T>("GET", path, query ? { query } : {});
  }

  post<T>(path: string, json: unknown = {}): Promise<T> {
    return this.request<T>("POST", path, { json });
  }
}
