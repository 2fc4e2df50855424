import { equal, match, ok } from "../support/assert.ts";
import { gatewayLockHeld } from "../../lib/gateway/_lock.ts";
import { hermes } from "../support/cli.ts";
import { tempHome } from "../support/home.ts";
import { needing, probe } from "../support/requires.ts";
import { readStateFile, runGateway } from "./gateway_support.ts";

const OPENSSL = await probe("openssl", "openssl", ["version"]);

Deno.test("gateway refuses a non-loopback --host without TLS or --insecure-lan", async () => {
  await using home = await tempHome();
  for (const verb of ["run", "start"]) {
    const r = await hermes(["gateway", verb, "--host", "0.0.0.0", "--port", "0"], {
      env: home.env,
    });
    equal(r.code, 2, r.stderr);
    equal(r.stderr.trim().split("\n").length, 1, r.stderr);
    match(r.stderr, /--tls-cert FILE --tls-key FILE, or pass --insecure-lan/);
    equal(gatewayLockHeld(home.path), false);
  }
  const half = await hermes(["gateway", "run", "--host", "0.0.0.0", "--tls-cert", "x.pem"], {
    env: home.env,
  });
  equal(half.code, 2);
  match(half.stderr, /--tls-cert and --tls-key go together/);
  const missing = await hermes([
    "gateway",
    "run",
    "--host",
    "0.0.0.0",
    "--tls-cert",
    `${home.path}/none.crt`,
    "--tls-key",
    `${home.path}/none.key`,
  ], { env: home.env });
  equal(missing.code, 2, missing.stderr);
  match(missing.stderr, /cannot read --tls-cert .*none\.crt/);
});

Deno.test(needing(OPENSSL, {
  name: "gateway serves the dashboard over HTTPS with --tls-cert and --tls-key",
  async fn() {
    await using home = await tempHome();
    const dir = await Deno.makeTempDir({ prefix: "hermes-tls-" });
    try {
      const made = await new Deno.Command("openssl", {
        args: [
          "req",
          "-x509",
          "-newkey",
          "ec",
          "-pkeyopt",
          "ec_paramgen_curve:prime256v1",
          "-nodes",
          "-days",
          "1",
          "-subj",
          "/CN=127.0.0.2",
          "-addext",
          "subjectAltName=IP:127.0.0.2",
          // A self-signed leaf, not a CA: rustls refuses a CA certificate as a server's own.
          "-addext",
          "basicConstraints=critical,CA:FALSE",
          "-keyout",
          `${dir}/tls.key`,
          "-out",
          `${dir}/tls.crt`,
        ],
        stdout: "null",
        stderr: "piped",
      }).output();
      equal(made.code, 0, new TextDecoder().decode(made.stderr));
      await using _gw = await runGateway(home, [
        "--host",
        "127.0.0.2",
        "--port",
        "0",
        "--tls-cert",
        `${dir}/tls.crt`,
        "--tls-key",
        `${dir}/tls.key`,
      ]);
      const url = String(readStateFile(home.path)?.url);
      match(url, /^https:\/\/127\.0\.0\.2:\d+\/$/);
      const token = Deno.readTextFileSync(`${home.path}/dashboard.token`).trim();
      using client = Deno.createHttpClient({
        caCerts: [Deno.readTextFileSync(`${dir}/tls.crt`)],
      });
      const res = await fetch(new URL("/api/plugins/kanban/board", url), {
        client,
        headers: { authorization: `Bearer ${token}` },
      });
      const body = await res.text();
      equal(res.status, 200, body);
      ok(Array.isArray(JSON.parse(body).columns));
      // Plain HTTP on the same port gets no board.
      const plain = await fetch(url.replace("https:", "http:")).then(
        async (r) => {
          await r.body?.cancel();
          return r.status;
        },
        () => "refused",
      );
      ok(plain !== 200, `plain HTTP answered ${plain}`);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
}));
