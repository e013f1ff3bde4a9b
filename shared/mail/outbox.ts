import { mkdir, writeFile } from "node:fs/promises";
import { randomUUID } from "node:crypto";
import path from "node:path";
import type { MailMessage } from "./message";

function encodeHeader(value: string): string {
  // RFC 2047 encoded-word for non-ASCII subjects.
  return /^[\x20-\x7e]*$/.test(value) ? value : `=?UTF-8?B?${Buffer.from(value, "utf8").toString("base64")}?=`;
}

/**
 * Renders an RFC 5322 message with a UTF-8 plain-text body. The body is sent
 * as 8bit rather than base64 so that a developer can read the outbox with
 * `cat`. Invitation lines are far below the 998-character line limit.
 */
export function renderEml(message: MailMessage, from: string, date = new Date()): string {
  const messageId = `<${randomUUID()}@hubsecure.local>`;
  const body = message.text.replace(/\r?\n/g, "\r\n");
  return [
    `From: ${from}`,
    `To: ${message.to}`,
    `Subject: ${encodeHeader(message.subject)}`,
    `Date: ${date.toUTCString()}`,
    `Message-ID: ${messageId}`,
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "Content-Transfer-Encoding: 8bit",
    "",
    body,
    "",
  ].join("\r\n");
}

/**
 * Writes the message as an `.eml` file, which local mode uses in place of
 * SES. The file name starts with the time so a directory listing sorts by
 * arrival. Returns the file's path.
 */
export async function writeToOutbox(dir: string, message: MailMessage, from: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const safeRecipient = message.to.replace(/[^A-Za-z0-9@._-]/g, "_");
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const file = path.join(dir, `${stamp}-${safeRecipient}-${randomUUID().slice(0, 8)}.eml`);
  await writeFile(file, renderEml(message, from), { mode: 0o600 });
  return file;
}
