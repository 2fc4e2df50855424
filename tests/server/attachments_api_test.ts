/**
 * The dashboard's attachment endpoints, as Hermes's: upload (multipart with a `file` part, or a
 * raw body), list, download (always a download: octet-stream, attachment, nosniff) and delete;
 * the token, the size cap and the board's directory hold.
 */

import { deepEqual, equal, match, ok } from "../support/assert.ts";
import { resolveConfig } from "../../lib/config/config.ts";
import { startServer } from "./server_support.ts";

const API = "/api/plugins/kanban";
type Att = {
  id: number;
  task_id: string;
  filename: string;
  content_type: string;
  size: number;
  uploaded_by: string;
  stored_path: string;
};

function form(name: string, text: string, type: string, by?: string): FormData {
  const f = new FormData();
  f.append("file", new File([text], name, { type }));
  if (by) f.append("uploaded_by", by);
  return f;
}

Deno.test("upload, list, download and delete an attachment through the dashboard API", async () => {
  await using s = await startServer();
  const made = await s.call<{ task: { id: string } }>("POST", `${API}/tasks`, { title: "t" });
  const id = made.body.task.id;
  const html = "<script>alert(document.cookie)</script>";
  const up = await s.fetch(`${API}/tasks/${id}/attachments`, {
    method: "POST",
    body: form("../../evil page.html", html, "text/html", "alice"),
  });
  equal(up.status, 200, await up.clone().text());
  const att = (await up.json() as { attachment: Att }).attachment;
  deepEqual(
    [att.task_id, att.filename, att.content_type, att.size, att.uploaded_by],
    [id, "evil page.html", "text/html", html.length, "alice"],
  );
  ok(att.stored_path.startsWith(`${s.home.path}/kanban/attachments/${id}/`), att.stored_path);

  const raw = await s.fetch(
    `${API}/tasks/${id}/attachments?filename=${encodeURIComponent("données.csv")}` +
      "&content_type=text/csv",
    {
      method: "POST",
      headers: { "content-type": "application/octet-stream" },
      body: "a,b\n1,2\n",
    },
  );
  equal(raw.status, 200, await raw.clone().text());
  const csv = (await raw.json() as { attachment: Att }).attachment;
  deepEqual([csv.filename, csv.content_type, csv.uploaded_by], [
    "données.csv",
    "text/csv",
    "dashboard",
  ]);

  const list = await s.call<{ attachments: Att[] }>("GET", `${API}/tasks/${id}/attachments`);
  deepEqual(list.body.attachments.map((a) => a.id), [att.id, csv.id]);
  const detail = await s.call<{ events: { kind: string }[] }>("GET", `${API}/tasks/${id}`);
  ok(detail.body.events.some((e) => e.kind === "attached"));

  const dl = await s.fetch(`${API}/attachments/${att.id}`);
  equal(dl.status, 200);
  equal(dl.headers.get("content-type"), "application/octet-stream");
  equal(dl.headers.get("x-content-type-options"), "nosniff");
  equal(
    dl.headers.get("content-disposition"),
    `attachment; filename="evil page.html"; filename*=UTF-8''evil%20page.html`,
  );
  match(dl.headers.get("content-security-policy") ?? "", /sandbox/);
  equal(await dl.text(), html);
  const dl2 = await s.fetch(`${API}/attachments/${csv.id}`);
  equal(
    dl2.headers.get("content-disposition"),
    `attachment; filename="donn_es.csv"; filename*=UTF-8''donn%C3%A9es.csv`,
  );
  equal(await dl2.text(), "a,b\n1,2\n");

  const del = await s.call<{ ok: boolean; id: number }>("DELETE", `${API}/attachments/${att.id}`);
  deepEqual(del.body, { ok: true, id: att.id });
  equal(await Deno.stat(att.stored_path).then(() => true, () => false), false);
  equal((await s.call("GET", `${API}/attachments/${att.id}`)).status, 404);
  equal((await s.call("DELETE", `${API}/attachments/${att.id}`)).status, 404);
});

Deno.test("the attachment endpoints refuse what they must, leaving nothing behind", async () => {
  await using t = await startServer({
    config: resolveConfig({ kanban: { attachment_max_bytes: 16 } }, () => undefined),
  });
  const id = (await t.call<{ task: { id: string } }>("POST", `${API}/tasks`, { title: "t" })).body
    .task.id;
  const post = (body: BodyInit, headers: Record<string, string> = {}, query = "", auth = true) =>
    t.fetch(`${API}/tasks/${id}/attachments${query}`, {
      method: "POST",
      body,
      headers,
      auth,
    });
  const cases: [Promise<Response>, number, RegExp][] = [
    [post(form("big.bin", "x".repeat(17), "application/octet-stream")), 413, /16 byte limit/],
    [
      post("x".repeat(17), { "content-type": "application/octet-stream" }, "?filename=a"),
      413,
      /limit/,
    ],
    [post(form("...", "x", "text/plain")), 400, /invalid attachment filename/],
    [post(form("a.txt", "x", "text/plain<b>")), 400, /invalid content type/],
    [post("x", { "content-type": "application/octet-stream" }), 400, /\?filename=/],
    [post("x", { "content-type": "text/plain" }), 415, /application\/json/],
    [post(form("a.txt", "x", "text/plain"), {}, "", false), 401, /token/],
  ];
  for (const [res, status, msg] of cases) {
    const r = await res;
    const text = await r.text();
    equal(r.status, status, text);
    match(text, msg);
  }
  const none = await t.fetch(`${API}/tasks/t_00000000/attachments`, {
    method: "POST",
    body: form("a.txt", "x", "text/plain"),
  });
  equal(none.status, 404);
  await none.body?.cancel();
  equal((await t.call("GET", `${API}/tasks/t_00000000/attachments`)).status, 404);
  equal((await t.call("GET", `${API}/attachments/abc`)).status, 404);
  const dir = `${t.home.path}/kanban/attachments/${id}`;
  const left = await Deno.stat(dir).then(() => [...Deno.readDirSync(dir)], () => []);
  deepEqual(left, []);
  const list = await t.call<{ attachments: Att[] }>("GET", `${API}/tasks/${id}/attachments`);
  deepEqual(list.body.attachments, []);
});
