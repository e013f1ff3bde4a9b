/**
 * Runtime configuration of the web app, read from `config.json` beside
 * `index.html`. The keys match the stack outputs (`cdk deploy --outputs-file`
 * in AWS, `.local/outputs.json` in local mode), so one build serves both.
 */
export interface WebConfig {
  apiUrl: string;
  userPoolId: string;
  userPoolClientId: string;
  region: string;
  /** Address of the Cognito API: cognito-local in local mode, AWS otherwise. */
  cognitoEndpoint: string;
}

/** Appends a path to a base URL, with exactly one slash between them. */
export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, "")}/${path.replace(/^\/+/, "")}`;
}

export function resolveCognitoEndpoint(region: string, override?: string): string {
  const endpoint = override ?? `https://cognito-idp.${region}.amazonaws.com/`;
  return endpoint.endsWith("/") ? endpoint : `${endpoint}/`;
}

function requiredString(raw: Record<string, unknown>, key: string): string {
  const value = raw[key];
  if (typeof value !== "string" || value.trim() === "") {
    throw new Error(`config.json is missing the key "${key}"`);
  }
  return value.trim();
}

/** Validates the parsed `config.json` and derives the Cognito endpoint. */
export function parseConfig(raw: unknown): WebConfig {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new Error("config.json must contain a JSON object");
  }
  const record = raw as Record<string, unknown>;
  const region = requiredString(record, "Region");
  const override = record["CognitoEndpoint"];
  return {
    apiUrl: requiredString(record, "ApiUrl"),
    userPoolId: requiredString(record, "UserPoolId"),
    userPoolClientId: requiredString(record, "UserPoolClientId"),
    region,
    cognitoEndpoint: resolveCognitoEndpoint(
      region,
      typeof override === "string" && override.trim() !== "" ? override.trim() : undefined,
    ),
  };
}

export async function loadConfig(): Promise<WebConfig> {
  const url = new URL("config.json", document.baseURI);
  const response = await fetch(url, { cache: "no-store" });
  if (!response.ok) {
    throw new Error(`Could not load ${url.pathname}: HTTP ${response.status}`);
  }
  return parseConfig(await response.json());
}
