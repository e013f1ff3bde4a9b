import type { CognitoError } from "./cognito";

/**
 * Turns a Cognito error into a sentence for the person signing in. Wrong
 * password and unknown user give the same text, so the form does not reveal
 * which e-mail addresses have accounts.
 */
export function describeCognitoError(error: Pick<CognitoError, "code" | "message">): string {
  switch (error.code) {
    case "NotAuthorizedException":
      if (/expired/i.test(error.message)) {
        return "Your temporary password or sign-in session has expired. Ask your firm to send a new invitation, or start again.";
      }
      if (/attempts exceeded/i.test(error.message)) {
        return "Too many failed attempts. Wait a few minutes, then try again.";
      }
      return "The e-mail address or password is incorrect.";
    case "UserNotFoundException":
    case "InvalidPasswordException":
      // cognito-local reports a wrong password as InvalidPasswordException;
      // AWS uses the same name for a new password that breaks the policy,
      // whose message then starts with "Password does not conform".
      if (/conform|policy/i.test(error.message)) {
        return `The new password does not meet the password policy: ${error.message.replace(/^.*?:\s*/, "")}`;
      }
      return "The e-mail address or password is incorrect.";
    case "CodeMismatchException":
    case "EnableSoftwareTokenMFAException":
      return "The code is incorrect. Enter the current 6-digit code from your authenticator app.";
    case "ExpiredCodeException":
      return "The code has expired. Enter the newest code from your authenticator app.";
    case "PasswordResetRequiredException":
      return "Your password must be reset before you can sign in. Contact your firm.";
    case "UserNotConfirmedException":
      return "Your account is not confirmed yet. Contact your firm.";
    case "TooManyRequestsException":
    case "LimitExceededException":
      return "Too many attempts. Wait a minute, then try again.";
    case "InvalidParameterException":
      return `The sign-in request was rejected: ${error.message}`;
    case "NetworkError":
      return "The sign-in service could not be reached. Check your connection and try again.";
    default:
      return `Sign-in failed: ${error.message}`;
  }
}
