import { describe, expect, it } from "vitest";
import { NOT_ALLOWED_REASON, sniffFileType, type SniffResult } from "../../shared/files/sniff";
import { OOXML_TYPES } from "../../shared/files/sniff-zip";
import {
  csvText,
  elfHeader,
  heicHeader,
  isoMediaHeader,
  minimalDocx,
  minimalPdf,
  minimalXlsx,
  plainZip,
  shellScript,
  tinyGif,
  tinyJpeg,
  tinyPng,
  windowsExecutableHeader,
  zipArchive,
} from "../support/fixtures";

function sniff(bytes: Uint8Array, fileName = "upload.bin", complete = true): SniffResult {
  return sniffFileType(bytes, { fileName, complete });
}

function typeOf(result: SniffResult): string | undefined {
  return "type" in result ? result.type : undefined;
}

function reasonOf(result: SniffResult): string | undefined {
  return "rejected" in result ? result.rejected : undefined;
}

describe("sniffFileType accepts", () => {
  const cases: [string, Uint8Array, string, string][] = [
    ["PDF", minimalPdf(), "statement.pdf", "application/pdf"],
    ["PNG", tinyPng(), "chart.png", "image/png"],
    ["JPEG", tinyJpeg(), "scan.jpg", "image/jpeg"],
    ["GIF", tinyGif(), "logo.gif", "image/gif"],
    ["TIFF little-endian", Buffer.from([0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0]), "scan.tif", "image/tiff"],
    ["TIFF big-endian", Buffer.from([0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8]), "scan.tiff", "image/tiff"],
    ["WebP", Buffer.concat([Buffer.from("RIFF"), Buffer.from([26, 0, 0, 0]), Buffer.from("WEBPVP8 ")]), "photo.webp", "image/webp"],
    ["HEIC", heicHeader(), "Receipt photo.heic", "image/heic"],
    ["HEIF with mif1 only", isoMediaHeader("mif1", ["mif1"]), "photo.heif", "image/heif"],
    ["HEIC behind mif1", isoMediaHeader("mif1", ["mif1", "heic"]), "photo.heic", "image/heic"],
    ["AVIF", isoMediaHeader("avif", ["avif", "mif1"]), "photo.avif", "image/avif"],
    ["HEIC sequence", isoMediaHeader("hevc", ["mif1", "msf1"]), "burst.heic", "image/heic-sequence"],
    ["DOCX", minimalDocx(), "letter.docx", OOXML_TYPES.docx],
    ["XLSX", minimalXlsx(), "balance.xlsx", OOXML_TYPES.xlsx],
    ["plain ZIP", plainZip(), "reports.zip", "application/zip"],
    ["empty ZIP", Buffer.from([0x50, 0x4b, 0x05, 0x06, ...new Array<number>(18).fill(0)]), "empty.zip", "application/zip"],
    ["CSV", csvText(), "balances.csv", "text/csv"],
    ["UTF-8 text", Buffer.from("Grüße – Müller & Söhne\r\n\tEnde\n", "utf8"), "notes.txt", "text/plain"],
    ["text with a byte-order mark", Buffer.from("\uFEFFname,amount\n", "utf8"), "export.csv", "text/csv"],
  ];
  it.each(cases)("%s", (_name, bytes, fileName, expected) => {
    expect(typeOf(sniff(bytes, fileName))).toBe(expected);
  });

  it("DOCX named .zip", () => {
    expect(typeOf(sniff(minimalDocx(), "letter.zip"))).toBe(OOXML_TYPES.docx);
  });

  it("PDF named .jpg", () => {
    expect(typeOf(sniff(minimalPdf(), "scan.jpg"))).toBe("application/pdf");
  });

  it("PPTX by folder name", () => {
    const pptx = zipArchive([{ name: "ppt/presentation.xml", content: "<p:presentation/>", deflate: true }]);
    expect(typeOf(sniff(pptx, "deck.pptx"))).toBe(OOXML_TYPES.pptx);
  });

  it("XLSX by content types alone", () => {
    const xlsx = zipArchive([
      {
        name: "[Content_Types].xml",
        content: '<Types><Override PartName="/book.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
        deflate: true,
      },
      { name: "book.xml", content: "<workbook/>" },
    ]);
    expect(typeOf(sniff(xlsx, "balance.xlsx"))).toBe(OOXML_TYPES.xlsx);
  });

  it("text cut inside a character", () => {
    const bytes = Buffer.from("Zürich", "utf8").subarray(0, 2);
    expect(typeOf(sniff(bytes, "notes.txt", false))).toBe("text/plain");
  });
});

describe("sniffFileType rejects", () => {
  it("Windows executable named .pdf", () => {
    const reason = reasonOf(sniff(windowsExecutableHeader(), "Invoice.pdf"));
    expect(reason).toMatch(/^The file is a Windows executable, not a document/);
  });

  it("ELF executable", () => {
    expect(reasonOf(sniff(elfHeader(), "report.pdf"))).toMatch(/Linux executable/);
  });

  it("Mach-O executable", () => {
    expect(reasonOf(sniff(Buffer.from([0xcf, 0xfa, 0xed, 0xfe, 7, 0, 0, 1]), "scan.png"))).toMatch(/macOS executable/);
  });

  it("universal Mach-O binary", () => {
    expect(reasonOf(sniff(Buffer.from([0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 2]), "a.pdf"))).toMatch(/macOS executable/);
  });

  it("Java class file", () => {
    expect(reasonOf(sniff(Buffer.from([0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 52]), "a.pdf"))).toMatch(/Java class file/);
  });

  it("shell script", () => {
    expect(reasonOf(sniff(shellScript(), "notes.txt"))).toMatch(/script \(it starts with #!\)/);
  });

  it("MP4 video", () => {
    expect(reasonOf(sniff(isoMediaHeader("isom", ["isom", "mp42"]), "clip.mp4"))).toMatch(/video or audio/);
  });

  it("legacy Office file", () => {
    const ole2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    expect(reasonOf(sniff(ole2, "ledger.xls"))).toMatch(/legacy Office 97-2003/);
  });

  it("macro-enabled workbook", () => {
    const xlsm = zipArchive([
      { name: "[Content_Types].xml", content: "<Types>application/vnd.ms-excel.sheet.macroEnabled.main+xml</Types>", deflate: true },
      { name: "xl/workbook.xml", content: "<workbook/>" },
    ]);
    expect(reasonOf(sniff(xlsm, "balance.xlsx"))).toMatch(/with macros/);
  });

  it("VBA project inside a ZIP", () => {
    const docm = zipArchive([
      { name: "word/document.xml", content: "<w:document/>" },
      { name: "word/vbaProject.bin", content: Buffer.from([1, 2, 3]) },
    ]);
    expect(reasonOf(sniff(docm, "letter.docx"))).toMatch(/with macros/);
  });

  it("binary data", () => {
    expect(reasonOf(sniff(Buffer.from([0x00, 0x01, 0x02, 0x03, 0xfe, 0xff]), "data.bin"))).toBe(NOT_ALLOWED_REASON);
  });

  it("text with a NUL byte", () => {
    expect(reasonOf(sniff(Buffer.from("name,amount\u0000\n", "utf8"), "a.csv"))).toBe(NOT_ALLOWED_REASON);
  });

  it("text with an escape character", () => {
    expect(reasonOf(sniff(Buffer.from("\u001b[31mred\n", "utf8"), "a.txt"))).toBe(NOT_ALLOWED_REASON);
  });

  it("invalid UTF-8", () => {
    expect(reasonOf(sniff(Buffer.from([0x61, 0x62, 0xc3, 0x28, 0x0a]), "a.txt"))).toBe(NOT_ALLOWED_REASON);
  });

  it("complete text cut inside a character", () => {
    const bytes = Buffer.from("Zürich", "utf8").subarray(0, 2);
    expect(reasonOf(sniff(bytes, "notes.txt", true))).toBe(NOT_ALLOWED_REASON);
  });

  it.each(["remote.rdp", "query.iqy", "sheet.slk", "Documents.library-ms", "launch.desktop", "site.website", "readme"])(
    "text named %s",
    (fileName) => {
      const reason = reasonOf(sniff(Buffer.from("full address:s:203.0.113.9\n", "utf8"), fileName));
      expect(reason).toMatch(/accepted as \.txt, \.csv, \.tsv or \.md only/);
    },
  );
});
