/**
 * Hermes's board endpoints: list, create, describe, archive or delete boards and switch the
 * current one, with its paths and body shapes, over the same operations as `hermes kanban boards`.
 */

import { normalizeBoardName } from "../config/paths.ts";
import { createBoard, currentBoard, removeBoard, switchBoard, updateBoard } from "../ops/boards.ts";
import { defaultWorkspaceKind } from "../store/board_meta.ts";
import { type BoardInfo, existingBoard, listBoards } from "../store/boards.ts";
import { queryBool, readJson } from "./_body.ts";
import type { BoardRegistry } from "./_board_registry.ts";
import { json } from "./responses.ts";
import type { RouteContext } from "./_router.ts";

/** What the board routes need. */
export interface BoardRouteDeps {
  home: string;
  boards: BoardRegistry;
  now: () => number;
}

/** A board as the API shows it: Hermes's fields and the workspace kind its dashboard suggests. */
function shown(b: BoardInfo): BoardInfo & { default_workspace_kind: string } {
  return { ...b, default_workspace_kind: defaultWorkspaceKind(b) };
}

/** The board routes, as [method, path, handler] rows under the API prefix. */
export function boardRoutes(
  d: BoardRouteDeps,
): Array<[string, string, (c: RouteContext) => Response | Promise<Response>]> {
  const slug = (c: RouteContext) => normalizeBoardName(c.params.slug);
  return [
    ["GET", "/boards", (c) => {
      const current = currentBoard(d.home);
      const includeArchived = queryBool(c.url, "include_archived", false);
      return json({
        boards: listBoards(d.home, { current, includeArchived }).map(shown),
        current,
      });
    }],
    ["POST", "/boards", async (c) => {
      const r = createBoard(d.home, await readJson(c.req), d.now());
      return json({ board: shown(r.board), current: r.current });
    }],
    ["PATCH", "/boards/:slug", async (c) => {
      const name = existingBoard(d.home, slug(c));
      return json({ board: shown(updateBoard(d.home, name, await readJson(c.req), d.now())) });
    }],
    ["DELETE", "/boards/:slug", (c) => {
      const name = slug(c);
      d.boards.forget(name);
      const r = removeBoard(d.home, name, {
        deleteIt: queryBool(c.url, "delete", false),
        force: queryBool(c.url, "force", false),
        now: d.now(),
      });
      const { current, ...result } = r;
      return json({ result, current });
    }],
    [
      "POST",
      "/boards/:slug/switch",
      (c) => json({ current: switchBoard(d.home, slug(c), d.now()) }),
    ],
  ];
}
