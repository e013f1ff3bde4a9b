import { describe, expect, it } from "vitest";
import { dangerousNameReason, fileExtension } from "../../shared/files/file-name";

describe("fileExtension", () => {
  it.each([
    ["Form W-9 (signed).pdf", "pdf"],
    ["archive.tar.GZ", "gz"],
    ["report.exe. . ", "exe"],
    ["README", undefined],
    ["trailing.", undefined],
    [".bashrc", "bashrc"],
  ])("%s", (name, expected) => {
    expect(fileExtension(name)).toBe(expected);
  });
});

describe("dangerousNameReason", () => {
  it.each(["setup.exe", "Invoice.PDF.exe", "run.bat", "script.ps1", "page.html", "drawing.svg", "macro.xlsm", "tool.exe."])(
    "rejects %s",
    (name) => {
      expect(dangerousNameReason(name)).toMatch(/^The file name ends in \.\w+, a type that can run as a program/);
    },
  );

  it.each(["Receipt photo.heic", "Trial balance FY2025.xlsx", "notes", "Adjustments [draft].csv", "exe.pdf"])("accepts %s", (name) => {
    expect(dangerousNameReason(name)).toBeUndefined();
  });
});
