/**
 * The gateway's own least privilege from source: `deno run … main.ts gateway run` runs the
 * gateway again as a child whose write and net permissions are narrowed to HERMES_HOME, the
 * workspace roots, its listen address and the webhook hosts; the parent passes signals on and
 * exits with the child's status; `gateway start` launches its background gateway narrowed too.
 */

import { endpointPath, endpointStagingPath } from "../../lib/endpoint/protocol.ts";
import { deepEqual, equal, match, ok } from "../support/assert.ts";
import { baseEnv, hermes, MAIN, PERMISSION_FLAGS, spawnHermes } from "../support/cli.ts";
import { type TempHome, tempHome } from "../support/home.ts";
import { waitFor } from "../support/wait.ts";
import { resolveConfig } from "../../lib/config/config.ts";
import {
  CONFINED_ENV,
  confinedLaunch,
  gatewayScope,
  nameservers,
  scopeFlags,
  webhookNet,
} from "../../lib/gateway/confinement.ts";
import { gatewayLockHeld } from "../../lib/gateway/_lock.ts";
import { openBoard } from "../../lib/store/mod.ts";
import { openNotify } from "../../lib/store/engine.ts";
import { readStateFile, stopGatewayOf, writeConfig } from "./gateway_support.ts";

const PROBE = new URL("./fixtures/scope_probe.ts", import.meta.url).pathname;

interface Status {
  running: boolean;
  pid: number;
  permissions: { narrowed: boolean; write: "any" | string[]; net: "any" | string[] } | null;
}

/** A `hermes gateway run <args>` started as a person would from source, and its stderr. */
interface Parent extends AsyncDisposable {
  child: Deno.ChildProcess;
  stderr(): string;
  /** The gateway's own pid, once its state file says ready. */
  ready(): Promise<number>;
}

function startParent(home: TempHome, args: string[], env: Record<string, string> = {}): Parent {
  const child = spawnHermes(["gateway", "run", ...args], { ...home.env, ...env });
  let text = "";
  const pump = (async () => {
    for await (const c of child.stderr.pipeThrough(new TextDecoderStream())) text += c;
  })();
  child.stdout.cancel();
  let exited = false;
  child.status.then(() => exited = true);
  return {
    child,
    stderr: () => text,
    async ready() {
      let pid = 0;
      await waitFor(() => {
        if (exited) throw new Error(`the gateway exited early:\n${text}`);
        const s = readStateFile(home.path);
        pid = typeof s?.pid === "number" ? s.pid : 0;
        return s?.phase === "ready" && gatewayLockHeld(home.path);
      }, { timeoutMs: 20_000, what: "gateway ready" });
      return pid;
    },
    async [Symbol.asyncDispose]() {
      if (!exited) {
        try {
          child.kill("SIGTERM");
        } catch { /* gone */ }
      }
      await child.status;
      await pump;
      await stopGatewayOf(home);
    },
  };
}

async function status(home: TempHome): Promise<Status> {
  const r = await hermes(["gateway", "status", "--json"], { env: home.env });
  return r.json<Status>();
}

/** The worker endpoint's socket, which every gateway's dispatcher serves (and its staging name). */
function endpointNet(home: string): string[] {
  return [`unix:${endpointPath(home)}`, `unix:${endpointStagingPath(home)}`];
}

Deno.test(
  "gateway run from source runs the gateway as a child narrowed to HERMES_HOME, the roots and its address",
  {
    // The child's command line is read from /proc.
    ignore: Deno.build.os !== "linux",
  },
  async () => {
    await using home = await tempHome();
    const root = await Deno.makeTempDir({ prefix: "hermes-root-" });
    try {
      writeConfig(home.path, `kanban:\n  workspace_roots: [${JSON.stringify(root)}]\n`);
      await using parent = startParent(home, ["--port", "0", "--log-level", "debug"]);
      const pid = await parent.ready();
      ok(pid !== parent.child.pid, "the gateway is the parent's child, not the parent");
      const s = await status(home);
      deepEqual(s.permissions, {
        narrowed: true,
        write: [home.path, root],
        net: ["127.0.0.1", ...endpointNet(home.path)],
      });
      const human = await hermes(["gateway", "status"], { env: home.env });
      match(
        human.stdout,
        new RegExp(
          `^Permissions: write ${home.path},${root}; net 127\\.0\\.0\\.1,unix:${home.path}/kanban/endpoint/worker\\.sock,unix:\\S+\\.new$`,
          "m",
        ),
      );
      match(parent.stderr(), /gateway permissions narrowed=true write=\S+ net=127\.0\.0\.1/);
      // The running gateway holds exactly the flags whose effect the next test probes.
      const cmdline = await new Deno.Command("/bin/cat", { args: [`/proc/${pid}/cmdline`] })
        .output();
      const argv = new TextDecoder().decode(cmdline.stdout).split("\0");
      ok(argv.includes(`--allow-write=${home.path},${root}`), argv.join(" "));
      ok(
        argv.includes(`--allow-net=${["127.0.0.1", ...endpointNet(home.path)].join(",")}`),
        argv.join(" "),
      );
      ok(!argv.some((a) => a === "-A" || a === "--allow-all"), argv.join(" "));

      // SIGTERM to the parent reaches the gateway, which stops cleanly; the parent exits with it.
      parent.child.kill("SIGTERM");
      const st = await parent.child.status;
      equal(st.code, 0, parent.stderr());
      match(parent.stderr(), /gateway stopping signal=SIGTERM/);
      match(parent.stderr(), /gateway stopped/);
      ok(!gatewayLockHeld(home.path), "the gateway let go of its lock");
    } finally {
      await Deno.remove(root, { recursive: true });
    }
  },
);

Deno.test("the relaunching parent passes SIGINT and SIGHUP on and exits with the gateway's status", async () => {
  for (const sig of ["SIGINT", "SIGHUP"] as const) {
    await using home = await tempHome();
    await using parent = startParent(home, ["--no-dashboard"]);
    await parent.ready();
    parent.child.kill(sig);
    equal((await parent.child.status).code, 0, parent.stderr());
    match(parent.stderr(), new RegExp(`gateway stopping signal=${sig}`));
  }
  await using home = await tempHome();
  await using first = startParent(home, ["--no-dashboard"]);
  const gw = await first.ready();
  // A gateway that fails: its one-line refusal, and its exit status, are the parent's.
  const second = await hermes(["gateway", "run", "--no-dashboard"], { env: home.env });
  equal(second.code, 1);
  match(second.stderr, new RegExp(`already running .*\\(pid ${gw}\\)`));
  // A gateway killed outright: the parent reports it as a shell would (128 + 9).
  Deno.kill(gw, "SIGKILL");
  equal((await first.child.status).code, 137);
});

Deno.test("the narrowed flags let a process write HERMES_HOME and the roots, and listen on its address only", async () => {
  await using home = await tempHome();
  const root = await Deno.makeTempDir({ prefix: "hermes-root-" });
  const outside = await Deno.makeTempDir({ prefix: "hermes-outside-" });
  try {
    const env = (n: string) => home.env[n];
    const config = resolveConfig({ kanban: { workspace_roots: [root] } }, env);
    const launch = confinedLaunch(
      gatewayScope(home.path, config, env, { host: "127.0.0.1", port: 0 }),
    );
    ok(launch);
    const actions = [
      { write: `${home.path}/in-home` },
      { write: `${root}/in-root` },
      { write: `${outside}/escaped` },
      { write: "/etc/hermes-escaped" },
      { query: "/etc" },
      { listen: "127.0.0.1" },
      { listen: "0.0.0.0" },
    ];
    const out = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "--quiet",
        ...PERMISSION_FLAGS,
        ...launch.denoFlags,
        PROBE,
        JSON.stringify(actions),
      ],
      env: baseEnv(),
      clearEnv: true,
      stdout: "piped",
      stderr: "piped",
    }).output();
    const dec = new TextDecoder();
    equal(out.code, 0, dec.decode(out.stderr));
    deepEqual(JSON.parse(dec.decode(out.stdout)), [
      "ok",
      "ok",
      "NotCapable",
      "NotCapable",
      "prompt",
      "ok",
      "NotCapable",
    ]);
    ok(!Deno.statSync(outside).isFile && [...Deno.readDirSync(outside)].length === 0, "no trace");
  } finally {
    await Deno.remove(root, { recursive: true });
    await Deno.remove(outside, { recursive: true });
  }
});

Deno.test("gateway start from source starts its background gateway narrowed", async () => {
  await using home = await tempHome();
  try {
    const r = await hermes(["gateway", "start", "--port", "0", "--json"], { env: home.env });
    equal(r.code, 0, r.stderr);
    const started = r.json<{ pid: number }>().pid;
    const s = await status(home);
    equal(s.pid, started, "the pid start reported is the gateway's own");
    deepEqual(s.permissions, {
      narrowed: true,
      write: [home.path],
      net: ["127.0.0.1", ...endpointNet(home.path)],
    });
  } finally {
    await stopGatewayOf(home);
  }
});

Deno.test("a gateway the marker cannot fool: started with the whole release set it says so", async () => {
  await using home = await tempHome();
  const fake = JSON.stringify({ write: ["/nowhere"], net: [] });
  // The marker only stops a relaunch; what the gateway reports is what Deno says it holds.
  await using parent = startParent(home, ["--no-dashboard"], { [CONFINED_ENV]: fake });
  const pid = await parent.ready();
  equal(pid, parent.child.pid, "no relaunch under the marker");
  deepEqual((await status(home)).permissions, { narrowed: false, write: "any", net: "any" });
});

Deno.test("a gateway started with less than the release set is run as it is, never widened", async () => {
  await using home = await tempHome();
  // Its own narrower write list: a relaunch with the release set would widen read, so none.
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--quiet",
      ...PERMISSION_FLAGS,
      `--allow-write=${home.path}`,
      MAIN,
      "gateway",
      "run",
      "--no-dashboard",
    ],
    env: { ...baseEnv(), ...home.env },
    clearEnv: true,
    stdin: "null",
    stdout: "null",
    stderr: "null",
  }).spawn();
  try {
    await waitFor(() => readStateFile(home.path)?.phase === "ready", { what: "ready" });
    equal(readStateFile(home.path)?.pid, child.pid);
    deepEqual((await status(home)).permissions, {
      narrowed: false,
      write: [home.path],
      net: "any",
    });
  } finally {
    child.kill("SIGTERM");
    await child.status;
  }
});

Deno.test("the scope names webhook hosts, their DNS servers, egress proxies, and no comma", async () => {
  await using home = await tempHome();
  deepEqual(nameservers("# x\nnameserver 10.0.0.2\nnameserver fe80::1%eth0\nsearch lan\n"), [
    "10.0.0.2:53",
    "[fe80::1]:53",
  ]);
  const dns = ["10.0.0.2:53"];
  deepEqual(webhookNet([{ url: "https://hooks.example.com/x", allowPrivate: false }], dns), [
    "hooks.example.com:443",
    "10.0.0.2:53",
  ]);
  // An IP literal, or a host allowed to be private, is never resolved first: no DNS needed.
  deepEqual(
    webhookNet([
      { url: "http://203.0.113.5:8080/h", allowPrivate: false },
      { url: "http://[2001:db8::1]/h", allowPrivate: false },
      { url: "http://box.lan/h", allowPrivate: true },
      { url: "ftp://x/", allowPrivate: false },
      { url: "not a url", allowPrivate: false },
    ], dns),
    ["203.0.113.5:8080", "[2001:db8::1]:80", "box.lan:80"],
  );

  // Config webhooks, subscriptions on every board and confined profiles' proxies all count.
  const env = (n: string) => home.env[n];
  const config = resolveConfig({
    kanban: {
      notify: { webhooks: [{ url: "http://203.0.113.9/c" }] },
      profiles: {
        agent: { command: ["true"], sandbox: "workspace", network: ["api.example.com"] },
      },
    },
  }, env);
  const store = openBoard(home.path, "default", { create: true });
  const id = store.createTask({ title: "t" }).task.id;
  openNotify(store).subscribe({
    taskId: id,
    platform: "webhook",
    chatId: "http://198.51.100.7:9000/s",
    threadId: "",
    userId: null,
  });
  store.close();
  const scope = gatewayScope(home.path, config, env, { host: "::1", port: 8645 });
  deepEqual(scope.write, [home.path]);
  deepEqual(scope.net, [
    "[::1]:8645",
    ...endpointNet(home.path),
    `unix:${home.path}/kanban/net/agent/proxy.sock`,
    "api.example.com:443",
    "203.0.113.9:80",
    "198.51.100.7:9000",
  ]);
  deepEqual(scopeFlags({ write: ["/a"], net: [] }), ["--allow-write=/a", "--deny-net"]);
  equal(scopeFlags({ write: ["/a,b"], net: [] }), null, "a comma cannot be carried by a flag");
});

Deno.test("a webhook outside a narrowed gateway's hosts fails for good, saying to restart it", async () => {
  const post = (url: string, allowPrivate: boolean) => {
    const w = new Worker(new URL("./fixtures/webhook_worker.ts", import.meta.url), {
      type: "module",
      // As the notifier of a gateway narrowed to one webhook host and no DNS server.
      deno: { permissions: { net: ["127.0.0.1:9"], read: false, env: false } },
    });
    return new Promise<{ ok: boolean; error?: string; permanent?: boolean }>((resolve, reject) => {
      w.onmessage = (e) => {
        w.terminate();
        resolve(e.data);
      };
      w.onerror = (e) => {
        e.preventDefault();
        w.terminate();
        reject(new Error(e.message));
      };
      w.postMessage({ url, allowPrivate });
    });
  };
  const hint = /is not among the hosts this gateway may reach .* hermes gateway restart$/;
  // A host it was not given, and a name it may not resolve.
  for (
    const [url, priv] of [["http://127.0.0.1:10/h", true], [
      "http://hooks.example.com/h",
      false,
    ]] as const
  ) {
    const r = await post(url, priv);
    deepEqual([r.ok, r.permanent], [false, true], url);
    match(r.error ?? "", hint);
  }
  // The host it was given is dialled (nothing listens on port 9: a retryable failure).
  const r = await post("http://127.0.0.1:9/h", true);
  deepEqual([r.ok, r.permanent], [false, false]);
  ok(!hint.test(r.error ?? ""), r.error);
});
