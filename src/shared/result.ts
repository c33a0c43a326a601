/** Error codes that cross the renderer⇄core boundary. Errors are values, never thrown across it. */
export type ErrorCode =
  | 'BAD_REQUEST'
  | 'UNKNOWN_COMMAND'
  | 'NOT_FOUND'
  | 'FORBIDDEN'
  | 'CONFLICT'
  | 'UNAVAILABLE'
  | 'TIMEOUT'
  | 'CANCELLED'
  | 'IO_ERROR'
  | 'TRANSPORT'
  | 'INTERNAL';

/** A coded error with a message in plain words for a bench engineer. */
export interface BenchErrorInfo {
  readonly code: ErrorCode;
  readonly message: string;
}

/** The outcome of every command. */
export type Result<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: BenchErrorInfo };

/** Wraps a value as a successful result. */
export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

/** Wraps a code and message as a failed result. */
export function fail<T = never>(code: ErrorCode, message: string): Result<T> {
  return { ok: false, error: { code, message } };
}

/** An error a handler throws on purpose; the dispatcher turns it into a failed result with its code. */
export class BenchError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'BenchError';
  }
}
