import { AdminGetUserCommand } from "@aws-sdk/client-cognito-identity-provider";
import { cognitoClient } from "../aws/clients";
import { isFirmStaff, type Caller } from "../api/caller";
import type { UserRefDto } from "../api/schemas";
import { loadConfig } from "../config";
import { UnauthorizedError } from "../errors";
import { getUserProfile, saveUserProfile, type UserProfile } from "../store/users";

/**
 * Returns the caller's stored profile. Access tokens carry no e-mail, so the
 * profile supplies it for audit events. A user created outside the API (in
 * the AWS console, say) gets a profile from Cognito on first use.
 */
export async function callerProfile(caller: Caller): Promise<UserProfile> {
  const stored = await getUserProfile(caller.userId);
  if (stored) return stored;

  const user = await cognitoClient().send(
    new AdminGetUserCommand({ UserPoolId: loadConfig().userPoolId, Username: caller.username }),
  );
  const email = user.UserAttributes?.find((attribute) => attribute.Name === "email")?.Value;
  if (!email) throw new UnauthorizedError("The signed-in user has no e-mail address");
  return saveUserProfile({ userId: caller.userId, email, kind: isFirmStaff(caller) ? "staff" : "client" });
}

export function userRef(profile: Pick<UserProfile, "userId" | "email">): UserRefDto {
  return { userId: profile.userId, email: profile.email };
}
