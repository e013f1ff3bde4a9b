/**
 * The user pool's password policy: the AWS stack and local mode both
 * require 12 characters with upper- and lower-case letters, a digit and a
 * symbol. Cognito enforces it in AWS; cognito-local 5.3 does not, so the
 * new-password form checks it too.
 */
export const MIN_PASSWORD_LENGTH = 12;

export const PASSWORD_POLICY_TEXT = `At least ${MIN_PASSWORD_LENGTH} characters, with upper- and lower-case letters, a digit and a symbol.`;

/** Lists what a new password lacks; an empty list means it meets the policy. */
export function passwordPolicyProblems(password: string): string[] {
  const problems: string[] = [];
  if (password.length < MIN_PASSWORD_LENGTH) problems.push(`at least ${MIN_PASSWORD_LENGTH} characters`);
  if (!/[a-z]/.test(password)) problems.push("a lower-case letter");
  if (!/[A-Z]/.test(password)) problems.push("an upper-case letter");
  if (!/[0-9]/.test(password)) problems.push("a digit");
  if (!/[^A-Za-z0-9]/.test(password)) problems.push("a symbol");
  return problems;
}
