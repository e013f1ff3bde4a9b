/** Lower-case hex of a digest, two digits per byte. */
export function toHex(bytes: ArrayBuffer | Uint8Array): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let hex = "";
  for (const byte of view) hex += byte.toString(16).padStart(2, "0");
  return hex;
}

/**
 * Computes the SHA-256 of a file or buffer as 64 hex digits. Web Crypto has
 * no streaming digest, so the whole file is read into memory once. The
 * server's upload limit (250 MB unless configured) bounds that memory.
 */
export async function sha256Hex(data: Blob | ArrayBuffer | Uint8Array): Promise<string> {
  let bytes: ArrayBuffer | Uint8Array;
  if (data instanceof Blob) {
    bytes = await data.arrayBuffer();
  } else {
    bytes = data;
  }
  const digest = await crypto.subtle.digest("SHA-256", bytes as BufferSource);
  return toHex(digest);
}
