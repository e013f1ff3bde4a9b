import { crc32, deflateRawSync, deflateSync } from "node:zlib";

/**
 * Small files of every accepted type, and some that must be rejected, built
 * in code so that tests and the demo seed need no files from outside the
 * repository. The PDF, PNG, JPEG, GIF and Office files open in their usual
 * viewers. The HEIC file has a real `ftyp` box but no image data, because
 * type detection reads only that box.
 */

export interface FixtureFile {
  fileName: string;
  /** The type a browser would declare for this name. */
  contentType: string;
  bytes: Buffer;
}

/** Builds a one-page PDF with a correct cross-reference table. */
export function minimalPdf(text = "HubSecure test document"): Buffer {
  const stream = `BT /F1 18 Tf 72 720 Td (${text.replace(/[()\\]/g, "")}) Tj ET`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let body = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(body.length);
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xrefOffset = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, "0")} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xrefOffset}\n%%EOF\n`;
  return Buffer.from(body, "latin1");
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** Builds a 2x2 RGB PNG. */
export function tinyPng(): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(2, 0); // width
  header.writeUInt32BE(2, 4); // height
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(2, 9); // colour type: RGB
  // Each row starts with filter type 0.
  const pixels = Buffer.from([0, 255, 0, 0, 0, 255, 0, 0, 0, 0, 255, 255, 255, 255]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", header),
    pngChunk("IDAT", deflateSync(pixels)),
    pngChunk("IEND", Buffer.alloc(0)),
  ]);
}

/**
 * Builds a 1x1 grey baseline JPEG. Each Huffman table contains one 1-bit
 * code, so the scan is "DC difference 0, end of block": the bits 00, padded
 * with ones.
 */
export function tinyJpeg(): Buffer {
  const segment = (marker: number, payload: number[]) => [0xff, marker, (payload.length + 2) >> 8, (payload.length + 2) & 0xff, ...payload];
  const jfif = [0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00];
  const quantization = [0x00, ...new Array<number>(64).fill(1)];
  const frame = [0x08, 0x00, 0x01, 0x00, 0x01, 0x01, 0x01, 0x11, 0x00];
  const oneCode = (tableClassAndId: number) => [tableClassAndId, 1, ...new Array<number>(15).fill(0), 0x00];
  const scan = [0x01, 0x01, 0x00, 0x00, 0x3f, 0x00];
  return Buffer.from([
    0xff, 0xd8,
    ...segment(0xe0, jfif),
    ...segment(0xdb, quantization),
    ...segment(0xc0, frame),
    ...segment(0xc4, oneCode(0x00)),
    ...segment(0xc4, oneCode(0x10)),
    ...segment(0xda, scan),
    0x3f,
    0xff, 0xd9,
  ]);
}

/** Returns the classic 1x1 transparent GIF. */
export function tinyGif(): Buffer {
  return Buffer.from("47494638396101000100800000000000ffffff21f90401000000002c00000000010001000002024401003b", "hex");
}

/** Builds an ISO-BMFF file: an `ftyp` box of the given brands, then an empty `meta` box. */
export function isoMediaHeader(majorBrand: string, compatibleBrands: string[]): Buffer {
  const ftypSize = 16 + 4 * compatibleBrands.length;
  const ftyp = Buffer.alloc(ftypSize);
  ftyp.writeUInt32BE(ftypSize, 0);
  ftyp.write("ftyp", 4, "ascii");
  ftyp.write(majorBrand, 8, "ascii");
  compatibleBrands.forEach((brand, index) => ftyp.write(brand, 16 + 4 * index, "ascii"));
  const meta = Buffer.alloc(12);
  meta.writeUInt32BE(12, 0);
  meta.write("meta", 4, "ascii");
  return Buffer.concat([ftyp, meta]);
}

/** Builds the start of an iPhone HEIC photo: brands heic and mif1, no image data. */
export function heicHeader(): Buffer {
  return isoMediaHeader("heic", ["mif1", "heic"]);
}

export interface ZipEntryInput {
  name: string;
  content: string | Buffer;
  /** Deflate the entry (method 8); stored (method 0) otherwise. */
  deflate?: boolean;
}

/** Writes a ZIP archive: local headers, a central directory and its end record. */
export function zipArchive(entries: ZipEntryInput[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, "utf8");
    const content = typeof entry.content === "string" ? Buffer.from(entry.content, "utf8") : entry.content;
    const data = entry.deflate ? deflateRawSync(content) : content;
    const method = entry.deflate ? 8 : 0;
    const crc = crc32(content);

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // flags: UTF-8 names
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(content.length, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, data);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // version made by
    central.writeUInt16LE(20, 6); // version needed
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(content.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);

    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const XML_HEADER = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

function contentTypes(mainPart: string, mainType: string): string {
  return (
    XML_HEADER +
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    `<Override PartName="/${mainPart}" ContentType="${mainType}"/>` +
    "</Types>"
  );
}

function packageRelationships(mainPart: string): string {
  return (
    XML_HEADER +
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="${mainPart}"/>` +
    "</Relationships>"
  );
}

/** Builds a one-paragraph Word document. */
export function minimalDocx(text = "HubSecure test document"): Buffer {
  const mainPart = "word/document.xml";
  return zipArchive([
    { name: "[Content_Types].xml", content: contentTypes(mainPart, "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"), deflate: true },
    { name: "_rels/.rels", content: packageRelationships(mainPart), deflate: true },
    {
      name: mainPart,
      content:
        XML_HEADER +
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
        `<w:body><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:body></w:document>`,
      deflate: true,
    },
  ]);
}

/** Builds an Excel workbook with one sheet and one number. */
export function minimalXlsx(): Buffer {
  const mainPart = "xl/workbook.xml";
  const spreadsheetNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
  const relationshipNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  return zipArchive([
    { name: "[Content_Types].xml", content: contentTypes(mainPart, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml").replace("</Types>", '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'), deflate: true },
    { name: "_rels/.rels", content: packageRelationships(mainPart), deflate: true },
    {
      name: mainPart,
      content: `${XML_HEADER}<workbook xmlns="${spreadsheetNs}" xmlns:r="${relationshipNs}"><sheets><sheet name="Trial balance" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      deflate: true,
    },
    {
      name: "xl/_rels/workbook.xml.rels",
      content:
        XML_HEADER +
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
        "</Relationships>",
      deflate: true,
    },
    {
      name: "xl/worksheets/sheet1.xml",
      content: `${XML_HEADER}<worksheet xmlns="${spreadsheetNs}"><sheetData><row r="1"><c r="A1"><v>42</v></c></row></sheetData></worksheet>`,
      deflate: true,
    },
  ]);
}

/** Builds a ZIP archive of one text file and one image. */
export function plainZip(): Buffer {
  return zipArchive([
    { name: "payroll/summary.txt", content: "Payroll summary Q4\n", deflate: true },
    { name: "payroll/logo.png", content: tinyPng() },
  ]);
}

/** Builds a Windows PE executable header: the DOS stub and a `PE` signature. */
export function windowsExecutableHeader(): Buffer {
  const bytes = Buffer.alloc(256);
  bytes.write("MZ", 0, "ascii");
  bytes.writeUInt32LE(0x80, 0x3c); // e_lfanew: offset of the PE header
  bytes.write("This program cannot be run in DOS mode.", 0x4e, "ascii");
  bytes.write("PE\0\0", 0x80, "latin1");
  bytes.writeUInt16LE(0x8664, 0x84); // machine: x86-64
  return bytes;
}

/** Builds a 64-bit little-endian ELF header. */
export function elfHeader(): Buffer {
  const bytes = Buffer.alloc(64);
  Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]).copy(bytes);
  bytes.writeUInt16LE(2, 16); // e_type: executable
  bytes.writeUInt16LE(0x3e, 18); // e_machine: x86-64
  return bytes;
}

export function shellScript(): Buffer {
  return Buffer.from("#!/bin/sh\necho 'not a document'\n", "utf8");
}

export function csvText(): Buffer {
  return Buffer.from("account,debit,credit\n1000 Cash,1500.00,\n4000 Revenue,,1500.00\n", "utf8");
}

/**
 * Returns one file of each kind a client sends, named the way clients name
 * files (spaces, dashes, brackets, umlauts). Every one must be accepted.
 */
export function acceptedFixtureFiles(): FixtureFile[] {
  return [
    { fileName: "Bank statement – January 2026.pdf", contentType: "application/pdf", bytes: minimalPdf() },
    { fileName: "Form W-9 (signed).pdf", contentType: "application/pdf", bytes: minimalPdf("Form W-9") },
    { fileName: "Org chart.png", contentType: "image/png", bytes: tinyPng() },
    { fileName: "Passport scan.jpg", contentType: "image/jpeg", bytes: tinyJpeg() },
    // Browsers often report no type for HEIC, which the upload form sends as octet-stream.
    { fileName: "Receipt photo.heic", contentType: "application/octet-stream", bytes: heicHeader() },
    { fileName: "Trial balance FY2025.xlsx", contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", bytes: minimalXlsx() },
    { fileName: "Engagement letter – Müller & Söhne.docx", contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", bytes: minimalDocx() },
    { fileName: "Payroll reports Q4.zip", contentType: "application/zip", bytes: plainZip() },
    { fileName: "Adjustments [draft].csv", contentType: "text/csv", bytes: csvText() },
  ];
}

/** Returns a Windows program renamed to look like a PDF. */
export function disguisedExecutable(): FixtureFile {
  return { fileName: "Invoice 2025-12.pdf", contentType: "application/pdf", bytes: windowsExecutableHeader() };
}
