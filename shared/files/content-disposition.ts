/**
 * Builds an RFC 6266 `Content-Disposition: attachment` value that carries the
 * original UTF-8 file name in `filename*` (RFC 8187 encoding) and an ASCII
 * approximation in `filename` for clients that ignore `filename*`.
 */
export function attachmentDisposition(fileName: string): string {
  const name = withoutLoneSurrogates(fileName);
  return `attachment; filename="${asciiFallback(name)}"; filename*=UTF-8''${encodeExtendedValue(name)}`;
}

/** Replaces unpaired UTF-16 surrogates, which have no UTF-8 encoding, with U+FFFD. */
function withoutLoneSurrogates(value: string): string {
  return value.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");
}

/**
 * Returns a printable-ASCII version of the name for the quoted `filename`
 * parameter: accents are dropped (`ü` to `u`), common punctuation is mapped
 * to its ASCII look-alike, and anything else becomes `_`. Quotes, backslashes
 * and `%` are replaced too, because browsers differ in how they unescape them
 * inside a quoted string.
 */
export function asciiFallback(fileName: string): string {
  const mapped = fileName
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/[\u2010-\u2015\u2212]/g, "-")
    .replace(/[\u2018\u2019\u201A\u201B]/g, "'")
    .replace(/ß/g, "ss");
  let result = "";
  for (const character of mapped) {
    const code = character.codePointAt(0)!;
    const printable = code >= 0x20 && code < 0x7f;
    result += printable && character !== '"' && character !== "\\" && character !== "%" ? character : "_";
  }
  return result.trim() === "" ? "download" : result;
}

/**
 * Percent-encodes a value as an RFC 8187 `value-chars`: every byte of the
 * UTF-8 encoding except `attr-char` (letters, digits and `!#$&+-.^_`|~`).
 */
export function encodeExtendedValue(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}
