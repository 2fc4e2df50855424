/**
 * `hermes kanban attach` and `attachments`: files stored as Hermes stores them (a
 * task_attachments row, the file under the board's attachments/<task>/, 0700/0600), names
 * sanitized, the size capped by kanban.attachment_max_bytes, listed in the worker's context,
 * removed with the task.
 */

import { deepEqual, equal, match, ok } from "../support/assert.ts";
import { snapshot } from "../support/board.ts";
import { hermes } from "../support/cli.ts";
import { tempHome } from "../support/home.ts";

type Att = {
  id: number;
  task_id: string;
  filename: string;
  content_type: string;
  size: number;
  uploaded_by: string;
  stored_path: string;
};

async function create(env: Record<string, string>, ...args: string[]): Promise<string> {
  const r = await hermes(["kanban", "create", "task", ...args, "--json"], { env });
  equal(r.code, 0, r.stderr);
  return r.json<{ id: string }>().id;
}

Deno.test("attach stores the file privately under a generated name and attachments lists it", async () => {
  await using home = await tempHome();
  const id = await create(home.env);
  const src = `${home.path}/report.pdf`;
  await Deno.writeFile(src, new Uint8Array([37, 80, 68, 70, 0, 1, 2]));
  const a = await hermes(["kanban", "attach", id, src, "--json"], { env: home.env });
  equal(a.code, 0, a.stderr);
  const att = a.json<Att>();
  deepEqual(
    [att.task_id, att.filename, att.content_type, att.size],
    [id, "report.pdf", "application/pdf", 7],
  );
  const dir = `${home.path}/kanban/attachments/${id}`;
  match(att.stored_path, new RegExp(`^${dir}/[0-9a-f]{24}\\.pdf$`));
  deepEqual(await Deno.readFile(att.stored_path), new Uint8Array([37, 80, 68, 70, 0, 1, 2]));
  equal((await Deno.stat(att.stored_path)).mode! & 0o777, 0o600);
  equal((await Deno.stat(dir)).mode! & 0o777, 0o700);
  equal((await Deno.stat(`${home.path}/kanban/attachments`)).mode! & 0o777, 0o700);

  const piped = await hermes(
    ["kanban", "attach", id, "-", "--name", "../../../etc/.passwd", "--json"],
    { env: home.env, stdin: "<script>alert(1)</script>" },
  );
  equal(piped.code, 0, piped.stderr);
  const p = piped.json<Att>();
  deepEqual([p.filename, p.content_type], ["passwd", "application/octet-stream"]);
  ok(p.stored_path.startsWith(`${dir}/`), p.stored_path);

  const list = await hermes(["kanban", "attachments", id, "--json"], { env: home.env });
  deepEqual(list.json<Att[]>().map((x) => x.filename), ["report.pdf", "passwd"]);
  const text = await hermes(["kanban", "attachments", id], { env: home.env });
  match(text.stdout, /^ID +SIZE +TYPE +NAME +PATH\n#1 +7 +application\/pdf +report\.pdf +\//);
  const ctx = await hermes(["kanban", "context", id], { env: home.env });
  match(ctx.stdout, /## Attachments\n\n.*\n\n- `report\.pdf`, application\/pdf, 1 KB → `\//);
  const show = await hermes(["kanban", "show", id, "--json"], { env: home.env });
  deepEqual(
    show.json<{ events: { kind: string; payload: Record<string, unknown> }[] }>().events
      .filter((e) => e.kind === "attached").map((e) => e.payload),
    [{ filename: "report.pdf", size: 7, by: "user" }, { filename: "passwd", size: 25, by: "user" }],
  );
});

Deno.test("attach refuses an over-size file, a bad name or type, a missing task, with no trace", async () => {
  await using home = await tempHome();
  await Deno.writeTextFile(`${home.path}/config.yaml`, "kanban:\n  attachment_max_bytes: 10\n");
  const id = await create(home.env);
  await Deno.writeTextFile(`${home.path}/big.txt`, "x".repeat(11));
  await Deno.writeTextFile(`${home.path}/ok.txt`, "x".repeat(10));
  const before = snapshot(home.path);
  const cases: [string[], number, RegExp][] = [
    [[id, `${home.path}/big.txt`], 2, /attachment exceeds the 10 byte limit/],
    [[id, `${home.path}/ok.txt`, "--name", "..."], 2, /invalid attachment filename/],
    [[id, `${home.path}/ok.txt`, "--content-type", "text/html<x>"], 2, /invalid content type/],
    [["t_00000000", `${home.path}/ok.txt`], 1, /no such task: t_00000000/],
    [[id, `${home.path}/missing.txt`], 2, /cannot read .*missing\.txt/],
    [[id, "-"], 2, /attaching standard input needs --name/],
  ];
  for (const [args, code, msg] of cases) {
    const r = await hermes(["kanban", "attach", ...args], { env: home.env });
    equal(r.code, code, `${args.join(" ")}: ${r.stderr}`);
    equal(r.stderr.trim().split("\n").length, 1, r.stderr);
    match(r.stderr, msg);
  }
  deepEqual(snapshot(home.path), before);
  const dir = `${home.path}/kanban/attachments/${id}`;
  deepEqual([...Deno.readDirSync(dir)], [], "the refused file was removed");
  const fits = await hermes(["kanban", "attach", id, `${home.path}/ok.txt`], { env: home.env });
  equal(fits.code, 0, fits.stderr);
});

Deno.test("a worker cannot attach; a deleted task's files go with it", async () => {
  await using home = await tempHome();
  const id = await create(home.env);
  await Deno.writeTextFile(`${home.path}/f.txt`, "hi");
  const w = await hermes(["kanban", "attach", id, `${home.path}/f.txt`], {
    env: { ...home.env, HERMES_KANBAN_TASK: id, HERMES_KANBAN_RUN_ID: "1" },
  });
  equal(w.code, 1, w.stderr);
  match(w.stderr, /a worker cannot attach files/);
  const a = await hermes(["kanban", "attach", id, `${home.path}/f.txt`, "--json"], {
    env: home.env,
  });
  const path = a.json<Att>().stored_path;
  equal((await hermes(["kanban", "archive", id], { env: home.env })).code, 0);
  const rm = await hermes(["kanban", "archive", id, "--rm"], { env: home.env });
  equal(rm.code, 0, rm.stderr);
  equal(await Deno.stat(path).then(() => true, () => false), false);
  equal(
    await Deno.stat(`${home.path}/kanban/attachments/${id}`).then(() => true, () => false),
    false,
  );
});
