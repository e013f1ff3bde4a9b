/**
 * Normalizes a typed e-mail address into the Cognito user name. The API
 * creates every user with the lower-cased address, and cognito-local (unlike
 * the deployed pool, which ignores case) matches the e-mail exactly, so
 * "Staff@firm.example " must become "staff@firm.example" before any call.
 */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
