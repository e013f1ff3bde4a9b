import { ENV } from "../shared/config";
import type { LocalOutputs } from "./outputs";

/**
 * Key id written on vault objects in local mode. s3rver accepts SSE-KMS
 * headers and ignores them, so any value works; this one is recognisable.
 */
export const LOCAL_VAULT_KMS_KEY_ID = "alias/hubsecure-local-vault";
export const LOCAL_MAIL_FROM = "HubSecure <no-reply@hubsecure.localhost>";

/**
 * Returns the environment variables that handlers read through
 * `loadConfig()`, pointing every AWS client at the local stand-ins.
 */
export function localEnvironment(outputs: LocalOutputs): Record<string, string> {
  return {
    [ENV.region]: outputs.Region,
    [ENV.tableName]: outputs.TableName,
    [ENV.quarantineBucket]: outputs.QuarantineBucketName,
    [ENV.vaultBucket]: outputs.VaultBucketName,
    [ENV.vaultKmsKeyId]: LOCAL_VAULT_KMS_KEY_ID,
    [ENV.userPoolId]: outputs.UserPoolId,
    [ENV.userPoolClientId]: outputs.UserPoolClientId,
    [ENV.webUrl]: outputs.WebUrl,
    [ENV.mailFrom]: LOCAL_MAIL_FROM,
    [ENV.mailTransport]: "outbox",
    [ENV.outboxDir]: outputs.OutboxDir,
    [ENV.dynamodbEndpoint]: outputs.DynamoDbEndpoint,
    [ENV.s3Endpoint]: outputs.S3Endpoint,
    [ENV.cognitoEndpoint]: outputs.CognitoEndpoint,
  };
}

/** Sets the variables on `process.env`; handlers read them on every call. */
export function applyEnvironment(variables: Record<string, string>): void {
  for (const [name, value] of Object.entries(variables)) process.env[name] = value;
}
