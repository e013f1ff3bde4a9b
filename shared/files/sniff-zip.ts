import type { SniffResult } from "./sniff-result";
import { entryText, readZipEntries } from "./zip-entries";

export const OOXML_TYPES = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
} as const;

type OfficeKind = keyof typeof OOXML_TYPES;

const LABELS: Record<OfficeKind, string> = {
  docx: "Word document",
  xlsx: "Excel workbook",
  pptx: "PowerPoint presentation",
};

/** Top-level folder of each Office Open XML format's main part. */
const FOLDERS: Record<string, OfficeKind> = { "word/": "docx", "xl/": "xlsx", "ppt/": "pptx" };

/** Main-part content types in `[Content_Types].xml` (ECMA-376 part 1). */
const MAIN_PART_TYPES: [marker: string, kind: OfficeKind][] = [
  ["wordprocessingml.document.main+xml", "docx"],
  ["wordprocessingml.template.main+xml", "docx"],
  ["spreadsheetml.sheet.main+xml", "xlsx"],
  ["spreadsheetml.template.main+xml", "xlsx"],
  ["presentationml.presentation.main+xml", "pptx"],
  ["presentationml.slideshow.main+xml", "pptx"],
];

const MACRO_REJECTION =
  "The file is an Office document with macros, which can run code when opened; " +
  "save it without macros (as .docx, .xlsx or .pptx) or as a PDF and upload it again";

/**
 * Labels a ZIP container: an Office Open XML document (DOCX, XLSX, PPTX) when
 * its entries or `[Content_Types].xml` declare it, otherwise a plain ZIP archive.
 * Macro-enabled Office files are rejected because their macros can run when
 * staff open them. Only entries inside the sample are seen, so a macro
 * project stored far into a large archive goes unnoticed unless the content
 * types, which Office writes first, declare it.
 */
export function classifyZip(sample: Uint8Array): SniffResult {
  const entries = readZipEntries(sample);
  let kind: OfficeKind | undefined;
  for (const entry of entries) {
    const name = entry.name.toLowerCase();
    if (name.endsWith("vbaproject.bin")) return { rejected: MACRO_REJECTION };
    if (name === "[content_types].xml") {
      const text = entryText(entry);
      if (text?.toLowerCase().includes("macroenabled")) return { rejected: MACRO_REJECTION };
      kind ??= MAIN_PART_TYPES.find(([marker]) => text?.includes(marker))?.[1];
    }
    for (const [folder, folderKind] of Object.entries(FOLDERS)) {
      if (name.startsWith(folder)) kind ??= folderKind;
    }
  }
  if (kind) return { type: OOXML_TYPES[kind], label: LABELS[kind] };
  return { type: "application/zip", label: "ZIP archive" };
}
