const UTF8_BOM = [0xef, 0xbb, 0xbf];

/**
 * Number of bytes at the end of `bytes` that start a UTF-8 sequence the
 * sample cut short, so a head read of a longer file is not mistaken for
 * invalid text.
 */
function truncatedSequenceLength(bytes: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const byte = bytes[bytes.length - back]!;
    if ((byte & 0xc0) === 0x80) continue;
    let expected = 1;
    if (byte >= 0xf0) expected = 4;
    else if (byte >= 0xe0) expected = 3;
    else if (byte >= 0xc0) expected = 2;
    return expected > back ? back : 0;
  }
  return 0;
}

/**
 * Returns whether a sample is plain text: valid UTF-8 (an optional byte-order
 * mark allowed) with no NUL and no control characters other than tab, CR and
 * LF. `complete` is true when the sample is the whole file, so a cut-off character
 * at its end is invalid rather than truncated by sampling.
 */
export function isPlainText(sample: Uint8Array, complete: boolean): boolean {
  let bytes = sample;
  if (UTF8_BOM.every((byte, index) => bytes[index] === byte)) bytes = bytes.subarray(UTF8_BOM.length);
  if (!complete) bytes = bytes.subarray(0, bytes.length - truncatedSequenceLength(bytes));
  if (bytes.length === 0) return false;

  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    const allowedWhitespace = code === 0x09 || code === 0x0a || code === 0x0d;
    // C0 controls (including NUL), DEL and the C1 controls U+0080-U+009F.
    const control = code < 0x20 || (code >= 0x7f && code <= 0x9f);
    if (control && !allowedWhitespace) return false;
  }
  return true;
}
