import { deepEqual, ok } from "../support/assert.ts";
import { resolveConfig } from "../../lib/config/config.ts";
import { dispatcherPermissions, serverPermissions } from "../../lib/gateway/_worker_permissions.ts";
import { tempHome } from "../support/home.ts";
import { endpointDir, endpointPath } from "../../lib/endpoint/protocol.ts";

const PROBE = new URL("./fixtures/probe_worker.ts", import.meta.url);

/** Run the probes inside a worker started with `perms`. */
async function probe(perms: Deno.PermissionOptionsObject, probes: unknown[]): Promise<string[]> {
  const w = new Worker(PROBE, { type: "module", deno: { permissions: perms } });
  try {
    return await new Promise<string[]>((resolve, reject) => {
      w.onmessage = (e) => resolve(e.data);
      w.onerror = (e) => {
        e.preventDefault();
        reject(new Error(e.message));
      };
      w.postMessage(probes);
    });
  } finally {
    w.terminate();
  }
}

Deno.test("dispatcher worker may touch HERMES_HOME and the workspace roots, and nothing else", async () => {
  await using home = await tempHome();
  const root = await Deno.makeTempDir({ prefix: "hermes-root-" });
  const outside = await Deno.makeTempDir({ prefix: "hermes-outside-" });
  try {
    Deno.writeTextFileSync(`${outside}/secret`, "s");
    Deno.writeTextFileSync(`${root}/in-root`, "r");
    const env = (n: string) => Deno.env.get(n);
    const cfg = resolveConfig({ kanban: { workspace_roots: [root] } }, env);
    const res = await probe(dispatcherPermissions(home.path, cfg, env), [
      { kind: "write", path: `${home.path}/inside` },
      { kind: "read", path: `${home.path}/inside` },
      { kind: "read", path: `${root}/in-root` },
      { kind: "write", path: `${root}/new` },
      { kind: "read", path: `${outside}/secret` },
      { kind: "write", path: `${outside}/new` },
      { kind: "read", path: "/etc/passwd" },
    ]);
    deepEqual(res, ["ok", "ok", "ok", "ok", "NotCapable", "NotCapable", "NotCapable"]);
  } finally {
    await Deno.remove(root, { recursive: true });
    await Deno.remove(outside, { recursive: true });
  }
});

Deno.test("dispatcher worker may run sh and profile commands but not an unlisted command, env or net", async () => {
  await using home = await tempHome();
  const env = (n: string) => Deno.env.get(n);
  const cfg = resolveConfig(
    { kanban: { profiles: { lister: { command: ["ls", "{workspace}"] } } } },
    env,
  );
  const perms = dispatcherPermissions(home.path, cfg, env);
  ok((perms.run as string[]).some((p) => p.endsWith("/ls")), "profile command is allowed");
  const res = await probe(perms, [
    { kind: "run", cmd: "sh" },
    { kind: "run", cmd: "ls" },
    { kind: "run", cmd: "bash" },
    { kind: "run", cmd: "deno" },
    { kind: "env", name: "PATH" },
    { kind: "net", host: "127.0.0.1", port: 9 },
  ]);
  deepEqual(res, ["ok", "ok", "NotCapable", "NotCapable", "NotCapable", "NotCapable"]);
});

Deno.test("dispatcher worker may listen on the worker endpoint's socket and no other", async () => {
  await using home = await tempHome();
  const env = (n: string) => Deno.env.get(n);
  const perms = dispatcherPermissions(home.path, resolveConfig({}, env), env);
  Deno.mkdirSync(endpointDir(home.path), { recursive: true });
  const res = await probe(perms, [
    { kind: "listen-unix", path: endpointPath(home.path) },
    { kind: "listen-unix", path: `${endpointDir(home.path)}/other.sock` },
    { kind: "net", host: "127.0.0.1", port: 9 },
  ]);
  deepEqual(res, ["ok", "NotCapable", "NotCapable"]);
});

Deno.test("dashboard worker cannot run processes or read outside HERMES_HOME", async () => {
  await using home = await tempHome();
  const res = await probe(serverPermissions(home.path, "127.0.0.1", 8645), [
    { kind: "run", cmd: "sh" },
    { kind: "read", path: "/etc/passwd" },
    { kind: "env", name: "PATH" },
    { kind: "write", path: `${home.path}/ok` },
    { kind: "net", host: "127.0.0.1", port: 9 },
  ]);
  deepEqual(res, ["NotCapable", "NotCapable", "NotCapable", "ok", "NotCapable"]);
});
