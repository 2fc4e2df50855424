/**
 * Board operations (create, describe, remove, switch) with one input schema each, shared by the
 * CLI's `hermes kanban boards` and the REST API's `/boards` routes. Boards are laid out and
 * described as Hermes does (lib/store/boards.ts, board_meta.ts), so either program can manage
 * the other's boards.
 */

import { DEFAULT_BOARD, normalizeBoardName, readCurrentBoard } from "../config/paths.ts";
import { writeCurrentBoard } from "../config/board_selection.ts";
import { NotFoundError } from "../board/errors.ts";
import type { BoardMetaPatch } from "../store/board_meta.ts";
import {
  type BoardInfo,
  createBoard as createOnDisk,
  describeBoard as describeOnDisk,
  existingBoard,
  removeBoard as removeOnDisk,
  type RemovedBoard,
} from "../store/boards.ts";
import { bool, required, schema, text, type Wire } from "./_fields.ts";

type RawInput = Readonly<Record<string, unknown>>;

/** The descriptive fields of a board, as Hermes's board.json has them. */
const DESCRIPTION = {
  name: text({ nullable: true, max: 200 }),
  description: text({ nullable: true, maxBytes: 16 * 1024 }),
  icon: text({ nullable: true, max: 16 }),
  color: text({ nullable: true, max: 32 }),
  /** An absolute directory; blank or null clears it. */
  default_workdir: text({ nullable: true, trim: true, blankIsMissing: true, max: 4096 }),
};

/** Input of `createBoard` (Hermes's POST /boards body). */
export const CreateBoard = schema({
  slug: required(text({ trim: true, blankIsMissing: true, max: 200 }), "slug is required"),
  ...DESCRIPTION,
  switch: bool(),
});

/** Input of `updateBoard` (Hermes's PATCH /boards/{slug} body). */
export const UpdateBoard = schema(DESCRIPTION);

/** The current board (the current-board file's, else the default). */
export function currentBoard(home: string): string {
  return readCurrentBoard(home) ?? DEFAULT_BOARD;
}

function patchOf(v: ReturnType<typeof UpdateBoard.parse>): BoardMetaPatch {
  const p: BoardMetaPatch = {};
  if (v.name !== undefined && v.name !== null) p.name = v.name;
  if (v.description !== undefined && v.description !== null) p.description = v.description;
  if (v.icon !== undefined && v.icon !== null) p.icon = v.icon;
  if (v.color !== undefined && v.color !== null) p.color = v.color;
  if (v.default_workdir !== undefined) p.default_workdir = v.default_workdir;
  return p;
}

/** What a create did, and the current board after it. */
export interface BoardCreated {
  board: BoardInfo;
  created: boolean;
  current: string;
}

/**
 * Create a board, or describe it again if it exists (idempotent, as in Hermes); `switch` makes
 * it the current board.
 */
export function createBoard(home: string, input: RawInput, now: number, wire?: Wire): BoardCreated {
  const v = CreateBoard.parse(input, wire);
  const slug = normalizeBoardName(v.slug);
  const patch = patchOf(v);
  if (patch.default_workdir === null) delete patch.default_workdir;
  const { board, created } = createOnDisk(home, slug, patch, now);
  if (v.switch) writeCurrentBoard(home, slug);
  const current = currentBoard(home);
  return { board: { ...board, is_current: slug === current }, created, current };
}

/** Change a board's description (display name, description, icon, colour, default workdir). */
export function updateBoard(home: string, slug: string, input: RawInput, now: number): BoardInfo {
  return describeOnDisk(home, slug, patchOf(UpdateBoard.parse(input)), now);
}

/** Archive (default) or delete a board; the current board after it. */
export function removeBoard(
  home: string,
  slug: string,
  opts: { deleteIt: boolean; force: boolean; now: number },
): RemovedBoard & { current: string } {
  const r = removeOnDisk(home, slug, opts);
  return { ...r, current: currentBoard(home) };
}

/**
 * Make `slug` the current board (it must exist; on PostgreSQL a board another host made is
 * described on this one at `now`); returns its name.
 */
export function switchBoard(home: string, slug: string, now: number): string {
  const name = normalizeBoardName(slug);
  try {
    existingBoard(home, name, now);
  } catch (e) {
    if (e instanceof NotFoundError) {
      throw new NotFoundError(
        `no board named '${name}'; create it with 'hermes kanban boards create ${name}'`,
        "no_board",
      );
    }
    throw e;
  }
  writeCurrentBoard(home, name);
  return name;
}
