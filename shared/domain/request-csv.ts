import { parse } from "csv-parse/sync";
import { z } from "zod";
import { Email, IsoDate, Sensitivity } from "../api/schemas";

export const CSV_COLUMNS = ["title", "description", "category", "assignee", "due_date", "sensitivity"] as const;

/**
 * DynamoDB allows 100 actions per transaction and each row writes a request
 * and its audit event, so one all-or-nothing import contains at most 50 rows.
 */
export const MAX_IMPORT_ROWS = 50;

export interface CsvRequestRow {
  /** Spreadsheet row number: the header is row 1, the first item row 2. */
  row: number;
  title: string;
  description?: string;
  category?: string;
  assigneeEmail?: string;
  dueDate?: string;
  sensitivity: z.infer<typeof Sensitivity>;
}

export interface CsvRowError {
  row: number;
  field: string;
  message: string;
}

export interface ParsedRequestCsv {
  rows: CsvRequestRow[];
  errors: CsvRowError[];
  /** Rows read with a correction, such as an unquoted comma joined back. */
  warnings: CsvRowError[];
}

const LIMITS = { title: 300, description: 4000, category: 100 } as const;

interface CsvRecord {
  values: string[];
  /** Per value: whether it was enclosed in double quotes in the file. */
  quoted: boolean[];
}

/** Marks which fields of one raw CSV record were enclosed in double quotes. */
function quotedFields(raw: string): boolean[] {
  const flags: boolean[] = [];
  let i = 0;
  while (i <= raw.length) {
    while (raw[i] === " " || raw[i] === "\t") i++;
    const quoted = raw[i] === '"';
    flags.push(quoted);
    if (quoted) {
      i++;
      while (i < raw.length && !(raw[i] === '"' && raw[i + 1] !== '"')) i += raw[i] === '"' ? 2 : 1;
      i++;
    }
    while (i < raw.length && raw[i] !== "," && raw[i] !== "\n" && raw[i] !== "\r") i++;
    if (raw[i] !== ",") break;
    i++;
  }
  return flags;
}

function parseRecords(text: string): { records: CsvRecord[]; errors: CsvRowError[] } {
  try {
    const parsed = parse(text, {
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
      raw: true,
    }) as unknown as { record: string[]; raw: string }[];
    const records = parsed.map(({ record, raw }) => ({ values: record, quoted: quotedFields(raw) }));
    return { records, errors: [] };
  } catch (error) {
    const csvError = error as { code?: string; message?: string; records?: number; lines?: number };
    const row = typeof csvError.records === "number" ? csvError.records + 1 : (csvError.lines ?? 1);
    const problem =
      csvError.code === "CSV_QUOTE_NOT_CLOSED"
        ? "has a quoted value that is never closed; add the closing double quote"
        : `is not valid CSV (${csvError.message ?? "parse error"})`;
    return { records: [], errors: [{ row, field: "csv", message: problem }] };
  }
}

/**
 * Lists every way to join adjacent unquoted values so that `values` fills
 * exactly `width` columns. Spreadsheet exports leave commas unquoted in values such
 * as "$5,000"; a quoted value is never split, so it is never joined.
 */
function joinings(record: CsvRecord, width: number): string[][] {
  const results: string[][] = [];
  const extra = record.values.length - width;
  const walk = (start: number, column: number, spare: number, acc: string[]) => {
    if (column === width) {
      if (start === record.values.length) results.push(acc);
      return;
    }
    for (let take = 1; take <= spare + 1 && start + take <= record.values.length; take++) {
      const group = record.values.slice(start, start + take);
      const anyQuoted = record.quoted.slice(start, start + take).some(Boolean);
      if (take > 1 && anyQuoted) break;
      walk(start + take, column + 1, spare - (take - 1), [...acc, group.join(",")]);
    }
  };
  walk(0, 0, extra, []);
  return results;
}
function checkHeader(header: string[] | undefined): CsvRowError[] {
  const names = (header ?? []).map((name) => name.trim().toLowerCase());
  const expected = CSV_COLUMNS.join(",");
  if (names.length === 1 && /;/.test(names[0]!) && names[0]!.split(";").includes("title")) {
    return [{ row: 1, field: "header", message: "uses semicolons between columns; save the file as CSV with commas (in Excel: CSV UTF-8)" }];
  }
  if (!names.includes("title")) {
    return [{ row: 1, field: "header", message: `is missing; the first row must be the header ${expected}` }];
  }
  const unknown = names.filter((name) => !(CSV_COLUMNS as readonly string[]).includes(name));
  if (unknown.length > 0) {
    return [{ row: 1, field: "header", message: `has unknown column(s) ${unknown.join(", ")}; allowed columns are ${expected}` }];
  }
  const duplicate = names.find((name, index) => names.indexOf(name) !== index);
  if (duplicate) return [{ row: 1, field: "header", message: `names the column ${duplicate} twice` }];
  return [];
}

function optionalText(value: string | undefined): string | undefined {
  return value === undefined || value === "" ? undefined : value;
}

/** Checks that an assignee can be given work; the import passes the workspace's members. */
export type AssigneeCheck = (email: string) => boolean;

/** Checks one row's values, returning the parsed row or every error found in it. */
function parseRow(values: Record<string, string>, row: number, isMember: AssigneeCheck): CsvRequestRow | CsvRowError[] {
  const errors: CsvRowError[] = [];

  const title = values.title ?? "";
  if (title === "") errors.push({ row, field: "title", message: "is required" });
  for (const field of ["title", "description", "category"] as const) {
    if ((values[field] ?? "").length > LIMITS[field]) {
      errors.push({ row, field, message: `is longer than ${LIMITS[field]} characters` });
    }
  }

  const assignee = optionalText(values.assignee);
  if (assignee !== undefined && !Email.safeParse(assignee).success) {
    errors.push({ row, field: "assignee", message: `"${assignee}" is not an e-mail address` });
  } else if (assignee !== undefined && !isMember(assignee.toLowerCase())) {
    errors.push({ row, field: "assignee", message: `${assignee} is not a member of this workspace; add them under Members first` });
  }

  const dueDate = optionalText(values.due_date);
  if (dueDate !== undefined && !IsoDate.safeParse(dueDate).success) {
    errors.push({ row, field: "due_date", message: `"${dueDate}" is not a date in the form YYYY-MM-DD, such as 2026-01-31` });
  }

  const sensitivityText = optionalText(values.sensitivity)?.toLowerCase() ?? "confidential";
  const sensitivity = Sensitivity.safeParse(sensitivityText);
  if (!sensitivity.success) {
    errors.push({ row, field: "sensitivity", message: `"${values.sensitivity}" is not one of ${Sensitivity.options.join(", ")}` });
  }

  if (errors.length > 0 || !sensitivity.success) return errors;
  return {
    row,
    title,
    description: optionalText(values.description),
    category: optionalText(values.category),
    assigneeEmail: assignee?.toLowerCase(),
    dueDate,
    sensitivity: sensitivity.data,
  };
}

/**
 * Parses one record. A record with more values than columns is accepted only
 * when exactly one way of joining unquoted neighbours yields a valid row.
 * The join is reported as a warning so that the person can check it.
 */
function parseRecord(
  record: CsvRecord,
  names: string[],
  row: number,
  isMember: AssigneeCheck,
): { result: CsvRequestRow | CsvRowError[]; warning?: CsvRowError } {
  const toValues = (cells: string[]) => Object.fromEntries(names.map((name, column) => [name, cells[column] ?? ""]));
  if (record.values.length === names.length) return { result: parseRow(toValues(record.values), row, isMember) };
  const mismatch: CsvRowError[] = [
    {
      row,
      field: "row",
      message: `has ${record.values.length} values but the header has ${names.length} columns; enclose values that contain commas in double quotes`,
    },
  ];
  if (record.values.length < names.length) return { result: mismatch };

  const valid = joinings(record, names.length)
    .map((cells) => ({ cells, parsed: parseRow(toValues(cells), row, isMember) }))
    .filter((candidate): candidate is { cells: string[]; parsed: CsvRequestRow } => !Array.isArray(candidate.parsed));
  if (valid.length !== 1) return { result: mismatch };
  const { cells, parsed } = valid[0]!;
  // Joining shifts every later value, so the first changed column is the joined one.
  const joinedColumn = Math.max(0, cells.findIndex((cell, column) => cell !== record.values[column]));
  const field = names[joinedColumn] ?? "row";
  return {
    result: parsed,
    warning: { row, field, message: `contained an unquoted comma; read as "${cells[joinedColumn]}"` },
  };
}

/**
 * Parses a request list. Returns every row error found rather than stopping
 * at the first, so the person fixing the file gets all of them at once.
 */
export function parseRequestCsv(text: string, isMember: AssigneeCheck = () => true): ParsedRequestCsv {
  const { records, errors: syntaxErrors } = parseRecords(text);
  if (syntaxErrors.length > 0) return { rows: [], errors: syntaxErrors, warnings: [] };
  const [header, ...body] = records;
  const headerErrors = checkHeader(header?.values);
  if (headerErrors.length > 0) return { rows: [], errors: headerErrors, warnings: [] };
  const names = header!.values.map((name) => name.trim().toLowerCase());
  // Spreadsheets export blank rows as a line of commas; they carry nothing.
  const rowNumbers = new Map(body.map((record, index) => [record, index + 2]));
  const filled = body.filter((record) => record.values.some((value) => value !== ""));
  if (filled.length === 0) {
    return { rows: [], errors: [{ row: 2, field: "csv", message: "has a header but no request rows" }], warnings: [] };
  }
  if (filled.length > MAX_IMPORT_ROWS) {
    const message = `has ${filled.length} rows; import at most ${MAX_IMPORT_ROWS} at a time by splitting the file`;
    return { rows: [], errors: [{ row: MAX_IMPORT_ROWS + 2, field: "csv", message }], warnings: [] };
  }

  const rows: CsvRequestRow[] = [];
  const errors: CsvRowError[] = [];
  const warnings: CsvRowError[] = [];
  filled.forEach((record) => {
    const { result, warning } = parseRecord(record, names, rowNumbers.get(record)!, isMember);
    if (Array.isArray(result)) errors.push(...result);
    else rows.push(result);
    if (warning) warnings.push(warning);
  });
  return { rows, errors, warnings };
}
