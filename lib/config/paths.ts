/** Where things live under HERMES_HOME. Every path is absolute; nothing resolves from the CWD. */

import { UsageError } from "../board/errors.ts";
import { validateBoardName } from "../board/validate.ts";

/** The name of the board kept at `<home>/kanban.db`. */
export const DEFAULT_BOARD = "default";

/** Environment lookup (injected so tests and workers can pass their own). */
export type Env = (name: string) => string | undefined;

/** HERMES_HOME, or `~/.hermes`. */
export function resolveHome(env: Env): string {
  const explicit = env("HERMES_HOME")?.trim();
  if (explicit) {
    if (!explicit.startsWith("/")) {
      throw new UsageError(
        `HERMES_HOME must be an absolute path, got '${explicit}'`,
        "invalid_path",
      );
    }
    return explicit.replace(/\/+$/, "") || "/";
  }
  const home = env("HOME")?.trim();
  if (!home) throw new UsageError("neither HERMES_HOME nor HOME is set", "invalid_path");
  return `${home.replace(/\/+$/, "")}/.hermes`;
}

/** The board a command acts on: `--board`, else HERMES_KANBAN_BOARD, else default. */
export function resolveBoard(flag: string | undefined, env: Env): string {
  const name = (flag ?? env("HERMES_KANBAN_BOARD") ?? "").trim() || DEFAULT_BOARD;
  return validateBoardName(name);
}

/** Paths of one board's files. */
export interface BoardPaths {
  board: string;
  /** The SQLite file. */
  db: string;
  /** Directory holding the board's kanban files (logs, workspaces). */
  dir: string;
  logs: string;
  workspaces: string;
}

/** Paths for a board: default at `<home>/kanban.db`, others at `<home>/kanban/boards/<name>/`. */
export function boardPaths(home: string, board: string): BoardPaths {
  const named = board !== DEFAULT_BOARD;
  const dir = named ? `${boardsDir(home)}/${board}` : `${home}/kanban`;
  const db = named ? `${dir}/kanban.db` : `${home}/kanban.db`;
  return { board, db, dir, logs: `${dir}/logs`, workspaces: `${dir}/workspaces` };
}

/**
 * Where a run's files sit, without extension: `<logs>/<task id>.<run id>` (`.log`, `.exit`,
 * `.secret`, …). Flat, so a spawn creates no directory (a directory costs more than a file).
 */
export function runFileBase(paths: BoardPaths, taskId: string, runId: number): string {
  return `${paths.logs}/${taskId}.${runId}`;
}

/** Directory holding named boards. */
export function boardsDir(home: string): string {
  return `${home}/kanban/boards`;
}

/** Home-level files. */
export function homePaths(home: string) {
  return {
    config: `${home}/config.yaml`,
    gatewayPid: `${home}/gateway.pid`,
    gatewayLock: `${home}/gateway.lock`,
    gatewayState: `${home}/gateway_state.json`,
    gatewayLog: `${home}/logs/gateway.log`,
    logsDir: `${home}/logs`,
  };
}

/** Create a directory (and parents) with mode 0700. */
export function ensurePrivateDir(path: string): void {
  try {
    Deno.mkdirSync(path, { recursive: true, mode: 0o700 });
  } catch (e) {
    if (!(e instanceof Deno.errors.AlreadyExists)) throw e;
  }
}
