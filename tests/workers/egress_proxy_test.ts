import { deepEqual, equal, match } from "../support/assert.ts";
import {
  connectTarget,
  EgressProxy,
  netPermissions,
  parseHostEntry,
} from "../../lib/workers/mod.ts";
import { tempHome } from "../support/home.ts";
import { loopbackListener } from "../support/net.ts";
import { waitFor } from "../support/wait.ts";

/** Send `head` through the proxy's socket; everything it answers until it closes. */
async function ask(path: string, head: string): Promise<string> {
  const c = await Deno.connect({ transport: "unix", path });
  await c.write(new TextEncoder().encode(head));
  let out = "";
  const buf = new Uint8Array(4096);
  while (true) {
    const n = await c.read(buf).catch(() => null);
    if (n === null) break;
    out += new TextDecoder().decode(buf.subarray(0, n));
  }
  c.close();
  return out;
}

Deno.test("parseHostEntry and netPermissions default to port 443", () => {
  deepEqual(parseHostEntry("API.Anthropic.com."), { host: "api.anthropic.com", port: 443 });
  deepEqual(parseHostEntry("example.org:8443"), { host: "example.org", port: 8443 });
  deepEqual(netPermissions(["a.example", "b.example:80"]), ["a.example:443", "b.example:80"]);
});

Deno.test("connectTarget reads CONNECT requests only", () => {
  deepEqual(connectTarget("CONNECT api.example.com:443 HTTP/1.1\r\nHost: x"), {
    host: "api.example.com",
    port: 443,
  });
  equal(connectTarget("GET http://api.example.com/ HTTP/1.1"), null);
  equal(connectTarget("CONNECT api.example.com HTTP/1.1"), null);
  equal(connectTarget("CONNECT a.example:99999 HTTP/1.1"), null);
});

Deno.test("the egress proxy tunnels to a listed host and refuses every other", async () => {
  await using home = await tempHome();
  const listed = loopbackListener("hello");
  const other = loopbackListener("hello");
  const refused: string[] = [];
  const proxy = new EgressProxy(
    `${home.path}/proxy.sock`,
    [`127.0.0.1:${listed.state.port}`],
    (m) => refused.push(m),
  );
  proxy.start();
  try {
    equal(Deno.statSync(proxy.path).mode! & 0o777, 0o600);
    const ok = await ask(
      proxy.path,
      `CONNECT 127.0.0.1:${listed.state.port} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`,
    );
    equal(ok, "HTTP/1.1 200 Connection established\r\n\r\nhello");
    const no = await ask(
      proxy.path,
      `CONNECT 127.0.0.1:${other.state.port} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`,
    );
    match(no, /^HTTP\/1\.1 403 Forbidden\r\n/);
    match(no, /is not in this profile's network list/);
    const plain = await ask(
      proxy.path,
      `GET http://127.0.0.1:${listed.state.port}/ HTTP/1.1\r\n\r\n`,
    );
    match(plain, /^HTTP\/1\.1 405 /);
    await waitFor(() => listed.state.accepted === 1);
    equal(other.state.accepted, 0, "a refused destination was dialled");
    equal(listed.state.accepted, 1, "a plain HTTP request was forwarded");
    match(refused.join("\n"), new RegExp(`refused 127\\.0\\.0\\.1:${other.state.port}`));
  } finally {
    proxy.close();
    await listed.close();
    await other.close();
  }
});

Deno.test("a restarted egress proxy takes over the socket an earlier one left", async () => {
  await using home = await tempHome();
  const up = loopbackListener("hello");
  const path = `${home.path}/proxy.sock`;
  const first = new EgressProxy(path, [`127.0.0.1:${up.state.port}`]);
  first.start();
  first.close();
  const second = new EgressProxy(path, [`127.0.0.1:${up.state.port}`]);
  second.start();
  try {
    const out = await ask(path, `CONNECT 127.0.0.1:${up.state.port} HTTP/1.1\r\n\r\n`);
    match(out, /hello$/);
  } finally {
    second.close();
    await up.close();
  }
});
