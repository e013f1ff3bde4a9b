/**
 * Object keys of uploaded files. The server chooses every key from ids it
 * generated, so a client's file name never becomes part of a storage path.
 */

const ID_PATTERN = "[A-Za-z0-9_-]{1,64}";
const QUARANTINE_KEY = new RegExp(`^quarantine/(${ID_PATTERN})/(${ID_PATTERN})$`);

export function quarantineKey(workspaceId: string, fileId: string): string {
  return `quarantine/${workspaceId}/${fileId}`;
}

export function vaultKey(workspaceId: string, fileId: string): string {
  return `vault/${workspaceId}/${fileId}`;
}

/** Returns the ids in a quarantine key, or undefined for any other key. */
export function parseQuarantineKey(key: string): { workspaceId: string; fileId: string } | undefined {
  const match = QUARANTINE_KEY.exec(key);
  if (!match) return undefined;
  return { workspaceId: match[1]!, fileId: match[2]! };
}

/**
 * Decodes an object key from an S3 event notification, which carries keys
 * URL-encoded with spaces as `+`. Returns undefined for a malformed encoding.
 */
export function decodeEventKey(encoded: string): string | undefined {
  try {
    return decodeURIComponent(encoded.replace(/\+/g, " "));
  } catch {
    return undefined;
  }
}
