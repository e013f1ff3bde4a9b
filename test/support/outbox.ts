import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

/** Decodes the plain-text body of an `.eml` file written by the local outbox. */
export function emlBody(eml: string): string {
  const [headers = "", ...rest] = eml.split("\r\n\r\n");
  const body = rest.join("\r\n\r\n");
  return /Content-Transfer-Encoding: base64/i.test(headers)
    ? Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8")
    : body;
}

/** Returns the newest message to `recipient` in the outbox, decoded. */
export async function latestMessageTo(outboxDir: string, recipient: string): Promise<{ headers: string; body: string }> {
  const names = (await readdir(outboxDir)).filter((name) => name.endsWith(".eml")).sort();
  for (const name of names.reverse()) {
    const eml = await readFile(path.join(outboxDir, name), "utf8");
    const headers = eml.split("\r\n\r\n")[0] ?? "";
    if (headers.toLowerCase().includes(`to: ${recipient.toLowerCase()}`)) return { headers, body: emlBody(eml) };
  }
  throw new Error(`No message to ${recipient} in ${outboxDir}`);
}

export function temporaryPasswordIn(body: string): string {
  const match = /^Temporary password: (\S+)$/m.exec(body);
  if (!match) throw new Error("The invitation has no 'Temporary password:' line");
  return match[1]!;
}
