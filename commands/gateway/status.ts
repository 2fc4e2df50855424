/** `hermes gateway status`: is the gateway running, is it dispatching, what is it doing. */

import type { Ctx } from "../../lib/cli/context.ts";
import { age } from "../../lib/cli/output.ts";
import type { CommandSpec, ParsedInput } from "../../lib/cli/spec.ts";
import { flag } from "../../lib/cli/parse.ts";
import { dashboardToken, dashboardUrl, tokenPath } from "../../lib/gateway/dashboard_token.ts";
import {
  type DispatchLockReport,
  permissionText,
  statusReport,
} from "../../lib/gateway/status_report.ts";

/** Who holds Hermes's dispatcher lock, in words. */
export function lockHolderText(l: DispatchLockReport): string {
  if (!l.held) return "free";
  if (l.holder === "gateway") return `held by this gateway (pid ${l.pid})`;
  if (l.holder === "hermes") {
    return `held by a Hermes gateway (pid ${l.pid} on ${l.host}, HERMES_HOME ${l.home})`;
  }
  return "held by another process (not this gateway; no Hermes gateway record names it)";
}

export const spec: CommandSpec = {
  name: "status",
  needs: ["run"],
  summary:
    "show whether the gateway runs: pid, uptime, dispatcher, last tick, running and stuck tasks",
  description:
    "Show the gateway of this HERMES_HOME: running or not, pid, uptime, dashboard URL, whether " +
    "the dispatcher is on (and why not), its last activity, running tasks and stuck ones. " +
    "Exit code 0 when it runs, 1 when it does not. The dashboard URL is printed without its " +
    "access token (kept in <HERMES_HOME>/dashboard.token); --show-token prints the sign-in URL " +
    "with it, for your own terminal only.",
  options: [
    {
      long: "show-token",
      description:
        "print the dashboard's sign-in URL with its access token (adds sign_in_url under --json)",
    },
  ],
  examples: [
    "hermes gateway status",
    "hermes gateway status --show-token",
    "hermes gateway status --json",
  ],
};

export async function run(ctx: Ctx, input: ParsedInput): Promise<number> {
  const config = await ctx.config();
  const now = ctx.clock();
  const r = statusReport(ctx.home, config, ctx.env, now);
  const showToken = flag(input, "showToken");
  const signIn = showToken && r.url ? dashboardUrl(r.url, dashboardToken(ctx.home)) : null;
  if (ctx.json) {
    ctx.printJson(signIn ? { ...r, sign_in_url: signIn } : r);
    return r.running ? 0 : 1;
  }
  const c = ctx.color;
  const lock = r.dispatch_lock;
  if (!r.running) {
    ctx.print(`Gateway: ${c.yellow("not running")}  (start it with: hermes gateway start)`);
    ctx.print(`Dispatcher: ${r.dispatch.enabled ? "would be on" : "off"} (${r.dispatch.reason})`);
    if (lock.held) ctx.print(`Dispatcher lock: ${lockHolderText(lock)}`);
  } else {
    ctx.print(
      `Gateway: ${c.green("running")}  pid ${r.pid}, up ${age(r.uptime_seconds ?? 0)}${
        r.phase && r.phase !== "ready" ? `, ${r.phase}` : ""
      }`,
    );
    ctx.print(`Dispatcher: ${r.dispatch.enabled ? "on" : c.yellow("off")} (${r.dispatch.reason})`);
    if (r.permissions) {
      const p = r.permissions;
      ctx.print(
        p.narrowed
          ? `Permissions: write ${permissionText(p.write)}; net ${permissionText(p.net)}`
          : `Permissions: the release set (write ${permissionText(p.write)}, net ${
            permissionText(p.net)
          })`,
      );
    }
    if (r.dispatch.enabled) {
      const text = `Dispatcher lock: ${lockHolderText(lock)}`;
      ctx.print(
        lock.waiting ? c.yellow(`${text}; this gateway waits for it and dispatches nothing`) : text,
      );
    }
    if (signIn) ctx.print(`Dashboard: ${signIn}`);
    else if (r.url) {
      ctx.print(`Dashboard: ${r.url}`);
      ctx.print(
        `Token: in ${tokenPath(ctx.home)}; 'hermes gateway status --show-token' prints the ` +
          "sign-in URL",
      );
    } else if (r.dashboard) ctx.print(`Dashboard: off (${r.dashboard.reason})`);
    if (r.dispatch.enabled) {
      const last = r.last_tick_at === null
        ? "none yet"
        : `${age(now - Math.floor(r.last_tick_at / 1000))} ago`;
      ctx.print(`Last tick: ${last}; ${r.ticks} ticks, ${r.spawned_total} workers spawned`);
      if (r.last_activity) {
        const a = r.last_activity;
        ctx.print(
          `Last activity: ${age(now - Math.floor(a.at / 1000))} ago on board ${a.board}: ` +
            `spawned=${a.spawned} reclaimed=${a.reclaimed} crashed=${a.crashed} ` +
            `timed_out=${a.timedOut} promoted=${a.promoted} auto_blocked=${a.autoBlocked}`,
        );
      }
    }
  }
  ctx.print(`Tasks: ${r.tasks.running} running, ${r.tasks.ready} ready and waiting`);
  if (r.health_warning) ctx.print(c.yellow(`Warning: ${r.health_warning.cause}`));
  if (r.stuck.length) {
    ctx.print(`Stuck (${r.stuck.length}):`);
    for (const s of r.stuck.slice(0, 20)) {
      ctx.print(
        `  ${s.id}  ${s.board}  ${s.assignee ?? "-"}  ${age(s.seconds)}  ${s.why}  ${s.title}`,
      );
    }
    if (r.stuck.length > 20) ctx.print(`  … and ${r.stuck.length - 20} more`);
  }
  ctx.print(`Log: ${r.log}`);
  return r.running ? 0 : 1;
}
