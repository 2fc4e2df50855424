/** The context every command receives: where to write, which board, who is acting. */

import { UsageError } from "../board/errors.ts";
import type { Config } from "../config/config.ts";
import {
  boardPaths,
  type BoardSource,
  type Env,
  resolveHome,
  selectBoard,
} from "../config/paths.ts";
import {
  type Actor,
  type Clock,
  createsOnOpen,
  openBoard,
  type Store,
  systemClock,
} from "../store/mod.ts";
import { type Palette, palette, type Sink, writeBytes } from "./output.ts";
import { flag, str } from "./parse.ts";
import type { ParsedInput } from "./spec.ts";
import { lineLogger, type Logger } from "../log/logger.ts";
import { abortOnSignals, SHUTDOWN_SIGNALS } from "./shutdown.ts";
import type { TaskVerbs } from "../ops/tasks.ts";
import type { WorkspaceRoots } from "../board/validate.ts";

/** How `Ctx.verbs` reads its input, and the lease a heartbeat asks for. */
export interface VerbOptions {
  /** `text` (the command line's strings, the default) or `json` (MCP). */
  wire?: "text" | "json";
  /** Seconds a person's heartbeat extends the claim by (a worker's: its dispatcher's lease). */
  ttlSeconds?: number;
  /** Where a created task's `dir:` workspace or worktree repository may be (a create naming one). */
  workspaceRoots?: WorkspaceRoots;
}

/** The lease a heartbeat asks for when nobody says (the dispatcher's default). */
const DEFAULT_TTL_SECONDS = 900;

/** A command's view of the world. */
export interface Ctx {
  env: Env;
  home: string;
  board: string;
  /** Where `board` came from (flag, environment, current-board file, default). */
  boardSource: BoardSource;
  json: boolean;
  debug: boolean;
  stdout: Sink;
  stderr: Sink;
  color: Palette;
  clock: Clock;
  actor: Actor;
  /** Messages of info severity and above, one line each on stderr (long-running verbs). */
  log: Logger;
  /** config.yaml with the environment's overrides, read on first use and then kept. */
  config(): Promise<Config>;
  /**
   * Aborted when the command is asked to stop, with the signal's name as its reason: once
   * `handleShutdown()` was called; until then SIGINT and SIGTERM end the process as usual.
   */
  signal: AbortSignal;
  /** From now until the command ends, SIGINT, SIGTERM and `more` abort `signal` instead. */
  handleShutdown(more?: readonly Deno.Signal[]): AbortSignal;
  /** Open (once) and return the selected board; created on first use for the default board. */
  store(): Store;
  /**
   * The worker verbs as this command's actor has them: a person's on the board; a worker's
   * through its run's endpoint (HERMES_KANBAN_ENDPOINT), proven by the run's secret.
   */
  verbs(opts?: VerbOptions): Promise<TaskVerbs>;
  /** Print data to stdout. */
  print(text: string): void;
  /** Print a value as JSON to stdout. */
  printJson(value: unknown): void;
  /** Print a message to stderr. */
  warn(text: string): void;
  /** Print the warnings held back until the command's first output or its success. */
  flushWarnings(): void;
  /** Close whatever was opened. */
  close(): void;
}

/** Who is acting, from the environment: a worker holds HERMES_KANBAN_TASK. */
export function actorFromEnv(env: Env): Actor {
  const task = env("HERMES_KANBAN_TASK")?.trim();
  const profile = env("HERMES_PROFILE")?.trim();
  if (task) {
    const rawRun = env("HERMES_KANBAN_RUN_ID")?.trim();
    const runId = rawRun && /^\d+$/.test(rawRun) ? Number(rawRun) : null;
    return { kind: "worker", name: profile || "worker", taskId: task, runId };
  }
  const name = env("HERMES_PROFILE_NAME")?.trim() || profile || env("USER")?.trim() || "user";
  return { kind: "person", name };
}

/** Busy timeout override for tests and slow disks. */
function busyTimeout(env: Env): number | undefined {
  const v = env("HERMES_KANBAN_BUSY_TIMEOUT_MS")?.trim();
  if (!v) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) {
    throw new UsageError(
      `HERMES_KANBAN_BUSY_TIMEOUT_MS must be a whole number of milliseconds, got '${v}'`,
    );
  }
  return n;
}

/** Build a context from parsed global options. */
export function makeContext(
  input: ParsedInput | null,
  io: { env: Env; stdout: Sink; stderr: Sink; clock?: Clock },
): Ctx {
  const env = io.env;
  // A warning waits for the command's first output or its success: a command that fails
  // anyway says so in its one error line, and a second line would only repeat it.
  let held: string | null = null;
  const hold = (text: string) => {
    held = (held ?? "") + text;
  };
  const envWarn = (msg: string) => hold(`hermes: warning: ${msg}\n`);
  const home = resolveHome(env, envWarn);
  const { board, source: boardSource } = selectBoard(
    input ? str(input, "board") : undefined,
    env,
    home,
    envWarn,
  );
  const noColor = env("NO_COLOR") !== undefined;
  let store: Store | null = null;
  const flushWarnings = () => {
    if (held === null) return;
    const text = held;
    held = null;
    io.stderr.write(text);
  };
  const stdout: Sink = {
    isTerminal: io.stdout.isTerminal,
    write(text: string) {
      flushWarnings();
      io.stdout.write(text);
    },
    writeBytes(bytes: Uint8Array) {
      flushWarnings();
      writeBytes(io.stdout, bytes);
    },
  };
  const clock = io.clock ?? systemClock;
  // Read lazily: most verbs never need config.yaml, and parsing YAML costs start-up time.
  let config: Promise<Config> | null = null;
  const shutdown = new AbortController();
  let listening: Disposable | null = null;
  const ctx: Ctx = {
    env,
    home,
    board,
    boardSource,
    json: input ? flag(input, "json") : false,
    debug: input ? flag(input, "debug") : false,
    stdout,
    stderr: io.stderr,
    color: palette(io.stdout, noColor),
    clock,
    actor: actorFromEnv(env),
    // A long-running verb's log lines (the gateway's) come first with what was held back.
    log: lineLogger((line) => {
      flushWarnings();
      io.stderr.write(line.endsWith("\n") ? line : line + "\n");
    }),
    config() {
      // Imported here: the hot verbs must not load config.yaml's parser and key table.
      config ??= import("../config/config.ts").then((m) => m.loadConfig(home, env, envWarn));
      return config;
    },
    signal: shutdown.signal,
    handleShutdown(more = []) {
      listening ??= abortOnSignals(shutdown, [...SHUTDOWN_SIGNALS, ...more]);
      return shutdown.signal;
    },
    store() {
      if (!store) {
        // A board Hermes made holds its board.json before its database: make the database.
        const create = createsOnOpen(home, board);
        try {
          store = openBoard(home, board, { create, busyTimeoutMs: busyTimeout(env), clock });
          if (store.damage) {
            hold(
              `hermes: warning: board ${store.path} is damaged (${store.damage}); what ` +
                "this command reads may still be intact — run 'hermes kanban doctor' for what to do\n",
            );
          }
        } catch (e) {
          if ((e as { code?: string }).code === "no_board") {
            throw new UsageError(
              `no board named '${board}' (at ${
                boardPaths(home, board).db
              }); create it with 'hermes kanban boards create ${board}'`,
              "no_board",
            );
          }
          throw e;
        }
      }
      return store;
    },
    async verbs(opts = {}) {
      const wire = opts.wire ?? "text";
      const ttlSeconds = opts.ttlSeconds ?? DEFAULT_TTL_SECONDS;
      const { localVerbs } = await import("../ops/tasks.ts");
      const actor = ctx.actor;
      if (actor.kind !== "worker") {
        return localVerbs(ctx.store(), {
          actor,
          author: actor.name,
          wire,
          ttlSeconds,
          workspaceRoots: opts.workspaceRoots,
        });
      }
      const [{ workerVerbs }, { endpointPath }] = await Promise.all([
        import("../endpoint/client.ts"),
        import("../endpoint/protocol.ts"),
      ]);
      const target = {
        home,
        board,
        taskId: actor.taskId,
        runId: actor.runId,
        socket: env("HERMES_KANBAN_ENDPOINT")?.trim() || endpointPath(home),
        wire,
      };
      // Where nothing serves the endpoint: the board itself, if this process can open it.
      return workerVerbs(target, async (credential) => {
        const store = ctx.store();
        const { workerCreateRules } = await import("../workers/profiles.ts");
        return localVerbs(store, {
          actor: { ...actor, credential },
          author: actor.name,
          wire,
          ttlSeconds,
          rules: workerCreateRules(await ctx.config()),
          workspaceRoots: opts.workspaceRoots,
        });
      });
    },
    print(text: string) {
      stdout.write(text.endsWith("\n") ? text : text + "\n");
    },
    printJson(value: unknown) {
      stdout.write(JSON.stringify(value, null, 2) + "\n");
    },
    flushWarnings,
    warn(text: string) {
      io.stderr.write(text.endsWith("\n") ? text : text + "\n");
    },
    close() {
      listening?.[Symbol.dispose]();
      listening = null;
      store?.close();
      store = null;
    },
  };
  return ctx;
}
