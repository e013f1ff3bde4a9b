import { SendEmailCommand } from "@aws-sdk/client-sesv2";
import { sesClient } from "../aws/clients";
import { loadConfig } from "../config";
import type { MailMessage } from "./message";
import { writeToOutbox } from "./outbox";

/** Sends a message through SES, or into the local outbox folder. */
export async function sendMail(message: MailMessage): Promise<void> {
  const config = loadConfig();
  if (config.mailTransport === "outbox") {
    if (!config.outboxDir) throw new Error("OUTBOX_DIR must be set when MAIL_TRANSPORT is outbox");
    await writeToOutbox(config.outboxDir, message, config.mailFrom);
    return;
  }
  await sesClient().send(
    new SendEmailCommand({
      FromEmailAddress: config.mailFrom,
      Destination: { ToAddresses: [message.to] },
      Content: {
        Simple: {
          Subject: { Data: message.subject, Charset: "UTF-8" },
          Body: { Text: { Data: message.text, Charset: "UTF-8" } },
        },
      },
    }),
  );
}
