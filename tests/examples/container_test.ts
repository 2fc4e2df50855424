/**
 * examples/Containerfile, without a container engine: its ENTRYPOINT + CMD command line
 * runs as written (tini left out, `hermes` on PATH, HERMES_HOME a temp dir standing in
 * for the /data volume), and its HEALTHCHECK command must pass against it.
 */

import { deepEqual, equal, match, ok } from "../support/assert.ts";
import { tempHome } from "../support/home.ts";
import { waitFor } from "../support/wait.ts";
import {
  exampleEnv,
  exitWithin,
  freePort,
  ROOT,
  sh,
  start,
  writeHermesShim,
} from "./example_support.ts";

interface Containerfile {
  stages: string[];
  env: Record<string, string>;
  volumes: string[];
  workdir: string;
  entrypoint: string[];
  cmd: string[];
  healthcheck: string;
  copies: string[];
}

/** The instructions of the final stage that matter here (continuation lines joined). */
function parseContainerfile(text: string): Containerfile {
  const lines = text.replace(/\\\n\s*/g, " ").split("\n").map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"));
  const out: Containerfile = {
    stages: [],
    env: {},
    volumes: [],
    workdir: "/",
    entrypoint: [],
    cmd: [],
    healthcheck: "",
    copies: [],
  };
  for (const line of lines) {
    const [, op, rest] = /^(\S+)\s+(.*)$/.exec(line) ?? [];
    switch (op.toUpperCase()) {
      case "FROM":
        out.stages.push(rest);
        out.env = {};
        out.copies = [];
        break;
      case "ENV":
        for (const m of rest.matchAll(/(\w+)=(\S+)/g)) out.env[m[1]] = m[2];
        break;
      case "VOLUME":
        out.volumes = JSON.parse(rest);
        break;
      case "WORKDIR":
        out.workdir = rest;
        break;
      case "ENTRYPOINT":
        out.entrypoint = JSON.parse(rest);
        break;
      case "CMD":
        out.cmd = JSON.parse(rest);
        break;
      case "HEALTHCHECK":
        out.healthcheck = rest.replace(/^.*?\bCMD\s+/, "");
        break;
      case "COPY":
        out.copies.push(rest);
        break;
    }
  }
  return out;
}

const FILE = parseContainerfile(Deno.readTextFileSync(`${ROOT}examples/Containerfile`));

Deno.test("container file keeps state on the /data volume and runs the gateway under an init", () => {
  equal(FILE.env.HERMES_HOME, "/data");
  deepEqual(FILE.volumes, ["/data"]);
  equal(FILE.workdir, "/data");
  deepEqual(FILE.entrypoint.slice(0, 2), ["/usr/bin/tini", "--"], "tini is PID 1 and reaps");
  deepEqual([FILE.entrypoint[2], ...FILE.cmd.slice(0, 2)], ["hermes", "gateway", "run"]);
  match(FILE.healthcheck, /\/healthz\b/);
  // The binary it copies is the one `deno task compile` writes.
  const compile: string = JSON.parse(Deno.readTextFileSync(`${ROOT}deno.json`)).tasks.compile;
  const output = /--output (\S+)/.exec(compile)![1];
  ok(
    FILE.copies.some((c) => c.includes(`/src/${output} /usr/local/bin/hermes`)),
    FILE.copies.join(),
  );
  equal(FILE.stages.length, 2, "a build stage and a runtime stage");
});

Deno.test({
  name: "container entrypoint command line serves /healthz, works tasks and stops on SIGTERM",
  sanitizeResources: false,
  async fn() {
    await using home = await tempHome();
    const bin = `${home.path}/bin`;
    writeHermesShim(`${bin}/hermes`);
    const data = `${home.path}/data`;
    await Deno.mkdir(data, { mode: 0o700 });
    const port = String(freePort());
    // The command line as the container runs it, after the init: ENTRYPOINT[2:] + CMD.
    const argv = [...FILE.entrypoint.slice(2), ...FILE.cmd].map((a) => a === "8645" ? port : a);
    const env = exampleEnv(bin, { ...FILE.env, HERMES_HOME: data });
    await using gw = start(argv, env, data);

    const check = FILE.healthcheck.replaceAll(":8645/", `:${port}/`);
    await waitFor(async () => (await sh(check, env, data)).code === 0, {
      timeoutMs: 30_000,
      what: `health check '${check}' to pass; gateway log:\n${gw.stderr()}`,
    });

    const made = await sh(
      "hermes kanban create probe --assignee shell --body 'echo from-the-container' --json",
      env,
      data,
    );
    equal(made.code, 0, made.stderr);
    const id = JSON.parse(made.stdout).id;
    await waitFor(
      async () =>
        JSON.parse((await sh(`hermes kanban show ${id} --json`, env, data)).stdout).task
          .status === "done",
      { timeoutMs: 20_000, what: `task done; gateway log:\n${gw.stderr()}` },
    );

    ok(Deno.statSync(`${data}/kanban.db`).isFile, "the board lives on the volume");
    ok(Deno.statSync(`${data}/gateway.pid`).isFile, "so does the gateway's state");

    gw.child.kill("SIGTERM");
    const st = await exitWithin(gw, 5_000);
    ok(st, `stopped within 5 s of SIGTERM; log:\n${gw.stderr()}`);
    equal(st.code, 0, gw.stderr());
    // --log-format json: every line the log driver gets is one JSON object.
    const lines = gw.stderr().trim().split("\n");
    ok(lines.length >= 3);
    for (const l of lines) ok(typeof JSON.parse(l) === "object", l);
    const after = await sh(check, env, data);
    ok(after.code !== 0, "the health check fails once the gateway is gone");
  },
});
