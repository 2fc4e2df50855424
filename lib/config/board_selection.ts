/**
 * Writing the current-board file, Hermes's own (`<home>/kanban/current`: the board's name and a
 * newline), so a board switched here is the board Hermes uses, and the other way round. Reading
 * it is part of choosing a board (paths.ts `selectBoard`).
 */

import { UsageError } from "../board/errors.ts";
import { ensurePrivateDir, homePaths, normalizeBoardName } from "./paths.ts";
import { removeIfExists, writePrivateAtomic } from "./private_file.ts";

/** Remember `board` as the current one (written as Hermes writes it: the name and a newline). */
export function writeCurrentBoard(home: string, board: string): string {
  const path = homePaths(home).currentBoard;
  ensurePrivateDir(home);
  ensurePrivateDir(`${home}/kanban`);
  writePrivateAtomic(path, `${board}\n`);
  return path;
}

/** Forget the current board: commands use the default board again. */
export function clearCurrentBoard(home: string): void {
  removeIfExists(homePaths(home).currentBoard);
}

/** A board name given on a command line (`boards switch <name>`): normalised, or a usage error. */
export function boardArg(raw: string | undefined, usage: string): string {
  const n = raw?.trim();
  if (!n) throw new UsageError(`a board name is required: ${usage}`);
  return normalizeBoardName(n);
}
