import { equal, match, ok } from "../support/assert.ts";
import { openDb } from "../support/board.ts";
import { hermes } from "../support/cli.ts";
import { tempHome } from "../support/home.ts";
import { waitFor } from "../support/wait.ts";
import { stopGatewayOf } from "./gateway_support.ts";

/** Every regular file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const e of Deno.readDirSync(dir)) {
    const p = `${dir}/${e.name}`;
    if (e.isDirectory) out.push(...filesUnder(p));
    else if (e.isFile) out.push(p);
  }
  return out;
}

function taskStatus(home: string, id: string): string | undefined {
  const db = openDb(home);
  try {
    return (db.prepare("SELECT status FROM tasks WHERE id = ?").get(id) as { status: string })
      ?.status;
  } finally {
    db.close();
  }
}

Deno.test("gateway keeps the dashboard token out of every file but its own and out of its output", async () => {
  await using home = await tempHome();
  const printed: string[] = [];
  try {
    const s = await hermes(["gateway", "start", "--port", "0"], { env: home.env });
    equal(s.code, 0, s.stderr);
    printed.push(s.stdout, s.stderr);
    const token = Deno.readTextFileSync(`${home.path}/dashboard.token`).trim();
    ok(token.length >= 32);

    const created = await hermes(
      ["kanban", "create", "echo", "--assignee", "shell", "--body", "echo hi", "--json"],
      { env: home.env },
    );
    equal(created.code, 0, created.stderr);
    const id = created.json<{ id: string }>().id;
    await waitFor(() => taskStatus(home.path, id) === "done", {
      timeoutMs: 20_000,
      what: "the shell worker completes its task",
    });
    const status = await hermes(["gateway", "status"], { env: home.env });
    equal(status.code, 0, status.stderr);
    printed.push(status.stdout, status.stderr);
    match(status.stdout, /Dashboard: http:\/\/127\.0\.0\.1:\d+\/\n/);
    match(status.stdout, /--show-token/);
    const json = await hermes(["gateway", "status", "--json"], { env: home.env });
    printed.push(json.stdout, json.stderr);

    // Asked for, the sign-in URL is printed, and it opens the board.
    const shown = await hermes(["gateway", "status", "--show-token", "--json"], {
      env: home.env,
    });
    equal(shown.code, 0, shown.stderr);
    const signIn = shown.json<{ sign_in_url: string }>().sign_in_url;
    ok(signIn, shown.stdout);
    equal(new URL(signIn).searchParams.get("token"), token);
    const page = await fetch(signIn, { redirect: "manual" });
    await page.body?.cancel();
    equal(page.status, 303);

    // /metrics takes its own token, made beside the dashboard's, and refuses the dashboard's.
    const metricsToken = Deno.readTextFileSync(`${home.path}/metrics.token`).trim();
    equal(Deno.statSync(`${home.path}/metrics.token`).mode! & 0o777, 0o600);
    ok(metricsToken.length >= 32 && metricsToken !== token);
    const metricsUrl = new URL("/metrics", signIn);
    const scraped = await fetch(metricsUrl, {
      headers: { authorization: `Bearer ${metricsToken}` },
    });
    equal(scraped.status, 200);
    match(await scraped.text(), /^hermes_tasks\{/m);
    const refused = await fetch(metricsUrl, { headers: { authorization: `Bearer ${token}` } });
    await refused.body?.cancel();
    equal(refused.status, 401);

    const stop = await hermes(["gateway", "stop"], { env: home.env });
    equal(stop.code, 0, stop.stderr);
    printed.push(stop.stdout, stop.stderr);

    const files = filesUnder(home.path);
    ok(files.some((f) => f.endsWith("/logs/gateway.log")), files.join("\n"));
    ok(files.some((f) => f.endsWith("gateway_state.json")), files.join("\n"));
    const enc = new TextEncoder().encode(token);
    const holds = (bytes: Uint8Array) => {
      outer: for (let i = 0; i + enc.length <= bytes.length; i++) {
        for (let j = 0; j < enc.length; j++) if (bytes[i + j] !== enc[j]) continue outer;
        return true;
      }
      return false;
    };
    const leaking = files.filter((f) =>
      !f.endsWith("/dashboard.token") && holds(Deno.readFileSync(f))
    );
    equal(leaking.join(", "), "", "files holding the dashboard token");
    for (const text of printed) ok(!text.includes(token), `output holds the token:\n${text}`);
  } finally {
    await stopGatewayOf(home);
  }
});
