import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  CognitoIdentityProviderClient,
  UserNotFoundException,
  UsernameExistsException,
} from "@aws-sdk/client-cognito-identity-provider";
import { cognitoClient } from "../shared/aws/clients";
import { applyEnvironment, localEnvironment } from "../local/environment";
import type { LocalOutputs } from "../local/outputs";
import { ROLE_GROUPS, provisionUser } from "../local/users";
import type { FirmRole, UsersCreateOptions } from "./arguments";
import { isReachable } from "./local-stack-check";

/** A failure the operator can act on; the CLI prints the message and exits with status 1. */
export class CliError extends Error {}

/** Names Cognito groups for output: "group staff" or "groups admin, staff". */
function groupsLabel(groups: readonly string[]): string {
  return `${groups.length === 1 ? "group" : "groups"} ${groups.join(", ")}`;
}

/**
 * Rejects an address that belongs to a client contact: an account in no
 * firm group. Adding it to `staff` or `admin` would give a client firm-wide
 * access, so firm staff need an address of their own.
 */
async function assertNotClientContact(cognito: CognitoIdentityProviderClient, userPoolId: string, email: string): Promise<void> {
  let username: string;
  try {
    const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: email }));
    username = user.Username ?? email;
  } catch (error) {
    if (error instanceof UserNotFoundException) return;
    throw error;
  }
  // cognito-local matches group members by the stored user name only, not
  // by the e-mail alias, so the lookup uses the user name in both modes.
  const result = await cognito.send(new AdminListGroupsForUserCommand({ UserPoolId: userPoolId, Username: username }));
  const groups = (result.Groups ?? []).map((group) => group.GroupName ?? "");
  if (!groups.includes("staff") && !groups.includes("admin")) {
    throw new CliError(
      `${email} belongs to a client contact, not to firm staff; firm accounts need their own e-mail address, so choose another one.`,
    );
  }
}

const LOCAL_OUTPUT_KEYS: Array<keyof LocalOutputs> = [
  "ApiUrl",
  "WebUrl",
  "UserPoolId",
  "UserPoolClientId",
  "Region",
  "TableName",
  "QuarantineBucketName",
  "VaultBucketName",
  "CognitoEndpoint",
  "OutboxDir",
  "DynamoDbEndpoint",
  "S3Endpoint",
];

export function isLocalOutputs(outputs: Record<string, string>): boolean {
  return typeof outputs.CognitoEndpoint === "string";
}

function asLocalOutputs(outputs: Record<string, string>, source: string): LocalOutputs {
  const missing = LOCAL_OUTPUT_KEYS.filter((key) => typeof outputs[key] !== "string");
  if (missing.length > 0) {
    throw new CliError(`${source} lacks the local-mode keys ${missing.join(", ")}; restart local mode with npm start to rewrite it.`);
  }
  return outputs as unknown as LocalOutputs;
}

/** Describes what happened to the password of a user who already existed. */
function existingPasswordLines(options: UsersCreateOptions, temporaryPassword: string | undefined): string[] {
  if (!options.resetPassword) {
    const ignored = options.password === undefined ? "" : " The --password value was not used.";
    return [`Password unchanged.${ignored} Pass --reset-password to replace it.`];
  }
  if (temporaryPassword) {
    return [`Password reset. Temporary password: ${temporaryPassword}`, "The user chooses a new password at the next sign-in."];
  }
  return ["Password reset to the one given with --password, permanent."];
}

/**
 * Creates the user in local mode through the same provisioning code the API
 * uses, which also stores the user's profile in the local table. An existing
 * user keeps their password unless `resetPassword` is set.
 */
export async function createLocalUser(
  outputsRecord: Record<string, string>,
  source: string,
  options: UsersCreateOptions,
): Promise<string> {
  const outputs = asLocalOutputs(outputsRecord, source);
  for (const [service, url] of [
    ["cognito-local", `${outputs.CognitoEndpoint}/health`],
    ["local DynamoDB", outputs.DynamoDbEndpoint],
  ] as const) {
    if (!(await isReachable(url))) {
      throw new CliError(
        `The local stack is not running: ${service} does not respond at ${url}. ` +
          "Start it with `npm start` in another terminal, or pass --outputs cdk-outputs.json to use a deployed stack.",
      );
    }
  }
  applyEnvironment(localEnvironment(outputs));
  const { email, role, password } = options;
  await assertNotClientContact(cognitoClient(), outputs.UserPoolId, email);
  const result = await provisionUser({
    email,
    role,
    password,
    existingUserPassword: options.resetPassword ? "reset" : "keep",
  });
  const lines: string[] = [];
  if (result.created) {
    lines.push(`Created ${role} user ${result.profile.email} (user id ${result.profile.userId}) in the ${groupsLabel(ROLE_GROUPS[role])}.`);
    if (password) lines.push("Password: the one given with --password, permanent.");
    else if (result.temporaryPassword) {
      lines.push(`Temporary password: ${result.temporaryPassword}`, "The user chooses a new password at first sign-in.");
    }
  } else {
    lines.push(
      `User ${result.profile.email} already exists (user id ${result.profile.userId}); ensured it is in the ${groupsLabel(ROLE_GROUPS[role])}.`,
      ...existingPasswordLines(options, result.temporaryPassword),
    );
  }
  lines.push(`Sign in at ${outputs.WebUrl}`);
  return lines.join("\n");
}

/**
 * Creates the user in a deployed stack's user pool. Cognito generates a
 * temporary password and e-mails it with the pool's invitation template.
 * The user's profile in the table is created from Cognito on the first API
 * call.
 */
export async function createAwsUser(outputs: Record<string, string>, source: string, email: string, role: FirmRole): Promise<string> {
  const userPoolId = outputs.UserPoolId;
  const region = outputs.Region;
  if (!userPoolId || !region) {
    throw new CliError(`${source} lacks UserPoolId or Region; pass the file written by cdk deploy --outputs-file.`);
  }
  const cognito = new CognitoIdentityProviderClient({ region });
  try {
    await assertNotClientContact(cognito, userPoolId, email);
    let created = true;
    try {
      await cognito.send(
        new AdminCreateUserCommand({
          UserPoolId: userPoolId,
          Username: email,
          DesiredDeliveryMediums: ["EMAIL"],
          UserAttributes: [
            { Name: "email", Value: email },
            { Name: "email_verified", Value: "true" },
          ],
        }),
      );
    } catch (error) {
      if (!(error instanceof UsernameExistsException)) throw error;
      created = false;
    }
    for (const groupName of ROLE_GROUPS[role]) {
      await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: email, GroupName: groupName }));
    }
    const lines = created
      ? [`Created ${role} user ${email} in user pool ${userPoolId}.`, "Cognito has e-mailed the invitation with a temporary password."]
      : [
          `User ${email} already exists in user pool ${userPoolId}; ensured it is in the ${groupsLabel(ROLE_GROUPS[role])}.`,
          "Password unchanged.",
        ];
    if (outputs.WebUrl) lines.push(`Sign in at ${outputs.WebUrl}`);
    return lines.join("\n");
  } finally {
    cognito.destroy();
  }
}
