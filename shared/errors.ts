/**
 * The application's error model. `errorResponse` in `shared/api/handler.ts`
 * maps each class to its HTTP status. Any other error becomes a 500 whose
 * body contains nothing internal.
 */
export abstract class AppError extends Error {
  abstract readonly status: number;
  abstract readonly code: string;
}

/** Input that fails validation; `field` names the offending input. */
export class ValidationError extends AppError {
  readonly status = 400;
  readonly code = "invalid_request";
  constructor(
    message: string,
    readonly field?: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "ValidationError";
  }
}

export class UnauthorizedError extends AppError {
  readonly status = 401;
  readonly code = "unauthorized";
  constructor(message = "Missing or invalid access token") {
    super(message);
    this.name = "UnauthorizedError";
  }
}

/** A workspace member who lacks the permission for an operation. */
export class ForbiddenError extends AppError {
  readonly status = 403;
  readonly code = "forbidden";
  constructor(message: string) {
    super(message);
    this.name = "ForbiddenError";
  }
}

/** Unknown, or not visible to the caller: non-members get this, not 403. */
export class NotFoundError extends AppError {
  readonly status = 404;
  readonly code = "not_found";
  constructor(message: string) {
    super(message);
    this.name = "NotFoundError";
  }
}

/** A version mismatch or a state transition that the current state forbids. */
export class ConflictError extends AppError {
  readonly status = 409;
  readonly code = "conflict";
  constructor(message: string) {
    super(message);
    this.name = "ConflictError";
  }
}

export class PayloadTooLargeError extends AppError {
  readonly status = 413;
  readonly code = "payload_too_large";
  constructor(message: string) {
    super(message);
    this.name = "PayloadTooLargeError";
  }
}

export class UnsupportedMediaTypeError extends AppError {
  readonly status = 415;
  readonly code = "unsupported_media_type";
  constructor(message: string) {
    super(message);
    this.name = "UnsupportedMediaTypeError";
  }
}
