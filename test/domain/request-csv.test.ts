import { describe, expect, it } from "vitest";
import { MAX_IMPORT_ROWS, parseRequestCsv } from "../../shared/domain/request-csv";

const HEADER = "title,description,category,assignee,due_date,sensitivity";

describe("request list CSV", () => {
  it("parses quoted commas, doubled quotes and a BOM", () => {
    const text = `\uFEFF${HEADER}\n"Receipts over $75, ""per diem"" excluded","Phone photos, one per trip",Expenses,tom@client.example,2026-02-28,internal\n`;
    const result = parseRequestCsv(text);
    expect(result.errors).toEqual([]);
    expect(result.rows).toHaveLength(1);
    expect(result.rows[0]!.title).toBe('Receipts over $75, "per diem" excluded');
    expect(result.rows[0]!.description).toBe("Phone photos, one per trip");
    expect(result.rows[0]!.row).toBe(2);
  });

  it("defaults sensitivity and leaves blanks undefined", () => {
    const result = parseRequestCsv(`${HEADER}\nOrg chart,,,,,\n`);
    expect(result.rows[0]).toMatchObject({ title: "Org chart", sensitivity: "confidential" });
    expect(result.rows[0]!.assigneeEmail).toBeUndefined();
    expect(result.rows[0]!.dueDate).toBeUndefined();
  });

  it("joins an unquoted thousands comma back with a warning", () => {
    const text = `${HEADER}\nFixed assets over $5,000,"Invoices, with dates",Accounting,tom@client.example,2026-02-07,internal\n`;
    const result = parseRequestCsv(text);
    expect(result.errors).toEqual([]);
    expect(result.rows[0]!.title).toBe("Fixed assets over $5,000");
    expect(result.rows[0]!.category).toBe("Accounting");
    expect(result.warnings).toEqual([expect.objectContaining({ row: 2, field: "title" })]);
  });

  it("rejects an extra value that fits no column", () => {
    const result = parseRequestCsv(`${HEADER}\nA,B,C,D,E,F,G\n`);
    expect(result.rows).toEqual([]);
    expect(result.errors).toEqual([expect.objectContaining({ row: 2, field: "row" })]);
  });

  it("reports an unclosed quote", () => {
    const result = parseRequestCsv(`${HEADER}\nA,"never closed,Tax,,2026-01-01,internal\n`);
    expect(result.rows).toEqual([]);
    expect(result.errors[0]).toMatchObject({ field: "csv" });
    expect(result.errors[0]!.message).toMatch(/never closed/);
  });

  it("reports a missing header", () => {
    const result = parseRequestCsv("Bank statements,Monthly,Banking,,2026-01-31,confidential\n");
    expect(result.errors).toEqual([expect.objectContaining({ row: 1, field: "header" })]);
  });

  it("reports an unknown column", () => {
    const result = parseRequestCsv("title,owner\nA,b\n");
    expect(result.errors[0]!.message).toMatch(/unknown column\(s\) owner/);
  });

  it("lists every bad row, not only the first", () => {
    const text = `${HEADER}\nA,,,not-an-email,2026-01-01,internal\nB,,,,2026-02-30,internal\nC,,,,2026-01-01,secret\n,Missing title,,,,\n`;
    const result = parseRequestCsv(text);
    const found = result.errors.map((error) => `${error.row}:${error.field}`);
    expect(found).toEqual(["2:assignee", "3:due_date", "4:sensitivity", "5:title"]);
  });

  it("rejects a date that is not in the calendar", () => {
    const result = parseRequestCsv(`${HEADER}\nA,,,,2026-13-01,internal\n`);
    expect(result.errors[0]).toMatchObject({ row: 2, field: "due_date" });
  });

  it("rejects more rows than one transaction holds", () => {
    const rows = Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => `Item ${i},,,,,`).join("\n");
    const result = parseRequestCsv(`${HEADER}\n${rows}\n`);
    expect(result.rows).toEqual([]);
    expect(result.errors[0]!.message).toMatch(new RegExp(`at most ${MAX_IMPORT_ROWS}`));
  });

  it("skips rows of only commas", () => {
    const result = parseRequestCsv(`${HEADER}\nA,,,,,\n,,,,,\nB,,,,,\n`);
    expect(result.errors).toEqual([]);
    expect(result.rows.map((row) => [row.title, row.row])).toEqual([
      ["A", 2],
      ["B", 4],
    ]);
  });

  it("rejects a header with no rows", () => {
    expect(parseRequestCsv(`${HEADER}\n`).errors[0]!.message).toMatch(/no request rows/);
  });
});

describe("request list CSV assignees", () => {
  const members = new Set(["maria@client.example"]);
  const isMember = (email: string) => members.has(email);

  it("reports a non-member with the other errors of its row", () => {
    const text = `${HEADER}\nA,,,stranger@other.example,2026-02-30,secret\n`;
    const fields = parseRequestCsv(text, isMember).errors.map((error) => error.field);
    expect(fields).toEqual(["assignee", "due_date", "sensitivity"]);
  });

  it("matches members case-insensitively", () => {
    const result = parseRequestCsv(`${HEADER}\nA,,,Maria@Client.example,,\n`, isMember);
    expect(result.errors).toEqual([]);
    expect(result.rows[0]!.assigneeEmail).toBe("maria@client.example");
  });

  it("names semicolons as the problem", () => {
    const result = parseRequestCsv("title;due_date\nA;2026-01-01\n");
    expect(result.errors[0]!.message).toMatch(/semicolons/);
  });
});
