/**
 * A minimal client for the Cognito user pool API (JSON 1.1 over HTTPS), the
 * same calls the AWS SDK makes. It works against AWS and cognito-local
 * because both accept the `X-Amz-Target` protocol at the endpoint root.
 */

export type CognitoOperation =
  | "InitiateAuth"
  | "RespondToAuthChallenge"
  | "AssociateSoftwareToken"
  | "VerifySoftwareToken"
  | "RevokeToken";

export interface AuthenticationResult {
  AccessToken: string;
  IdToken?: string;
  /** Absent when refreshing: the existing refresh token stays valid. */
  RefreshToken?: string;
  /** Lifetime of the access token in seconds; cognito-local omits it. */
  ExpiresIn?: number;
}

export interface InitiateAuthResponse {
  AuthenticationResult?: AuthenticationResult;
  ChallengeName?: string;
  ChallengeParameters?: Record<string, string>;
  Session?: string;
}

/** Error returned by the Cognito API, with its exception name as `code`. */
export class CognitoError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "CognitoError";
  }
}

export interface CognitoHttpRequest {
  url: string;
  init: RequestInit & { method: "POST"; headers: Record<string, string>; body: string };
}

export function buildCognitoRequest(
  endpoint: string,
  operation: CognitoOperation,
  payload: Record<string, unknown>,
): CognitoHttpRequest {
  return {
    url: endpoint,
    init: {
      method: "POST",
      headers: {
        "Content-Type": "application/x-amz-json-1.1",
        "X-Amz-Target": `AWSCognitoIdentityProviderService.${operation}`,
      },
      body: JSON.stringify(payload),
    },
  };
}

/**
 * Reads the exception name from an error body. AWS may prefix `__type` with
 * a namespace (`...#NotAuthorizedException`), so only the last part counts.
 */
export function parseCognitoError(status: number, body: unknown): CognitoError {
  const record = typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
  const rawType = typeof record["__type"] === "string" ? record["__type"] : "";
  const code = rawType.split("#").pop() || `HTTP${status}`;
  const rawMessage = record["message"] ?? record["Message"];
  const message = typeof rawMessage === "string" && rawMessage !== "" ? rawMessage : `Cognito returned HTTP ${status}`;
  return new CognitoError(code, message);
}

export async function callCognito<T>(
  endpoint: string,
  operation: CognitoOperation,
  payload: Record<string, unknown>,
): Promise<T> {
  const request = buildCognitoRequest(endpoint, operation, payload);
  let response: Response;
  try {
    response = await fetch(request.url, request.init);
  } catch {
    throw new CognitoError("NetworkError", "The sign-in service could not be reached");
  }
  const text = await response.text();
  let body: unknown = undefined;
  try {
    body = text === "" ? {} : JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (!response.ok) {
    throw parseCognitoError(response.status, body);
  }
  return body as T;
}

export function passwordAuthPayload(clientId: string, username: string, password: string) {
  return {
    AuthFlow: "USER_PASSWORD_AUTH",
    ClientId: clientId,
    AuthParameters: { USERNAME: username, PASSWORD: password },
  };
}

export function refreshAuthPayload(clientId: string, refreshToken: string) {
  return {
    AuthFlow: "REFRESH_TOKEN_AUTH",
    ClientId: clientId,
    AuthParameters: { REFRESH_TOKEN: refreshToken },
  };
}

export function challengePayload(
  clientId: string,
  challengeName: string,
  session: string,
  responses: Record<string, string>,
) {
  return {
    ClientId: clientId,
    ChallengeName: challengeName,
    Session: session,
    ChallengeResponses: responses,
  };
}
