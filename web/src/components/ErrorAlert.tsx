import { ApiError, extractRowErrors } from "../api/errors";
import { readableValidationMessage } from "../api/validation-message";
import { CognitoError } from "../auth/cognito";
import { describeCognitoError } from "../auth/cognito-messages";

/** Returns the message to show for an error, without the API's internal field names. */
export function errorMessage(error: unknown): string {
  if (error instanceof CognitoError) return describeCognitoError(error);
  if (error instanceof ApiError) return error.status === 400 ? readableValidationMessage(error.message) : error.message;
  if (error instanceof Error) return error.message;
  return "Something went wrong. Try again.";
}

/** Returns the API's original wording when errorMessage rewrote it, for a tooltip. */
export function originalErrorMessage(error: unknown): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  return error.message === errorMessage(error) ? undefined : error.message;
}

interface ErrorAlertProps {
  error: unknown;
  /** Shown before the message, such as "Import failed". */
  title?: string;
}

/**
 * Shows an error in a `role="alert"` region, so screen readers announce it.
 * CSV import errors also list each rejected row.
 */
export function ErrorAlert({ error, title }: ErrorAlertProps) {
  if (error === undefined || error === null) return null;
  const rows = error instanceof ApiError ? extractRowErrors(error.details) : [];
  return (
    <div className="alert alert-error" role="alert" data-testid="error-alert">
      {title ? <p className="alert-title">{title}</p> : null}
      <p title={originalErrorMessage(error)}>{errorMessage(error)}</p>
      {rows.length > 0 ? (
        <div className="table-wrap">
          <table className="table table-compact" data-testid="row-errors">
            <caption className="visually-hidden">Rejected rows</caption>
            <thead>
              <tr>
                <th scope="col">Row</th>
                <th scope="col">Field</th>
                <th scope="col">Problem</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row, index) => (
                <tr key={index} data-testid="row-error">
                  <td>{row.row ?? "–"}</td>
                  <td>{row.field ?? "–"}</td>
                  <td>{row.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}

/** Renders a polite live region for confirmations such as "Invitation sent". */
export function SuccessNotice({ message }: { message: string | undefined }) {
  return (
    <div className="notice-slot" aria-live="polite" role="status">
      {message ? (
        <p className="alert alert-success" data-testid="success-notice">
          {message}
        </p>
      ) : null}
    </div>
  );
}
