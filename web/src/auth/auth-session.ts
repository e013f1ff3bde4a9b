import {
  CognitoError,
  callCognito,
  challengePayload,
  passwordAuthPayload,
  refreshAuthPayload,
  type InitiateAuthResponse,
} from "./cognito";
import {
  clearTokens,
  loadTokens,
  needsRefresh,
  REFRESH_MARGIN_MS,
  saveTokens,
  tokensFromResult,
  type KeyValueStorage,
  type SessionTokens,
} from "./tokens";
import { normalizeEmail } from "./username";

/** Challenges this app can respond to. Any other challenge is reported as unsupported. */
export type SupportedChallenge = "NEW_PASSWORD_REQUIRED" | "SOFTWARE_TOKEN_MFA" | "MFA_SETUP";

export type AuthState =
  | { status: "signedOut"; notice?: string }
  | {
      status: "challenge";
      challenge: SupportedChallenge;
      /** Cognito's opaque session id, valid for a few minutes. */
      session: string;
      /** The user name Cognito expects in challenge responses. */
      challengeUsername: string;
      /** The e-mail the user typed, normalized, kept for the session that follows. */
      username: string;
      /** Authenticator secret to enter in an app, during MFA setup only. */
      secretCode?: string;
    }
  | { status: "signedIn"; tokens: SessionTokens };

const SUPPORTED_CHALLENGES: readonly string[] = ["NEW_PASSWORD_REQUIRED", "SOFTWARE_TOKEN_MFA", "MFA_SETUP"];

export const SESSION_EXPIRED_NOTICE = "Your session has ended. Please sign in again.";

/**
 * Holds the sign-in state outside React: it talks to Cognito, keeps tokens
 * in memory and sessionStorage (so a reload keeps the user signed in but a
 * closed tab does not), and refreshes the access token before it expires.
 */
export class AuthSession {
  private state: AuthState;
  private readonly listeners = new Set<() => void>();
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private refreshInFlight: Promise<string> | undefined;

  constructor(
    private readonly endpoint: string,
    private readonly clientId: string,
    private readonly storage: KeyValueStorage,
    private readonly now: () => number = Date.now,
  ) {
    const stored = loadTokens(storage);
    this.state = stored ? { status: "signedIn", tokens: stored } : { status: "signedOut" };
    if (stored) this.scheduleRefresh(stored);
  }

  getState = (): AuthState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Starts sign-in with the typed e-mail, which is trimmed and lower-cased first. */
  async signIn(email: string, password: string): Promise<void> {
    const username = normalizeEmail(email);
    const response = await callCognito<InitiateAuthResponse>(
      this.endpoint,
      "InitiateAuth",
      passwordAuthPayload(this.clientId, username, password),
    );
    await this.applyAuthResponse(response, username);
  }

  async completeNewPassword(newPassword: string): Promise<void> {
    const challenge = this.requireChallenge("NEW_PASSWORD_REQUIRED");
    const response = await callCognito<InitiateAuthResponse>(
      this.endpoint,
      "RespondToAuthChallenge",
      challengePayload(this.clientId, "NEW_PASSWORD_REQUIRED", challenge.session, {
        USERNAME: challenge.challengeUsername,
        NEW_PASSWORD: newPassword,
      }),
    );
    await this.applyAuthResponse(response, challenge.username);
  }

  async submitMfaCode(code: string): Promise<void> {
    const challenge = this.requireChallenge("SOFTWARE_TOKEN_MFA");
    const response = await callCognito<InitiateAuthResponse>(
      this.endpoint,
      "RespondToAuthChallenge",
      challengePayload(this.clientId, "SOFTWARE_TOKEN_MFA", challenge.session, {
        USERNAME: challenge.challengeUsername,
        SOFTWARE_TOKEN_MFA_CODE: code,
      }),
    );
    await this.applyAuthResponse(response, challenge.username);
  }

  /** Verifies the first code from a newly registered authenticator app, then finishes sign-in. */
  async completeMfaSetup(code: string): Promise<void> {
    const challenge = this.requireChallenge("MFA_SETUP");
    const verified = await callCognito<{ Status?: string; Session?: string }>(this.endpoint, "VerifySoftwareToken", {
      Session: challenge.session,
      UserCode: code,
      FriendlyDeviceName: "HubSecure authenticator",
    });
    if (verified.Status !== "SUCCESS" || !verified.Session) {
      throw new CognitoError("CodeMismatchException", "The authenticator code was not accepted");
    }
    const response = await callCognito<InitiateAuthResponse>(
      this.endpoint,
      "RespondToAuthChallenge",
      challengePayload(this.clientId, "MFA_SETUP", verified.Session, { USERNAME: challenge.challengeUsername }),
    );
    await this.applyAuthResponse(response, challenge.username);
  }

  /** Returns to the sign-in form, dropping an unanswered challenge. */
  cancelChallenge(): void {
    this.setState({ status: "signedOut" });
  }

  /**
   * Returns a current access token, refreshing it first when it is about to
   * expire. Throws and signs out when the session can no longer be renewed.
   */
  async getAccessToken(): Promise<string> {
    const state = this.state;
    if (state.status !== "signedIn") {
      throw new CognitoError("NotSignedIn", "Not signed in");
    }
    if (!needsRefresh(state.tokens, this.now())) return state.tokens.accessToken;
    if (!state.tokens.refreshToken) {
      if (state.tokens.expiresAt > this.now()) return state.tokens.accessToken;
      this.endSession(SESSION_EXPIRED_NOTICE);
      throw new CognitoError("NotSignedIn", SESSION_EXPIRED_NOTICE);
    }
    return this.refresh();
  }

  /** Renews the access token with the refresh token; concurrent callers share one request. */
  refresh(): Promise<string> {
    this.refreshInFlight ??= this.refreshOnce().finally(() => {
      this.refreshInFlight = undefined;
    });
    return this.refreshInFlight;
  }

  private async refreshOnce(): Promise<string> {
    const state = this.state;
    if (state.status !== "signedIn" || !state.tokens.refreshToken) {
      throw new CognitoError("NotSignedIn", "Not signed in");
    }
    const { refreshToken, username } = state.tokens;
    try {
      const response = await callCognito<InitiateAuthResponse>(
        this.endpoint,
        "InitiateAuth",
        refreshAuthPayload(this.clientId, refreshToken),
      );
      if (!response.AuthenticationResult) {
        throw new CognitoError("NotAuthorizedException", "Refresh returned no tokens");
      }
      const tokens = tokensFromResult(response.AuthenticationResult, username, this.now(), refreshToken);
      this.startSession(tokens);
      return tokens.accessToken;
    } catch (error) {
      // A network failure keeps the session so a later call can retry; a
      // rejected refresh token means the user must sign in again.
      if (error instanceof CognitoError && error.code !== "NetworkError") {
        this.endSession(SESSION_EXPIRED_NOTICE);
      }
      throw error;
    }
  }

  /** Ends the session after the API rejected the access token. */
  expire(): void {
    if (this.state.status === "signedIn") this.endSession(SESSION_EXPIRED_NOTICE);
  }

  signOut(): void {
    const state = this.state;
    if (state.status === "signedIn" && state.tokens.refreshToken) {
      // Revocation is best effort: the local tokens are dropped either way.
      callCognito(this.endpoint, "RevokeToken", { ClientId: this.clientId, Token: state.tokens.refreshToken }).catch(
        () => undefined,
      );
    }
    this.endSession();
  }

  private requireChallenge(name: SupportedChallenge): Extract<AuthState, { status: "challenge" }> {
    const state = this.state;
    if (state.status !== "challenge" || state.challenge !== name) {
      throw new CognitoError("NotAuthorizedException", "The sign-in session has expired");
    }
    return state;
  }

  private async applyAuthResponse(response: InitiateAuthResponse, username: string): Promise<void> {
    if (response.AuthenticationResult) {
      this.startSession(tokensFromResult(response.AuthenticationResult, username, this.now()));
      return;
    }
    const name = response.ChallengeName ?? "";
    if (!SUPPORTED_CHALLENGES.includes(name) || !response.Session) {
      throw new CognitoError("UnsupportedChallenge", `This app cannot complete the sign-in step "${name || "unknown"}"`);
    }
    // Cognito's own name for the user (the sub where the pool signs in by
    // e-mail alias), so it is passed on unchanged rather than normalized.
    const challengeUsername = response.ChallengeParameters?.["USER_ID_FOR_SRP"] ?? username;
    let session = response.Session;
    let secretCode: string | undefined;
    if (name === "MFA_SETUP") {
      const associated = await callCognito<{ SecretCode?: string; Session?: string }>(
        this.endpoint,
        "AssociateSoftwareToken",
        { Session: session },
      );
      secretCode = associated.SecretCode;
      session = associated.Session ?? session;
    }
    this.setState({
      status: "challenge",
      challenge: name as SupportedChallenge,
      session,
      challengeUsername,
      username,
      ...(secretCode ? { secretCode } : {}),
    });
  }

  private startSession(tokens: SessionTokens): void {
    saveTokens(this.storage, tokens);
    this.scheduleRefresh(tokens);
    this.setState({ status: "signedIn", tokens });
  }

  private endSession(notice?: string): void {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = undefined;
    clearTokens(this.storage);
    this.setState(notice ? { status: "signedOut", notice } : { status: "signedOut" });
  }

  private scheduleRefresh(tokens: SessionTokens): void {
    clearTimeout(this.refreshTimer);
    if (!tokens.refreshToken) return;
    const delay = Math.max(0, tokens.expiresAt - REFRESH_MARGIN_MS - this.now());
    // Browsers cap timer delays at 2^31-1 ms; longer-lived tokens are
    // refreshed lazily by getAccessToken instead.
    if (delay > 2_147_483_647) return;
    this.refreshTimer = setTimeout(() => {
      this.refresh().catch(() => undefined);
    }, delay);
  }

  private setState(next: AuthState): void {
    this.state = next;
    for (const listener of this.listeners) listener();
  }
}
