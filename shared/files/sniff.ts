import { fileExtension } from "./file-name";
import { isPlainText } from "./plain-text";
import { classifyZip } from "./sniff-zip";
import type { SniffResult } from "./sniff-result";

/**
 * Detects a file's real type from its first bytes and checks it against the
 * allow-list of document and image types.
 *
 * Decisions:
 * - The declared content type and the file-name extension do not decide
 *   acceptance. Browsers report HEIC photos as `application/octet-stream` or
 *   not at all, and clients rename files freely, so the processor records
 *   the declared and the detected type side by side and serves the detected
 *   one. Only the bytes decide.
 * - Programs are rejected whatever their name, so an executable renamed to
 *   `.pdf` never reaches the vault. Names that make the recipient's system
 *   run a file are rejected separately, in `file-name.ts`.
 * - Legacy Office 97-2003 files (OLE2 compound files: .doc, .xls, .ppt) are
 *   not accepted: the same container carries Windows installers (.msi), and
 *   their macros cannot be found from the first bytes.
 */

export type { SniffResult } from "./sniff-result";

export interface SniffOptions {
  /** The client's file name, used only to label text as CSV or plain text. */
  fileName: string;
  /** True when `head` contains the whole file rather than its first bytes. */
  complete: boolean;
}

/** How much of the file the sniffer needs: magic numbers plus the first ZIP entries. */
export const SNIFF_SAMPLE_BYTES = 64 * 1024;

const NEXT_STEP = "upload a PDF, an image or an Office document instead";

export const NOT_ALLOWED_REASON =
  "The file is not a type this portal accepts. Upload a PDF; a JPEG, PNG, GIF, TIFF, WebP or HEIC image; " +
  "a Word, Excel or PowerPoint document (DOCX, XLSX, PPTX); a ZIP archive; or CSV or plain text";

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + signature.length) return false;
  return signature.every((byte, index) => bytes[offset + index] === byte);
}

function ascii(bytes: Uint8Array, start: number, end: number): string {
  return String.fromCharCode(...bytes.subarray(start, end));
}

function uint32BigEndian(bytes: Uint8Array, offset: number): number {
  return ((bytes[offset]! << 24) | (bytes[offset + 1]! << 16) | (bytes[offset + 2]! << 8) | bytes[offset + 3]!) >>> 0;
}

/** Rejects native programs, compiled code and scripts, naming what the file is. */
function detectExecutable(head: Uint8Array): string | undefined {
  const program = (kind: string) => `The file is ${kind}, not a document; ${NEXT_STEP}`;
  if (startsWith(head, [0x4d, 0x5a])) return program("a Windows executable");
  if (startsWith(head, [0x7f, 0x45, 0x4c, 0x46])) return program("a Linux executable (ELF)");
  const machO = [
    [0xfe, 0xed, 0xfa, 0xce],
    [0xfe, 0xed, 0xfa, 0xcf],
    [0xce, 0xfa, 0xed, 0xfe],
    [0xcf, 0xfa, 0xed, 0xfe],
  ];
  if (machO.some((signature) => startsWith(head, signature))) return program("a macOS executable (Mach-O)");
  if (startsWith(head, [0xca, 0xfe, 0xba, 0xbe]) && head.length >= 8) {
    // A Java class file and a universal Mach-O binary share this magic number.
    // The next word is the class-file version (45 or more) or the Mach-O
    // architecture count (a handful).
    return uint32BigEndian(head, 4) >= 45 ? program("a Java class file (compiled code)") : program("a macOS executable (Mach-O)");
  }
  if (startsWith(head, [0x23, 0x21])) return program("a script (it starts with #!)");
  if (startsWith(head, [0x00, 0x61, 0x73, 0x6d])) return program("a WebAssembly module");
  return undefined;
}

/** HEIF-family brands in an ISO-BMFF `ftyp` box, mapped to their media types (ISO/IEC 23008-12, AV1 image format). */
const IMAGE_BRANDS: Record<string, { type: string; label: string }> = {
  heic: { type: "image/heic", label: "HEIC photo" },
  heix: { type: "image/heic", label: "HEIC photo" },
  heim: { type: "image/heic", label: "HEIC photo" },
  heis: { type: "image/heic", label: "HEIC photo" },
  hevc: { type: "image/heic-sequence", label: "HEIC image sequence" },
  hevx: { type: "image/heic-sequence", label: "HEIC image sequence" },
  hevm: { type: "image/heic-sequence", label: "HEIC image sequence" },
  hevs: { type: "image/heic-sequence", label: "HEIC image sequence" },
  avif: { type: "image/avif", label: "AVIF image" },
  avis: { type: "image/avif", label: "AVIF image" },
  mif1: { type: "image/heif", label: "HEIF image" },
  msf1: { type: "image/heif-sequence", label: "HEIF image sequence" },
};

/** Brands tried in this order when the major brand is not a specific image brand. */
const BRAND_PREFERENCE = ["heic", "heix", "heim", "heis", "avif", "hevc", "hevx", "hevm", "hevs", "avis", "mif1", "msf1"];

/**
 * Classifies an ISO base media file (`ftyp` box at offset 4). HEIC, HEIF and
 * AVIF images are accepted; MP4, QuickTime and other media are not.
 */
function classifyIsoMedia(head: Uint8Array): SniffResult {
  const boxSize = uint32BigEndian(head, 0);
  const major = ascii(head, 8, 12);
  const brands = [major];
  for (let offset = 16; offset + 4 <= Math.min(boxSize, head.length); offset += 4) {
    brands.push(ascii(head, offset, offset + 4));
  }
  // mif1 and msf1 mark any HEIF file, so a compatible brand can be more specific.
  const majorImage = IMAGE_BRANDS[major];
  if (majorImage && major !== "mif1" && major !== "msf1") return majorImage;
  const preferred = BRAND_PREFERENCE.find((brand) => brands.includes(brand));
  if (preferred) return IMAGE_BRANDS[preferred]!;
  return { rejected: `The file is a video or audio file (MP4, MOV or similar), not a document or photo; ${NEXT_STEP}` };
}

/** Extensions under which plain text is accepted; see `classifyText`. */
const TEXT_EXTENSIONS: Record<string, SniffResult> = {
  csv: { type: "text/csv", label: "CSV text" },
  tsv: { type: "text/tab-separated-values", label: "TSV text" },
  txt: { type: "text/plain", label: "plain text" },
  md: { type: "text/markdown", label: "Markdown text" },
};

/**
 * Accepts text only under a text extension. Many Windows and desktop
 * formats that connect to servers or run commands when opened (.rdp, .iqy,
 * .slk, .library-ms, .desktop and others) are plain text. The bytes alone
 * therefore cannot show that a text file is harmless, so its extension decides.
 */
function classifyText(options: SniffOptions): SniffResult {
  const extension = fileExtension(options.fileName);
  const accepted = extension === undefined ? undefined : TEXT_EXTENSIONS[extension];
  if (accepted) return accepted;
  const named = extension === undefined ? "has no extension" : `ends in .${extension}`;
  return {
    rejected:
      `The file is text but its name ${named}; text files are accepted as .txt, .csv, .tsv or .md only, ` +
      "because other extensions can make the computer that opens the file run or connect to something. Rename it and upload it again",
  };
}

/**
 * Returns the detected type of a file from its first bytes (at least
 * `SNIFF_SAMPLE_BYTES` of them unless the file is shorter), or why it is
 * rejected.
 */
export function sniffFileType(head: Uint8Array, options: SniffOptions): SniffResult {
  const executable = detectExecutable(head);
  if (executable) return { rejected: executable };

  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return { type: "application/pdf", label: "PDF document" };
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { type: "image/png", label: "PNG image" };
  if (startsWith(head, [0xff, 0xd8, 0xff])) return { type: "image/jpeg", label: "JPEG image" };
  if (ascii(head, 0, 6) === "GIF87a" || ascii(head, 0, 6) === "GIF89a") return { type: "image/gif", label: "GIF image" };
  if (startsWith(head, [0x49, 0x49, 0x2a, 0x00]) || startsWith(head, [0x4d, 0x4d, 0x00, 0x2a])) {
    return { type: "image/tiff", label: "TIFF image" };
  }
  if (ascii(head, 0, 4) === "RIFF" && ascii(head, 8, 12) === "WEBP") return { type: "image/webp", label: "WebP image" };
  if (head.length >= 12 && ascii(head, 4, 8) === "ftyp") return classifyIsoMedia(head);
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return classifyZip(head);
  // An empty archive is only an end-of-central-directory record.
  if (startsWith(head, [0x50, 0x4b, 0x05, 0x06])) return { type: "application/zip", label: "ZIP archive" };
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    return {
      rejected:
        "The file is a legacy Office 97-2003 file (such as .doc or .xls) or a Windows installer; " +
        "save it in the current format (.docx, .xlsx, .pptx) or as a PDF and upload it again",
    };
  }
  if (isPlainText(head, options.complete)) return classifyText(options);
  return { rejected: NOT_ALLOWED_REASON };
}
