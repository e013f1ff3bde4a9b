/**
 * The user pool's password policy. `infra/constructs/identity.ts` applies it
 * to the AWS user pool and `local/cognito/bootstrap.ts` to the local one.
 * Cognito enforces it in AWS; cognito-local 5.3 stores it but does not, so
 * code that sets passwords locally checks them with `passwordPolicyViolations`.
 */
export const PASSWORD_POLICY = {
  minLength: 12,
  requireLowercase: true,
  requireUppercase: true,
  requireDigits: true,
  requireSymbols: true,
  tempPasswordValidityDays: 7,
} as const;

/** Cognito's maximum password length, whatever the pool's policy (Cognito developer guide). */
export const MAX_PASSWORD_LENGTH = 256;

/**
 * Characters that count as symbols, from the Cognito developer guide
 * ("Adding user pool password requirements"). A space also counts, but only
 * inside the password, because Cognito rejects leading and trailing spaces.
 * Letters and digits count only in Basic Latin (A-Z, a-z, 0-9).
 */
export const PASSWORD_SYMBOLS = "^$*.[]{}()?\"!@#%&/\\,><':;|_~`=+-";

function hasSymbol(password: string): boolean {
  const inner = password.slice(1, -1);
  return [...password].some((char) => PASSWORD_SYMBOLS.includes(char)) || inner.includes(" ");
}

/**
 * Lists the rules of the pool's policy that the password breaks, in the
 * words of an error message ("at least 12 characters"). An empty list means
 * the password meets the policy.
 */
export function passwordPolicyViolations(password: string): string[] {
  const violations: string[] = [];
  if (password.length < PASSWORD_POLICY.minLength) violations.push(`at least ${PASSWORD_POLICY.minLength} characters`);
  if (password.length > MAX_PASSWORD_LENGTH) violations.push(`at most ${MAX_PASSWORD_LENGTH} characters`);
  if (PASSWORD_POLICY.requireLowercase && !/[a-z]/.test(password)) violations.push("a lower-case letter (a-z)");
  if (PASSWORD_POLICY.requireUppercase && !/[A-Z]/.test(password)) violations.push("an upper-case letter (A-Z)");
  if (PASSWORD_POLICY.requireDigits && !/[0-9]/.test(password)) violations.push("a digit (0-9)");
  if (PASSWORD_POLICY.requireSymbols && !hasSymbol(password)) violations.push(`a symbol (one of ${PASSWORD_SYMBOLS} or an inner space)`);
  if (/^\s|\s$/.test(password)) violations.push("no leading or trailing space");
  return violations;
}
