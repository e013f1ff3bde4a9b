import {
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  ListGroupsCommand,
  ResourceNotFoundException,
  SetUserPoolMfaConfigCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { PASSWORD_POLICY } from "../../shared/users/password-policy";

/** Cognito groups that mark firm staff. */
export const STAFF_GROUPS = ["admin", "staff"] as const;

export interface UserPoolIds {
  userPoolId: string;
  userPoolClientId: string;
}

const POOL_NAME = "hubsecure-local";
const CLIENT_NAME = "hubsecure-web";

async function readIds(stateFile: string): Promise<UserPoolIds | undefined> {
  try {
    const parsed = JSON.parse(await readFile(stateFile, "utf8")) as Partial<UserPoolIds>;
    if (typeof parsed.userPoolId === "string" && typeof parsed.userPoolClientId === "string") {
      return { userPoolId: parsed.userPoolId, userPoolClientId: parsed.userPoolClientId };
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT" && !(error instanceof SyntaxError)) throw error;
  }
  return undefined;
}

async function writeIds(stateFile: string, ids: UserPoolIds): Promise<void> {
  await mkdir(dirname(stateFile), { recursive: true });
  const temporary = `${stateFile}.tmp`;
  await writeFile(temporary, `${JSON.stringify(ids, null, 2)}\n`);
  await rename(temporary, stateFile);
}

async function poolExists(cognito: CognitoIdentityProviderClient, ids: UserPoolIds): Promise<boolean> {
  try {
    await cognito.send(new DescribeUserPoolCommand({ UserPoolId: ids.userPoolId }));
    await cognito.send(
      new DescribeUserPoolClientCommand({ UserPoolId: ids.userPoolId, ClientId: ids.userPoolClientId }),
    );
    return true;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return false;
    throw error;
  }
}

/**
 * Creates the user pool and app client with the sign-in settings of
 * `infra/constructs/identity.ts`: e-mail as the user name, its password
 * policy, optional TOTP MFA, and a public client (no secret) with
 * USER_PASSWORD_AUTH and its token lifetimes. cognito-local 5.3 stores the
 * password policy but does not enforce it.
 */
async function createPool(cognito: CognitoIdentityProviderClient): Promise<UserPoolIds> {
  const pool = await cognito.send(
    new CreateUserPoolCommand({
      PoolName: POOL_NAME,
      UsernameAttributes: ["email"],
      AutoVerifiedAttributes: ["email"],
      UsernameConfiguration: { CaseSensitive: false },
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      Policies: {
        PasswordPolicy: {
          MinimumLength: PASSWORD_POLICY.minLength,
          RequireUppercase: PASSWORD_POLICY.requireUppercase,
          RequireLowercase: PASSWORD_POLICY.requireLowercase,
          RequireNumbers: PASSWORD_POLICY.requireDigits,
          RequireSymbols: PASSWORD_POLICY.requireSymbols,
          TemporaryPasswordValidityDays: PASSWORD_POLICY.tempPasswordValidityDays,
        },
      },
    }),
  );
  const userPoolId = pool.UserPool?.Id;
  if (!userPoolId) throw new Error("cognito-local returned no user pool id");

  await cognito.send(
    new SetUserPoolMfaConfigCommand({
      UserPoolId: userPoolId,
      MfaConfiguration: "OPTIONAL",
      SoftwareTokenMfaConfiguration: { Enabled: true },
    }),
  );

  const client = await cognito.send(
    new CreateUserPoolClientCommand({
      UserPoolId: userPoolId,
      ClientName: CLIENT_NAME,
      GenerateSecret: false,
      ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
      PreventUserExistenceErrors: "ENABLED",
      AccessTokenValidity: 15,
      IdTokenValidity: 15,
      RefreshTokenValidity: 12,
      TokenValidityUnits: { AccessToken: "minutes", IdToken: "minutes", RefreshToken: "hours" },
    }),
  );
  const userPoolClientId = client.UserPoolClient?.ClientId;
  if (!userPoolClientId) throw new Error("cognito-local returned no app client id");
  return { userPoolId, userPoolClientId };
}

async function ensureGroups(cognito: CognitoIdentityProviderClient, userPoolId: string): Promise<void> {
  const existing = await cognito.send(new ListGroupsCommand({ UserPoolId: userPoolId }));
  const names = new Set((existing.Groups ?? []).map((group) => group.GroupName));
  for (const groupName of STAFF_GROUPS) {
    if (names.has(groupName)) continue;
    await cognito.send(
      new CreateGroupCommand({
        UserPoolId: userPoolId,
        GroupName: groupName,
        Description: groupName === "admin" ? "Firm administrators" : "Firm staff",
      }),
    );
  }
}

/**
 * Returns the local user pool and app client, creating them on first use.
 * Their ids are kept in `stateFile`; when cognito-local no longer has them
 * (its data was deleted), they are created again.
 */
export async function ensureUserPool(cognito: CognitoIdentityProviderClient, stateFile: string): Promise<UserPoolIds> {
  let ids = await readIds(stateFile);
  if (!ids || !(await poolExists(cognito, ids))) {
    ids = await createPool(cognito);
    await writeIds(stateFile, ids);
  }
  await ensureGroups(cognito, ids.userPoolId);
  return ids;
}
