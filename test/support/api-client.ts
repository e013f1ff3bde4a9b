import {
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
} from "@aws-sdk/client-cognito-identity-provider";

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** A minimal HTTP client for the HubSecure API, as a browser would call it. */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    readonly accessToken?: string,
  ) {}

  async request<T = any>(
    method: string,
    path: string,
    options: { json?: unknown; text?: string; contentType?: string } = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = {};
    if (this.accessToken) headers.authorization = `Bearer ${this.accessToken}`;
    let body: string | undefined;
    if (options.json !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(options.json);
    } else if (options.text !== undefined) {
      headers["content-type"] = options.contentType ?? "text/csv";
      body = options.text;
    }
    const response = await fetch(new URL(path.replace(/^\//, ""), `${this.baseUrl.replace(/\/?$/, "/")}`), {
      method,
      headers,
      body,
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text === "" ? undefined : JSON.parse(text);
    } catch {
      // Non-JSON bodies are returned as text.
    }
    return { status: response.status, body: parsed as T, headers: response.headers };
  }

  get<T = any>(path: string) {
    return this.request<T>("GET", path);
  }

  post<T = any>(path: string, json?: unknown) {
    return this.request<T>("POST", path, { json: json ?? {} });
  }
}

export interface CognitoTarget {
  endpoint: string;
  clientId: string;
  region?: string;
}

/**
 * Signs in with USER_PASSWORD_AUTH and returns the access token. When the
 * user still has a temporary password, `newPassword` completes the
 * NEW_PASSWORD_REQUIRED challenge.
 */
export async function signIn(target: CognitoTarget, email: string, password: string, newPassword?: string): Promise<string> {
  const cognito = new CognitoIdentityProviderClient({
    region: target.region ?? "us-east-1",
    endpoint: target.endpoint,
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  try {
    const started = await cognito.send(
      new InitiateAuthCommand({
        AuthFlow: "USER_PASSWORD_AUTH",
        ClientId: target.clientId,
        AuthParameters: { USERNAME: email, PASSWORD: password },
      }),
    );
    if (started.AuthenticationResult?.AccessToken) return started.AuthenticationResult.AccessToken;
    if (started.ChallengeName !== "NEW_PASSWORD_REQUIRED" || !newPassword) {
      throw new Error(`Sign-in for ${email} stopped at challenge ${started.ChallengeName ?? "none"}`);
    }
    const answered = await cognito.send(
      new RespondToAuthChallengeCommand({
        ClientId: target.clientId,
        ChallengeName: "NEW_PASSWORD_REQUIRED",
        Session: started.Session,
        ChallengeResponses: { USERNAME: email, NEW_PASSWORD: newPassword },
      }),
    );
    const token = answered.AuthenticationResult?.AccessToken;
    if (!token) throw new Error(`New-password challenge for ${email} returned no token`);
    return token;
  } finally {
    cognito.destroy();
  }
}
