/** The outcome of type detection: an allowed MIME type with a label, or why the bytes are rejected. */
export type SniffResult = { type: string; label: string } | { rejected: string };
