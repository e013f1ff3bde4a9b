import { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { join } from "node:path";
import type { PortOwner } from "../ports";
import { ensureUserPool, type UserPoolIds } from "./bootstrap";
import { startCognitoLocal } from "./process";

export interface LocalCognitoOptions {
  host: string;
  port: number;
  /** Working directory of cognito-local; the pool ids are kept beside it. */
  dataDir: string;
  region?: string;
  owner?: PortOwner;
}

export interface LocalCognito extends UserPoolIds {
  endpoint: string;
  /** Token issuer, as API Gateway's JWT authorizer is configured with it. */
  issuer: string;
  jwksUrl: string;
  close(): Promise<void>;
}

/** Starts cognito-local and makes sure the user pool, app client and staff groups exist. */
export async function startLocalCognito(options: LocalCognitoOptions): Promise<LocalCognito> {
  const child = await startCognitoLocal({
    host: options.host,
    port: options.port,
    dataDir: options.dataDir,
    owner: options.owner,
  });
  const cognito = new CognitoIdentityProviderClient({
    region: options.region ?? "us-east-1",
    endpoint: child.endpoint,
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  try {
    const ids = await ensureUserPool(cognito, join(options.dataDir, "user-pool.json"));
    const issuer = `${child.endpoint}/${ids.userPoolId}`;
    return {
      ...ids,
      endpoint: child.endpoint,
      issuer,
      jwksUrl: `${issuer}/.well-known/jwks.json`,
      close: () => child.close(),
    };
  } catch (error) {
    await child.close();
    throw error;
  } finally {
    cognito.destroy();
  }
}
