import type { AuthenticationResult } from "./cognito";

/** The signed-in user's tokens, as kept in memory and in sessionStorage. */
export interface SessionTokens {
  accessToken: string;
  idToken?: string;
  refreshToken?: string;
  /** Access token expiry, in milliseconds since the epoch. */
  expiresAt: number;
  /** The name the user signed in with, needed in later challenge responses. */
  username: string;
}

/** Reads a JWT's payload without verifying it; the API verifies tokens. */
export function decodeJwtPayload(token: string): Record<string, unknown> | undefined {
  const part = token.split(".")[1];
  if (!part) return undefined;
  try {
    const base64 = part.replace(/-/g, "+").replace(/_/g, "/");
    const padded = base64 + "=".repeat((4 - (base64.length % 4)) % 4);
    const bytes = Uint8Array.from(atob(padded), (char) => char.charCodeAt(0));
    const payload: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return typeof payload === "object" && payload !== null ? (payload as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Builds the stored tokens from a Cognito result. The expiry comes from the
 * token's `exp` claim, because cognito-local sends no `ExpiresIn`. A refresh
 * result carries no refresh token, so the previous one is kept.
 */
export function tokensFromResult(
  result: AuthenticationResult,
  username: string,
  now: number,
  previousRefreshToken?: string,
): SessionTokens {
  const exp = decodeJwtPayload(result.AccessToken)?.["exp"];
  const expiresAt =
    typeof exp === "number"
      ? exp * 1000
      : now + (result.ExpiresIn ?? 3600) * 1000;
  const refreshToken = result.RefreshToken ?? previousRefreshToken;
  return {
    accessToken: result.AccessToken,
    expiresAt,
    username,
    ...(result.IdToken ? { idToken: result.IdToken } : {}),
    ...(refreshToken ? { refreshToken } : {}),
  };
}

/** Margin before expiry at which the access token is refreshed, in milliseconds. */
export const REFRESH_MARGIN_MS = 2 * 60 * 1000;

export function needsRefresh(tokens: SessionTokens, now: number): boolean {
  return tokens.expiresAt - now <= REFRESH_MARGIN_MS;
}

const STORAGE_KEY = "hubsecure.session";

/** The subset of the Web Storage API the store uses, so tests can pass a fake. */
export type KeyValueStorage = Pick<Storage, "getItem" | "setItem" | "removeItem">;

export function saveTokens(storage: KeyValueStorage, tokens: SessionTokens): void {
  storage.setItem(STORAGE_KEY, JSON.stringify(tokens));
}

export function clearTokens(storage: KeyValueStorage): void {
  storage.removeItem(STORAGE_KEY);
}

export function loadTokens(storage: KeyValueStorage): SessionTokens | undefined {
  const raw = storage.getItem(STORAGE_KEY);
  if (!raw) return undefined;
  try {
    const parsed = JSON.parse(raw) as Partial<SessionTokens>;
    if (
      typeof parsed.accessToken !== "string" ||
      typeof parsed.expiresAt !== "number" ||
      typeof parsed.username !== "string"
    ) {
      return undefined;
    }
    return parsed as SessionTokens;
  } catch {
    return undefined;
  }
}
