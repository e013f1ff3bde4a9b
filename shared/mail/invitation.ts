import type { MailMessage } from "./message";

export interface InvitationInput {
  to: string;
  temporaryPassword: string;
  signInUrl: string;
  workspaceName?: string;
  invitedBy?: string;
}

/**
 * Builds the invitation e-mail. The line `Temporary password: <value>` is a
 * stable format that people and tests look for; the first sign-in replaces
 * the password.
 */
export function invitationMessage(input: InvitationInput): MailMessage {
  const context = input.workspaceName
    ? `${input.invitedBy ?? "Your advisor"} invited you to the workspace "${input.workspaceName}" on HubSecure, the secure portal your advisor uses to exchange documents.`
    : "You have been given an account on HubSecure, the secure portal your advisor uses to exchange documents.";
  return {
    to: input.to,
    subject: input.workspaceName ? `You're invited to ${input.workspaceName} on HubSecure` : "Your HubSecure account",
    text: [
      "Hello,",
      "",
      context,
      "",
      `Sign in at: ${input.signInUrl}`,
      `User name: ${input.to}`,
      `Temporary password: ${input.temporaryPassword}`,
      "",
      "At your first sign-in you will choose a new password. The temporary password expires in 7 days.",
      "If you did not expect this message, ignore it.",
      "",
    ].join("\n"),
  };
}
