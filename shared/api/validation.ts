import type { z } from "zod";
import { ValidationError } from "../errors";

/** Formats zod issues as `field: problem` so a 400 names what to fix. */
export function describeIssues(issues: readonly z.core.$ZodIssue[], prefix?: string): string {
  return issues
    .map((issue) => {
      const path = [prefix, ...issue.path.map(String)].filter(Boolean).join(".");
      if (issue.code === "unrecognized_keys") {
        const keys = (issue as { keys?: string[] }).keys ?? [];
        return `${path || "body"}: unknown field${keys.length > 1 ? "s" : ""} ${keys.map((k) => `"${k}"`).join(", ")}; remove ${keys.length > 1 ? "them" : "it"}`;
      }
      return `${path || prefix || "input"}: ${issue.message}`;
    })
    .join("; ");
}

/**
 * Parses a value with a schema, raising a ValidationError whose message and
 * `field` name the first offending input.
 */
export function parseWith<T extends z.ZodType>(schema: T, value: unknown, prefix?: string): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const first = result.error.issues[0];
  const field = [prefix, ...(first?.path ?? []).map(String)].filter(Boolean).join(".") || prefix;
  throw new ValidationError(describeIssues(result.error.issues, prefix), field);
}
