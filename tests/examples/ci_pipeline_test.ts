/**
 * examples/ci-pipeline.sh and the GitHub Actions workflow that runs it: a passing DAG
 * exits 0 with every step run in dependency order; a failing step makes the job exit 1,
 * prints that step's output, and the steps after it never run.
 */

import { deepEqual, equal, match, ok } from "../support/assert.ts";
import { parse } from "yaml";
import { tempHome } from "../support/home.ts";
import { exampleEnv, ROOT, sh, writeHermesShim } from "./example_support.ts";

const SCRIPT = `${ROOT}examples/ci-pipeline.sh`;

/** A project directory whose steps append their name to steps.log. */
async function project(dir: string, failing?: string): Promise<void> {
  await Deno.mkdir(dir, { recursive: true });
  const step = (name: string) =>
    name === failing
      ? `echo "${name}: 2 checks failed" >&2; exit 3`
      : `echo ${name} >> steps.log; echo "${name} ok"`;
  // A stand-in for make: the workflow's steps are `make <target>`.
  const targets = ["lint", "test", "build", "package"].map((t) => `${t}) ${step(t)} ;;`);
  await Deno.writeTextFile(
    `${dir}/make`,
    `#!/bin/sh\ncase "$1" in\n${targets.join("\n")}\nesac\n`,
    {
      mode: 0o755,
    },
  );
}

function steps(dir: string): string[] {
  try {
    return Deno.readTextFileSync(`${dir}/steps.log`).trim().split("\n");
  } catch {
    return [];
  }
}

Deno.test("ci pipeline runs a passing DAG in dependency order and exits 0", async () => {
  await using home = await tempHome();
  const bin = `${home.path}/bin`;
  writeHermesShim(`${bin}/hermes`);
  const dir = `${home.path}/repo`;
  await project(dir);
  const tmp = `${home.path}/tmp`;
  await Deno.mkdir(tmp);
  // No HERMES_HOME: the script makes a board of its own in TMPDIR and removes it after.
  const env = exampleEnv(bin, {
    TMPDIR: tmp,
    LINT: "./make lint",
    TEST: "./make test",
    BUILD: "./make build",
    PACKAGE: "./make package",
  });
  const r = await sh(`sh ${SCRIPT}`, env, dir);
  equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
  match(r.stdout, /pipeline: all steps done/);
  const order = steps(dir);
  deepEqual([...order.slice(0, 2)].sort(), ["lint", "test"]);
  deepEqual(order.slice(2), ["build", "package"]);
  deepEqual([...Deno.readDirSync(tmp)], [], "the job's board is removed afterwards");
});

Deno.test("ci pipeline fails the job when a step fails and runs nothing after it", async () => {
  await using home = await tempHome();
  const bin = `${home.path}/bin`;
  writeHermesShim(`${bin}/hermes`);
  const dir = `${home.path}/repo`;
  await project(dir, "test");
  const board = `${home.path}/board`;
  const env = exampleEnv(bin, {
    HERMES_HOME: board,
    LINT: "./make lint",
    TEST: "./make test",
    BUILD: "./make build",
    PACKAGE: "./make package",
  });
  const r = await sh(`sh ${SCRIPT}`, env, dir);
  equal(r.code, 1, `${r.stdout}\n${r.stderr}`);
  match(r.stderr, /pipeline: failed/);
  match(r.stderr, /---- test \(t_[0-9a-f]{8}\) failed; its output:\ntest: 2 checks failed/);
  deepEqual(steps(dir), ["lint"], "build and package never ran");
  // The board (kept, since HERMES_HOME was given) tells the same story.
  const list = await sh("hermes kanban list --json", env, dir);
  const status = Object.fromEntries(
    (JSON.parse(list.stdout) as { title: string; status: string }[]).map((
      t,
    ) => [t.title, t.status]),
  );
  deepEqual(status, { lint: "done", test: "blocked", build: "todo", package: "todo" });
});

Deno.test("github actions workflow installs hermes and runs the pipeline script", async () => {
  const wf = parse(Deno.readTextFileSync(`${ROOT}examples/github-actions.yml`));
  const job = wf.jobs.pipeline;
  const runs: string[] = job.steps.filter((s: { run?: string }) => s.run).map((
    s: { run: string },
  ) => s.run);
  ok(runs.some((r) => /curl .*hermes/.test(r)), "a step downloads the binary");
  const pipeline = runs.find((r) => r.includes("ci-pipeline.sh"));
  ok(pipeline, "a step runs the pipeline");
  for (const name of ["LINT", "TEST", "BUILD", "PACKAGE"]) {
    ok(job.env[name], `job env sets ${name}`);
  }
  for (const r of runs) {
    const script = r.replace(/\$\{\{[^}]*\}\}/g, "x"); // GitHub expressions are filled in before sh runs
    const check = await new Deno.Command("sh", { args: ["-n", "-c", script], stderr: "piped" })
      .output();
    equal(check.code, 0, `valid sh: ${r}\n${new TextDecoder().decode(check.stderr)}`);
  }

  // Run the pipeline step as written, from a checkout, with the job's env and `make` on PATH.
  await using home = await tempHome();
  const bin = `${home.path}/bin`;
  writeHermesShim(`${bin}/hermes`);
  const repo = `${home.path}/checkout`;
  await Deno.mkdir(`${repo}/examples`, { recursive: true });
  await Deno.copyFile(SCRIPT, `${repo}/examples/ci-pipeline.sh`);
  await project(bin);
  const r = await sh(pipeline!, exampleEnv(bin, { ...job.env, TMPDIR: home.path }), repo);
  equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
  deepEqual(steps(repo).slice(2), ["build", "package"]);
});
