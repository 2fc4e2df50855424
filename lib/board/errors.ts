/**
 * The error classes every layer throws. Each has a stable `code` (shown in
 * `--json` output and API bodies) and an exit code that `main.ts` uses.
 */

/** Exit codes the CLI promises to scripts. */
export const EXIT = { ok: 0, failure: 1, usage: 2, interrupted: 130 } as const;

/** Base class: a problem we can explain to the user in one line. */
export class HermesError extends Error {
  /** Stable machine-readable code. */
  readonly code: string;
  /** Process exit code for the CLI. */
  readonly exitCode: number;
  /** HTTP status for the API. */
  readonly httpStatus: number;

  constructor(message: string, code: string, exitCode: number, httpStatus: number) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.exitCode = exitCode;
    this.httpStatus = httpStatus;
  }
}

/** The caller asked for something malformed: bad flag, bad value. Exit 2. */
export class UsageError extends HermesError {
  constructor(message: string, code = "usage") {
    super(message, code, EXIT.usage, 400);
  }
}

/** A task, board, run or link that does not exist. Exit 1. */
export class NotFoundError extends HermesError {
  constructor(message: string, code = "not_found") {
    super(message, code, EXIT.failure, 404);
  }
}

/** The request conflicts with the board: cycles, duplicates, races. Exit 1. */
export class ConflictError extends HermesError {
  constructor(message: string, code = "conflict") {
    super(message, code, EXIT.failure, 409);
  }
}

/**
 * The request can never succeed on the board as it stands (a self-link, a link that would close a
 * cycle): a bad request to the API, as Hermes answers it, but a failure rather than a usage error
 * on the command line. Exit 1, HTTP 400.
 */
export class InvalidRequestError extends HermesError {
  constructor(message: string, code: string) {
    super(message, code, EXIT.failure, 400);
  }
}

/** The state machine forbids this transition. Exit 1. */
export class InvalidStateError extends HermesError {
  constructor(message: string, code = "invalid_state") {
    super(message, code, EXIT.failure, 409);
  }
}

/** The caller may not do this (worker scope, fencing, file modes). Exit 1. */
export class PermissionError extends HermesError {
  constructor(message: string, code = "permission") {
    super(message, code, EXIT.failure, 403);
  }
}

/** The store cannot be used: corrupt, read-only, locked too long. Exit 1. */
export class StoreError extends HermesError {
  constructor(message: string, code = "store") {
    super(message, code, EXIT.failure, 503);
  }
}

/** The JSON shape of an error, for `--json` and the API. */
export function errorJson(err: HermesError): { error: { code: string; message: string } } {
  return { error: { code: err.code, message: err.message } };
}
