import { PASSWORD_POLICY, passwordPolicyViolations } from "../../../shared/users/password-policy";

/**
 * The user pool's password policy, shared with the AWS stack and local mode.
 * Cognito enforces it in AWS; cognito-local 5.3 does not, so the
 * new-password form checks it too.
 */
export const PASSWORD_POLICY_TEXT =
  `At least ${PASSWORD_POLICY.minLength} characters, with upper- and lower-case letters, a digit and a symbol.`;

/** Lists what a new password lacks; an empty list means it meets the policy. */
export function passwordPolicyProblems(password: string): string[] {
  return passwordPolicyViolations(password);
}
