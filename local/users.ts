import { provisionUser as provisionCognitoUser, type ProvisionedUser } from "../shared/users/provision";

/** `admin` and `staff` are firm accounts; `client` is a client contact. */
export type UserRole = "admin" | "staff" | "client";

export interface ProvisionUserRequest {
  email: string;
  role: UserRole;
  /** Permanent password; without it the user gets a temporary one and must change it at first sign-in. */
  password?: string;
  /**
   * Password of a user who already exists: `keep` leaves it, `reset` replaces
   * it with `password` or a fresh temporary one. Without it, `password`
   * replaces it and a user who never signed in gets a fresh temporary one.
   */
  existingUserPassword?: "keep" | "reset";
}

/** Cognito groups per role. Admins are firm staff too, so they get both groups. */
export const ROLE_GROUPS: Record<UserRole, string[]> = {
  admin: ["admin", "staff"],
  staff: ["staff"],
  client: [],
};

/**
 * Creates (or finds) the Cognito user, adds it to the role's group and
 * stores its profile, through the same provisioning code the API uses to
 * invite members. Needs the environment that `localEnvironment()` sets.
 */
export function provisionUser(request: ProvisionUserRequest): Promise<ProvisionedUser> {
  return provisionCognitoUser({
    email: request.email,
    kind: request.role === "client" ? "client" : "staff",
    groups: ROLE_GROUPS[request.role],
    permanentPassword: request.password,
    existingUserPassword: request.existingUserPassword,
  });
}
