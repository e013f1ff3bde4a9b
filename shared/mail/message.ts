/** A plain-text e-mail, independent of how it is sent. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}
