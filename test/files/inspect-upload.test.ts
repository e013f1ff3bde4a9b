import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { inspectUpload, type DeclaredUpload } from "../../shared/files/inspect-upload";
import { csvText, disguisedExecutable, heicHeader, minimalPdf } from "../support/fixtures";

function declare(fileName: string, bytes: Buffer): DeclaredUpload {
  return { fileName, size: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex") };
}

function body(bytes: Buffer): Readable {
  return Readable.from([bytes.subarray(0, 5), bytes.subarray(5)]);
}

describe("inspectUpload", () => {
  it("accepts a matching PDF", async () => {
    const pdf = minimalPdf();
    const verdict = await inspectUpload(body(pdf), pdf.length, declare("statement.pdf", pdf));
    expect(verdict).toEqual({ accepted: true, detectedType: "application/pdf", label: "PDF document" });
  });

  it("accepts HEIC declared as octet-stream", async () => {
    const heic = heicHeader();
    const verdict = await inspectUpload(body(heic), heic.length, declare("Receipt photo.heic", heic));
    expect(verdict).toMatchObject({ accepted: true, detectedType: "image/heic" });
  });

  it("rejects a checksum mismatch", async () => {
    const pdf = minimalPdf();
    const declared = { ...declare("statement.pdf", pdf), sha256: "0".repeat(64) };
    const verdict = await inspectUpload(body(pdf), pdf.length, declared);
    expect(verdict).toEqual({
      accepted: false,
      reason: "The file's contents do not match the checksum sent when the upload started; upload it again",
    });
  });

  it("rejects a shorter body", async () => {
    const pdf = minimalPdf();
    const declared = { ...declare("statement.pdf", pdf), size: pdf.length + 10 };
    const verdict = await inspectUpload(body(pdf), undefined, declared);
    expect(verdict).toMatchObject({ accepted: false, reason: expect.stringMatching(`received ${pdf.length} bytes but the upload declared ${pdf.length + 10} bytes`) });
  });

  it("rejects a longer body by its length", async () => {
    const pdf = minimalPdf();
    const stream = body(pdf);
    const declared = { ...declare("statement.pdf", pdf), size: 10 };
    const verdict = await inspectUpload(stream, pdf.length, declared);
    expect(verdict).toMatchObject({ accepted: false, reason: expect.stringMatching(`received ${pdf.length} bytes`) });
    expect(stream.destroyed).toBe(true);
  });

  it("rejects a longer body while reading", async () => {
    const pdf = minimalPdf();
    const declared = { ...declare("statement.pdf", pdf), size: 10 };
    const verdict = await inspectUpload(body(pdf), undefined, declared);
    expect(verdict).toMatchObject({ accepted: false, reason: expect.stringMatching("received more than 10 bytes") });
  });

  it("rejects a disguised executable", async () => {
    const fixture = disguisedExecutable();
    const verdict = await inspectUpload(body(fixture.bytes), fixture.bytes.length, declare(fixture.fileName, fixture.bytes));
    expect(verdict).toMatchObject({ accepted: false, reason: expect.stringMatching(/^The file is a Windows executable/) });
  });

  it("rejects text named as a script", async () => {
    const text = csvText();
    const verdict = await inspectUpload(body(text), text.length, declare("payroll.bat", text));
    expect(verdict).toMatchObject({ accepted: false, reason: expect.stringMatching(/ends in \.bat/) });
  });
});
