/** Looking after a board: checking it (doctor) and cleaning up after finished work (gc). */
export * from "./diagnose.ts";
export * from "./gc.ts";
export * from "./worktrees.ts";
