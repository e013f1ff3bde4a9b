import { describe, expect, it } from "vitest";
import { readableValidationMessage } from "../../web/src/api/validation-message";

const EXE_REASON =
  "The file name ends in .exe, a type that can run as a program when opened; " +
  "upload documents and images only, such as PDF, JPEG, PNG, HEIC, DOCX, XLSX, ZIP or CSV";

describe("readableValidationMessage", () => {
  it("drops the field before a sentence", () => {
    expect(readableValidationMessage(`fileName: ${EXE_REASON}`)).toBe(EXE_REASON);
  });

  it("names the field before a fragment", () => {
    expect(readableValidationMessage("dueDate: must be a date in the form YYYY-MM-DD")).toBe(
      "Due date must be a date in the form YYYY-MM-DD",
    );
    expect(readableValidationMessage("body: is not valid JSON; send a JSON object")).toBe(
      "Body is not valid JSON; send a JSON object",
    );
  });

  it("labels other text", () => {
    expect(readableValidationMessage('body: unknown field "x"; remove it')).toBe('Body: unknown field "x"; remove it');
    expect(readableValidationMessage("title: Too big: expected string to have <=200 characters")).toBe(
      "Title: Too big: expected string to have <=200 characters",
    );
  });

  it("rewrites each of several problems", () => {
    expect(readableValidationMessage("name: is required; clientName: is required")).toBe(
      "Name is required; Client name is required",
    );
    expect(readableValidationMessage(`email: must be an e-mail address such as name@example.com; fileName: ${EXE_REASON}`)).toBe(
      `Email must be an e-mail address such as name@example.com; ${EXE_REASON}`,
    );
  });

  it("keeps nested paths and plain text", () => {
    expect(readableValidationMessage("rows.3.title: is required")).toBe("rows.3.title: is required");
    expect(readableValidationMessage("The request was not valid.")).toBe("The request was not valid.");
  });
});
