import { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { S3Client } from "@aws-sdk/client-s3";
import { SESv2Client } from "@aws-sdk/client-sesv2";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { loadConfig } from "../config";

/**
 * AWS SDK v3 clients, one per endpoint. In AWS the endpoints are undefined
 * and the SDK resolves them; local mode points them at the stand-ins.
 */
const cache = new Map<string, unknown>();

function cached<T>(key: string, create: () => T): T {
  let client = cache.get(key) as T | undefined;
  if (client === undefined) {
    client = create();
    cache.set(key, client);
  }
  return client;
}

/** Static credentials for local stand-ins, which accept any signature. */
const LOCAL_CREDENTIALS = { accessKeyId: "local", secretAccessKey: "local" };

export function documentClient(): DynamoDBDocumentClient {
  const { region, endpoints } = loadConfig();
  return cached(`dynamodb:${region}:${endpoints.dynamodb ?? ""}`, () => {
    const base = new DynamoDBClient({
      region,
      endpoint: endpoints.dynamodb,
      credentials: endpoints.dynamodb ? LOCAL_CREDENTIALS : undefined,
    });
    return DynamoDBDocumentClient.from(base, {
      marshallOptions: { removeUndefinedValues: true },
    });
  });
}

export function s3Client(): S3Client {
  const { region, endpoints } = loadConfig();
  return cached(`s3:${region}:${endpoints.s3 ?? ""}`, () =>
    new S3Client({
      region,
      endpoint: endpoints.s3,
      credentials: endpoints.s3 ? LOCAL_CREDENTIALS : undefined,
      forcePathStyle: endpoints.s3 !== undefined,
      // s3rver corrupts bodies sent with the SDK's default checksum framing,
      // and real S3 does not need a checksum on every request.
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
    }),
  );
}

export function cognitoClient(): CognitoIdentityProviderClient {
  const { region, endpoints } = loadConfig();
  return cached(`cognito:${region}:${endpoints.cognito ?? ""}`, () =>
    new CognitoIdentityProviderClient({
      region,
      endpoint: endpoints.cognito,
      credentials: endpoints.cognito ? LOCAL_CREDENTIALS : undefined,
    }),
  );
}

export function sesClient(): SESv2Client {
  const { region } = loadConfig();
  return cached(`ses:${region}`, () => new SESv2Client({ region }));
}
