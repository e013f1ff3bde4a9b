/**
 * Runtime configuration, read from environment variables that the CDK stack
 * sets on each function and that local mode sets before it loads handlers.
 */
export interface AppConfig {
  region: string;
  tableName: string;
  quarantineBucket: string;
  vaultBucket: string;
  /** KMS key id or ARN used for SSE-KMS on vault objects. */
  vaultKmsKeyId: string;
  userPoolId: string;
  userPoolClientId: string;
  /** Address of the web app, written into invitation e-mails. */
  webUrl: string;
  /** Sender address of invitation e-mails (an SES-verified identity in AWS). */
  mailFrom: string;
  /** `ses` sends through SES; `outbox` writes `.eml` files to `outboxDir`. */
  mailTransport: "ses" | "outbox";
  outboxDir: string | undefined;
  /** Largest file a client may upload, in bytes. */
  uploadMaxBytes: number;
  /** Lifetime of a presigned upload form, in seconds. */
  uploadUrlTtlSeconds: number;
  /** Lifetime of a presigned download URL, in seconds. */
  downloadUrlTtlSeconds: number;
  /** Endpoint overrides for local stand-ins; all undefined in AWS. */
  endpoints: {
    dynamodb: string | undefined;
    s3: string | undefined;
    cognito: string | undefined;
  };
}

export const ENV = {
  region: "AWS_REGION",
  tableName: "TABLE_NAME",
  quarantineBucket: "QUARANTINE_BUCKET",
  vaultBucket: "VAULT_BUCKET",
  vaultKmsKeyId: "VAULT_KMS_KEY_ID",
  userPoolId: "USER_POOL_ID",
  userPoolClientId: "USER_POOL_CLIENT_ID",
  webUrl: "WEB_URL",
  mailFrom: "MAIL_FROM",
  mailTransport: "MAIL_TRANSPORT",
  outboxDir: "OUTBOX_DIR",
  uploadMaxBytes: "UPLOAD_MAX_BYTES",
  uploadUrlTtlSeconds: "UPLOAD_URL_TTL_SECONDS",
  downloadUrlTtlSeconds: "DOWNLOAD_URL_TTL_SECONDS",
  dynamodbEndpoint: "HUBSECURE_DYNAMODB_ENDPOINT",
  s3Endpoint: "HUBSECURE_S3_ENDPOINT",
  cognitoEndpoint: "HUBSECURE_COGNITO_ENDPOINT",
} as const;

export const DEFAULT_UPLOAD_MAX_BYTES = 250 * 1024 * 1024;

function required(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === "") {
    throw new Error(`Environment variable ${name} is not set`);
  }
  return value;
}

function optional(name: string): string | undefined {
  const value = process.env[name];
  return value === undefined || value === "" ? undefined : value;
}

function positiveInteger(name: string, fallback: number): number {
  const raw = optional(name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) {
    throw new Error(`Environment variable ${name} must be a positive integer, got "${raw}"`);
  }
  return value;
}

/**
 * Reads the configuration from `process.env` on every call, because local
 * mode and the tests set the environment after modules are loaded.
 */
export function loadConfig(): AppConfig {
  const mailTransport = optional(ENV.mailTransport) ?? "ses";
  if (mailTransport !== "ses" && mailTransport !== "outbox") {
    throw new Error(`Environment variable ${ENV.mailTransport} must be "ses" or "outbox"`);
  }
  return {
    region: optional(ENV.region) ?? "us-east-1",
    tableName: required(ENV.tableName),
    quarantineBucket: required(ENV.quarantineBucket),
    vaultBucket: required(ENV.vaultBucket),
    vaultKmsKeyId: required(ENV.vaultKmsKeyId),
    userPoolId: required(ENV.userPoolId),
    userPoolClientId: required(ENV.userPoolClientId),
    webUrl: required(ENV.webUrl),
    mailFrom: required(ENV.mailFrom),
    mailTransport,
    outboxDir: optional(ENV.outboxDir),
    uploadMaxBytes: positiveInteger(ENV.uploadMaxBytes, DEFAULT_UPLOAD_MAX_BYTES),
    uploadUrlTtlSeconds: positiveInteger(ENV.uploadUrlTtlSeconds, 900),
    downloadUrlTtlSeconds: positiveInteger(ENV.downloadUrlTtlSeconds, 300),
    endpoints: {
      dynamodb: optional(ENV.dynamodbEndpoint),
      s3: optional(ENV.s3Endpoint),
      cognito: optional(ENV.cognitoEndpoint),
    },
  };
}
