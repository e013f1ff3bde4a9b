/**
 * Rewrites the API's validation messages for people. The API formats each
 * problem as `field: problem` and joins several with "; ", which names
 * internal fields such as `fileName` or `dueDate`.
 */

/** A field path as the API names it: `fileName`, `rows.3.title`, or a root name such as `body`. */
const FIELD_PATH = String.raw`(?:[a-z][A-Za-z0-9_]*|\d+)(?:\.[A-Za-z0-9_]+)*`;

/** Splits only where the next problem starts, because one problem may itself contain "; ". */
const PROBLEM_SEPARATOR = new RegExp(`; (?=${FIELD_PATH}: )`);
const FIELD_PREFIX = new RegExp(`^(${FIELD_PATH}): ([\\s\\S]+)$`);

/** A summary label that zod puts before its default messages, such as "Too small: ". */
const SUMMARY_LABEL = /^[A-Z][a-z]*(?: [a-z]+)*: /;

/** A fragment that reads as a sentence once the field's label is put before it. */
const PREDICATE = /^(?:is|are|must|has|have|cannot|should)\b/;

/** Turns `dueDate` into "Due date". Returns undefined for nested paths such as `rows.3.title`. */
function fieldLabel(path: string): string | undefined {
  if (!/^[a-z][A-Za-z0-9]*$/.test(path)) return undefined;
  const words = path.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function readableProblem(problem: string): string {
  const match = FIELD_PREFIX.exec(problem);
  if (!match) return problem;
  const [, path = "", text = ""] = match;
  // A capitalized sentence, such as "The file name ends in .exe, …", names
  // its own subject, so the field name adds nothing.
  const isSentence = /^[A-Z]/.test(text);
  if (isSentence && !SUMMARY_LABEL.test(text)) return text;
  const label = fieldLabel(path);
  if (label === undefined) return problem;
  return PREDICATE.test(text) ? `${label} ${text}` : `${label}: ${text}`;
}

/**
 * Returns a validation message without the API's field names. A full
 * sentence loses its `field: ` prefix, `dueDate: must be a date…` reads
 * "Due date must be a date…", and other text keeps a readable label, as in
 * "Body: unknown field…". Nested paths and text in another shape are
 * returned unchanged.
 */
export function readableValidationMessage(message: string): string {
  return message.split(PROBLEM_SEPARATOR).map(readableProblem).join("; ");
}
