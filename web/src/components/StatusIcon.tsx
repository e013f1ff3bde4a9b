/** Shape that repeats a status next to its text, so the status never rests on colour alone. */
export type StatusIconKind = "success" | "error" | "pending";

const PATHS: Record<StatusIconKind, string> = {
  success: "M5 10.5l3.2 3.2L15 7",
  error: "M7 7l6 6M13 7l-6 6",
  pending: "M10 6v4.5l3 1.8",
};

/** Circled tick, cross or clock face, drawn in the current text colour and hidden from screen readers. */
export function StatusIcon({ kind }: { kind: StatusIconKind }) {
  return (
    <svg className={`status-icon status-icon-${kind}`} viewBox="0 0 20 20" width="18" height="18" aria-hidden="true" focusable="false">
      <circle cx="10" cy="10" r="8.5" fill="none" stroke="currentColor" strokeWidth="1.6" />
      <path d={PATHS[kind]} fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
