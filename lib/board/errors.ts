/**
 * The one error family every layer throws. Each error has a stable `code` (shown in `--json`
 * output, API bodies and MCP results) and a `kind`; each front end turns a kind into its own
 * status from one table: `EXIT_STATUS` below for the CLI, `HTTP_STATUS` in lib/server, the MCP
 * table in lib/mcp.
 */

/** Exit codes the CLI promises to scripts. */
export const EXIT = { ok: 0, failure: 1, usage: 2, interrupted: 130 } as const;

/** What sort of problem an error is; a front end's status depends on this alone. */
export type ErrorKind =
  /** A malformed command or value: bad flag, bad path, empty title. */
  | "usage"
  /** A field of an operation's input has the wrong type, is missing or out of range. */
  | "invalid_input"
  /** A task, board, run or link that does not exist. */
  | "not_found"
  /** The request conflicts with the board: duplicates, races. */
  | "conflict"
  /** The request can never succeed on the board as it stands (a self-link, a cycle). */
  | "invalid_request"
  /** The state machine forbids this transition. */
  | "invalid_state"
  /** The caller may not do this (worker scope, fencing, origin). */
  | "permission"
  /** The caller did not prove who it is (API token). */
  | "unauthorized"
  /** The store cannot be used: corrupt, read-only, locked too long. */
  | "store"
  /** A request body over the size limit. */
  | "too_large"
  /** A request body in a media type other than JSON. */
  | "unsupported_media"
  /** A request for another host or port than the one serving it. */
  | "misdirected"
  /** A method the resource does not offer. */
  | "method_not_allowed"
  /** Too many requests or streams from one client. */
  | "rate_limited"
  /** A service this request needs is not running or refused (the dispatcher, stream slots). */
  | "unavailable"
  /** Anything else that went wrong. */
  | "failure";

/** The CLI's table: the exit status of each kind of error. */
export const EXIT_STATUS: Readonly<Record<ErrorKind, number>> = {
  usage: EXIT.usage,
  invalid_input: EXIT.usage,
  not_found: EXIT.failure,
  conflict: EXIT.failure,
  invalid_request: EXIT.failure,
  invalid_state: EXIT.failure,
  permission: EXIT.failure,
  unauthorized: EXIT.failure,
  store: EXIT.failure,
  too_large: EXIT.usage,
  unsupported_media: EXIT.usage,
  misdirected: EXIT.usage,
  method_not_allowed: EXIT.usage,
  rate_limited: EXIT.failure,
  unavailable: EXIT.failure,
  failure: EXIT.failure,
};

/** Base class: a problem we can explain to the user in one line. */
export class HermesError extends Error {
  /** Stable machine-readable code. */
  readonly code: string;
  /** What sort of problem this is (each front end maps it to a status). */
  readonly kind: ErrorKind;

  constructor(message: string, code: string, kind: ErrorKind = "failure") {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.kind = kind;
  }

  /** Process exit code for the CLI, from `EXIT_STATUS`. */
  get exitCode(): number {
    return EXIT_STATUS[this.kind];
  }
}

/** The caller asked for something malformed: bad flag, bad value. Exit 2. */
export class UsageError extends HermesError {
  constructor(message: string, code = "usage") {
    super(message, code, "usage");
  }
}

/**
 * A field of an operation's input is missing, of the wrong type or out of range (lib/ops
 * schemas). Exit 2; the API answers 422.
 */
export class InvalidInputError extends HermesError {
  /** The field at fault, as the operation's schema names it. */
  readonly field: string;

  constructor(field: string, message: string, code = "invalid_input") {
    super(message, code, "invalid_input");
    this.field = field;
  }
}

/** A task, board, run or link that does not exist. Exit 1. */
export class NotFoundError extends HermesError {
  constructor(message: string, code = "not_found") {
    super(message, code, "not_found");
  }
}

/** The request conflicts with the board: cycles, duplicates, races. Exit 1. */
export class ConflictError extends HermesError {
  constructor(message: string, code = "conflict") {
    super(message, code, "conflict");
  }
}

/**
 * The request can never succeed on the board as it stands (a self-link, a link that would close a
 * cycle): a bad request to the API, as Hermes answers it, but a failure rather than a usage error
 * on the command line. Exit 1, HTTP 400.
 */
export class InvalidRequestError extends HermesError {
  constructor(message: string, code: string) {
    super(message, code, "invalid_request");
  }
}

/** The state machine forbids this transition. Exit 1. */
export class InvalidStateError extends HermesError {
  constructor(message: string, code = "invalid_state") {
    super(message, code, "invalid_state");
  }
}

/** The caller may not do this (worker scope, fencing, file modes). Exit 1. */
export class PermissionError extends HermesError {
  constructor(message: string, code = "permission") {
    super(message, code, "permission");
  }
}

/** The store cannot be used: corrupt, read-only, locked too long. Exit 1. */
export class StoreError extends HermesError {
  constructor(message: string, code = "store") {
    super(message, code, "store");
  }
}

/** The JSON shape of an error, for `--json` and the API. */
export function errorJson(err: HermesError): { error: { code: string; message: string } } {
  return { error: { code: err.code, message: err.message } };
}
