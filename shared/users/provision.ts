import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  UsernameExistsException,
  type AttributeType,
} from "@aws-sdk/client-cognito-identity-provider";
import { cognitoClient } from "../aws/clients";
import { loadConfig } from "../config";
import { saveUserProfile, type UserKind, type UserProfile } from "../store/users";
import { generateTemporaryPassword } from "./passwords";

export interface ProvisionUserInput {
  email: string;
  kind: UserKind;
  /** Cognito groups to add the user to, such as `staff` or `admin`. */
  groups?: string[];
  /** Sets a permanent password and skips the temporary one. */
  permanentPassword?: string;
  /**
   * Password of a user who already exists. By default `permanentPassword`
   * replaces it, and a user who never signed in gets a fresh temporary
   * password. `keep` leaves it as it is. `reset` replaces it with
   * `permanentPassword`, or else with a fresh temporary password, even for
   * a user who has signed in.
   */
  existingUserPassword?: "keep" | "reset";
}

export interface ProvisionedUser {
  profile: UserProfile;
  /** Set when the user must sign in with it and choose a new password. */
  temporaryPassword?: string;
  /**
   * False when the Cognito user already existed. By default a user who
   * existed but never signed in also counts as created, because this call
   * invites them again.
   */
  created: boolean;
}

function attribute(attributes: AttributeType[] | undefined, name: string): string | undefined {
  return attributes?.find((item) => item.Name === name)?.Value;
}

/**
 * Creates (or finds) the Cognito user for an e-mail address, adds it to its
 * groups and stores its profile. Cognito's own invitation message is
 * suppressed: the caller sends ours, with the temporary password returned
 * here. By default a user who exists but never signed in gets a fresh
 * temporary password, so a repeated invitation works. `existingUserPassword`
 * sets what happens to an existing user's password instead.
 */
export async function provisionUser(input: ProvisionUserInput): Promise<ProvisionedUser> {
  const { userPoolId } = loadConfig();
  const cognito = cognitoClient();
  const email = input.email.toLowerCase();
  let temporaryPassword: string | undefined = input.permanentPassword ? undefined : generateTemporaryPassword();
  let userId: string | undefined;
  let created = true;
  let keepPassword = false;

  try {
    const result = await cognito.send(
      new AdminCreateUserCommand({
        UserPoolId: userPoolId,
        Username: email,
        TemporaryPassword: temporaryPassword ?? generateTemporaryPassword(),
        MessageAction: "SUPPRESS",
        UserAttributes: [
          { Name: "email", Value: email },
          { Name: "email_verified", Value: "true" },
        ],
      }),
    );
    userId = attribute(result.User?.Attributes, "sub");
  } catch (error) {
    if (!(error instanceof UsernameExistsException)) throw error;
    const existing = await cognito.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: email }));
    userId = attribute(existing.UserAttributes, "sub");
    created = false;
    const neverSignedIn = existing.UserStatus === "FORCE_CHANGE_PASSWORD";
    const issueTemporaryPassword =
      input.existingUserPassword === "reset" || (input.existingUserPassword === undefined && neverSignedIn);
    if (issueTemporaryPassword && temporaryPassword) {
      await cognito.send(
        new AdminSetUserPasswordCommand({
          UserPoolId: userPoolId,
          Username: email,
          Password: temporaryPassword,
          Permanent: false,
        }),
      );
      created = input.existingUserPassword === undefined;
    } else {
      temporaryPassword = undefined;
    }
    keepPassword = input.existingUserPassword === "keep";
  }
  if (!userId) throw new Error("Cognito returned a user without a sub attribute");

  if (input.permanentPassword && !keepPassword) {
    await cognito.send(
      new AdminSetUserPasswordCommand({
        UserPoolId: userPoolId,
        Username: email,
        Password: input.permanentPassword,
        Permanent: true,
      }),
    );
  }
  for (const group of input.groups ?? []) {
    await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: email, GroupName: group }));
  }

  const profile = await saveUserProfile({ userId, email, kind: input.kind });
  return { profile, temporaryPassword, created };
}

/**
 * Tells whether the user has yet to sign in and replace the temporary
 * password, so that a new invitation with a fresh password loses nothing.
 */
export async function awaitsFirstSignIn(email: string): Promise<boolean> {
  const user = await cognitoClient().send(
    new AdminGetUserCommand({ UserPoolId: loadConfig().userPoolId, Username: email.toLowerCase() }),
  );
  return user.UserStatus === "FORCE_CHANGE_PASSWORD";
}
