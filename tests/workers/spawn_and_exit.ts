/**
 * Test fixture: spawn one shell worker for the body given as argv[1] in home argv[0],
 * print its identity and exit file as JSON, and exit at once without waiting for it.
 */

import { boardPaths } from "../../lib/config/mod.ts";
import { runFiles, spawnWorker } from "../../lib/workers/mod.ts";
import { makeTask, request } from "./fixtures.ts";

const [home, body] = Deno.args;
const task = makeTask({ body });
const files = runFiles(boardPaths(home, "default"), task.id, 1);
const w = spawnWorker({ ...request(home, task), ...files });
console.log(JSON.stringify({ identity: w.identity, exitPath: files.exitPath }));
