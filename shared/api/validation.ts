import type { z } from "zod";
import { ValidationError } from "../errors";

/**
 * Formats zod issues as `field: problem` so a 400 names what to fix. An
 * issue about the whole value (an array sent as the body, say) is named by
 * `rootName`.
 */
export function describeIssues(issues: readonly z.core.$ZodIssue[], rootName: string): string {
  return issues
    .map((issue) => {
      const path = issue.path.map(String).join(".") || rootName;
      if (issue.code === "unrecognized_keys") {
        const keys = (issue as { keys?: string[] }).keys ?? [];
        const plural = keys.length > 1;
        return `${path}: unknown field${plural ? "s" : ""} ${keys.map((key) => `"${key}"`).join(", ")}; remove ${plural ? "them" : "it"}`;
      }
      return `${path}: ${issue.message}`;
    })
    .join("; ");
}

/**
 * Parses a value with a schema, raising a ValidationError whose message and
 * `field` name the first offending input.
 */
export function parseWith<T extends z.ZodType>(schema: T, value: unknown, rootName: string): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const first = result.error.issues[0];
  const field = (first?.path ?? []).map(String).join(".") || rootName;
  throw new ValidationError(describeIssues(result.error.issues, rootName), field);
}
