import { describe, expect, it } from "vitest";
import { asciiFallback, attachmentDisposition, encodeExtendedValue } from "../../shared/files/content-disposition";

/** Reads `filename*` back the way RFC 8187 clients decode it. */
function decodedExtendedName(header: string): string {
  const match = /filename\*=UTF-8''([^;\s]+)/.exec(header);
  if (!match) throw new Error(`no filename* in ${header}`);
  return decodeURIComponent(match[1]!);
}

describe("attachmentDisposition", () => {
  const names = [
    "Payroll reports Q4.zip",
    "Form W-9 (signed).pdf",
    "Adjustments [draft].csv",
    "Bank statement – January 2026.pdf",
    "Engagement letter – Müller & Söhne.docx",
    'The "final" version.pdf',
    "Receipt 🧾 photo.heic",
    "50% deposit; paid, ok's.pdf",
    "back\\slash.txt",
  ];

  it.each(names)("round-trips %s", (name) => {
    expect(decodedExtendedName(attachmentDisposition(name))).toBe(name);
  });

  it.each(names)("is ASCII for %s", (name) => {
    expect(attachmentDisposition(name)).toMatch(/^[\x20-\x7e]+$/);
  });

  it("spaces and brackets", () => {
    expect(attachmentDisposition("Form W-9 (signed).pdf")).toBe(
      `attachment; filename="Form W-9 (signed).pdf"; filename*=UTF-8''Form%20W-9%20%28signed%29.pdf`,
    );
  });

  it("umlauts and an en dash", () => {
    expect(attachmentDisposition("Engagement letter – Müller & Söhne.docx")).toBe(
      `attachment; filename="Engagement letter - Muller & Sohne.docx"; ` +
        `filename*=UTF-8''Engagement%20letter%20%E2%80%93%20M%C3%BCller%20%26%20S%C3%B6hne.docx`,
    );
  });

  it("emoji", () => {
    expect(attachmentDisposition("Receipt 🧾.heic")).toBe(
      `attachment; filename="Receipt _.heic"; filename*=UTF-8''Receipt%20%F0%9F%A7%BE.heic`,
    );
  });

  it("lone surrogate", () => {
    expect(decodedExtendedName(attachmentDisposition("a\uD800b.pdf"))).toBe("a\uFFFDb.pdf");
  });
});

describe("asciiFallback", () => {
  it("replaces quotes, backslashes and percent", () => {
    expect(asciiFallback('50% "final"\\v2.pdf')).toBe("50_ _final__v2.pdf");
  });

  it("keeps dashes and brackets", () => {
    expect(asciiFallback("Adjustments [draft] - v2.csv")).toBe("Adjustments [draft] - v2.csv");
  });

  it("maps sharp s and curly apostrophes", () => {
    expect(asciiFallback("Straße’s.pdf")).toBe("Strasse's.pdf");
  });

  it("names a file of only non-Latin letters", () => {
    expect(asciiFallback("报告.pdf")).toBe("__.pdf");
  });

  it("falls back to download", () => {
    expect(asciiFallback("  ")).toBe("download");
  });
});

describe("encodeExtendedValue", () => {
  it("encodes characters outside attr-char", () => {
    expect(encodeExtendedValue("a'b(c)d*e")).toBe("a%27b%28c%29d%2Ae");
  });

  it("keeps unreserved characters", () => {
    expect(encodeExtendedValue("A-z_0.9~!")).toBe("A-z_0.9~!");
  });
});
