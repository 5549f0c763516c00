#!/usr/bin/env node
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { parseArgs } from "node:util";
import { credentialsPath } from "./core/bootstrap";
import { parseCatalogUrls } from "./integrations/options";
import { createServer } from "./server";

const USAGE = `Usage: ingram-cloud-local serve [options]

Runs a local Ingram Cloud API (/v1, version 2026-05-01) persisted in SQLite.

Options:
  --port N                  listen port (0 = any free port)            [default: 8787]
  --host H                  listen address                             [default: 127.0.0.1]
  --db FILE|:memory:        SQLite database                            [default: .local-data/ic.db]
  --faults SPEC             inject faults on /v1, e.g. 429:0.1,503:0.05,reset:0.02,drop:0.02
                            (drop = handle the request, then cut the connection unanswered)
  --latency SPEC            add latency on /v1, e.g. 20ms or 10-50ms
  --public-url URL          base URL written to the credentials file   [default: http://HOST:PORT]
  --require-api-version     reject /v1 calls without IC-Api-Version   [default: accept]
  --admin / --no-admin      mount /_admin test routes                  [default: on for loopback hosts]
  --catalog-url SLUG=URL    point an MCP catalog preset at another URL (repeatable)
  --allow-remote-outbound   let MCP discovery and webhooks reach non-loopback hosts [default: off]
  --log                     log requests (never headers or bodies)
  -h, --help                show this help
`;

const LOOPBACK = new Set(["127.0.0.1", "::1", "localhost"]);

async function serve(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: "string", default: "8787" },
      host: { type: "string", default: "127.0.0.1" },
      db: { type: "string", default: ".local-data/ic.db" },
      faults: { type: "string" },
      latency: { type: "string" },
      "public-url": { type: "string" },
      "require-api-version": { type: "boolean", default: false },
      admin: { type: "boolean" },
      "no-admin": { type: "boolean" },
      "catalog-url": { type: "string", multiple: true },
      "allow-remote-outbound": { type: "boolean", default: false },
      log: { type: "boolean", default: false },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`bad --port '${values.port}'`);
  const host = values.host;
  const db = values.db;
  if (db !== ":memory:") mkdirSync(dirname(db), { recursive: true });
  const admin = values["no-admin"] ? false : (values.admin ?? LOOPBACK.has(host));
  const publicBaseUrl =
    values["public-url"] ?? (port === 0 ? null : `http://${host.includes(":") ? `[${host}]` : host}:${port}`);

  const app = await createServer({
    db,
    faults: values.faults,
    latency: values.latency ?? null,
    publicBaseUrl,
    admin,
    requireApiVersion: values["require-api-version"],
    logger: values.log,
    integrations: {
      catalogUrls: parseCatalogUrls(values["catalog-url"] ?? []),
      allowRemoteOutbound: values["allow-remote-outbound"],
    },
  });
  const address = await app.listen({ port, host });
  const { credentials, freshCredentials } = app.local;
  const out = process.stdout;
  out.write(`ingram-cloud-local listening on ${address} (db: ${db}${admin ? ", /_admin on" : ""})\n`);
  if (freshCredentials && credentials) {
    // Show-once: the tokens are printed here and written to the 0600 credentials file, nowhere else.
    out.write("First start: created an organization and a default project.\n");
    out.write(`  organization key (organization:*): ${credentials.organization_key}\n`);
    out.write(
      `  tenant-admin token (tenant:*, project ${credentials.project_id}): ${credentials.tenant_token}\n`,
    );
    const file = credentialsPath(db);
    out.write(
      file ? `  saved to ${file} (mode 0600)\n` : "  (in-memory database: not saved; copy them now)\n",
    );
  } else {
    const file = credentialsPath(db);
    if (file) out.write(`Credentials of this database: ${file}\n`);
  }
  const stop = () => {
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (command === "serve") return serve(rest);
  if (command === undefined || command === "-h" || command === "--help" || command === "help") {
    process.stdout.write(USAGE);
    return;
  }
  throw new Error(`unknown command '${command}'`);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`ingram-cloud-local: ${(err as Error).message}\n\n${USAGE}`);
  process.exit(2);
});
