/** Which boards exist under HERMES_HOME, from the file system alone (no database is opened). */

import { validateBoardName } from "../board/validate.ts";
import { boardPaths, boardsDir, DEFAULT_BOARD } from "../config/paths.ts";

function isFile(path: string): boolean {
  try {
    return Deno.statSync(path).isFile;
  } catch {
    return false;
  }
}

/** Names of the boards whose database file exists: the default board first, then by name. */
export function boardsOnDisk(home: string): string[] {
  const out: string[] = [];
  if (isFile(boardPaths(home, DEFAULT_BOARD).db)) out.push(DEFAULT_BOARD);
  const named: string[] = [];
  try {
    for (const entry of Deno.readDirSync(boardsDir(home))) {
      if (!entry.isDirectory || entry.name === DEFAULT_BOARD) continue;
      try {
        validateBoardName(entry.name);
      } catch {
        continue;
      }
      if (isFile(boardPaths(home, entry.name).db)) named.push(entry.name);
    }
  } catch { /* no named boards yet */ }
  return [...out, ...named.sort()];
}
