/**
 * Builds the native provider plugin `pulumi-resource-ingram-cloud` as an offline-installable tarball:
 *
 *   npm run build:plugin -w packages/pulumi      → packages/pulumi/plugin/pulumi-resource-ingram-cloud-v<version>.tar.gz
 *   pulumi plugin install resource ingram-cloud <version> --file <that tarball>
 *
 * Contents (platform-neutral; needs `sh` and `node` ≥ 20 on PATH at run time):
 * - `provider.js`: dist/native/main.js bundled with esbuild together with @pulumi/pulumi's provider
 *   server, the lifecycles, the wire contract, package.json and schema.json (one file, no node_modules:
 *   installing the SDK's full dependency tree would make the plugin ~100 MB);
 * - `pulumi-resource-ingram-cloud`: a shell shim the engine executes (`exec node provider.js "$@"`).
 *
 * The unpacked directory (`plugin/bin`) doubles as the `plugins.providers` path for local development.
 * Usage: node --import tsx scripts/build-plugin.ts [output dir]   (prints the tarball path)
 */
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { buildSync } from "esbuild";

const PKG_DIR = path.resolve(__dirname, "..");
export const PLUGIN_NAME = "pulumi-resource-ingram-cloud";

const SHIM = `#!/bin/sh
# ${PLUGIN_NAME}: the Ingram Cloud native Pulumi provider. Runs the bundled provider with node.
here=$(cd "$(dirname "$0")" && pwd)
exec node "$here/provider.js" "$@"
`;

/** Builds `<out>/bin` (the plugin directory) and the tarball of it; returns the tarball path. */
export function buildPlugin(outDir = path.join(PKG_DIR, "plugin")): string {
  const entry = path.join(PKG_DIR, "dist/native/main.js");
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run npm run build first`);
  const { version } = JSON.parse(readFileSync(path.join(PKG_DIR, "package.json"), "utf8")) as {
    version: string;
  };

  const binDir = path.join(outDir, "bin");
  rmSync(binDir, { recursive: true, force: true });
  mkdirSync(binDir, { recursive: true });
  buildSync({
    entryPoints: [entry],
    outfile: path.join(binDir, "provider.js"),
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    minify: true,
    legalComments: "linked",
    // The provider server never reaches these (closure serialization, ts-node for programs, automation):
    // leaving them out keeps the bundle small; a stray require would fail loudly, not silently.
    external: ["typescript", "ts-node", "@pulumi/pulumi/automation", "read-package-up", "@npmcli/arborist"],
    logLevel: "error",
  });
  writeFileSync(path.join(binDir, PLUGIN_NAME), SHIM);
  chmodSync(path.join(binDir, PLUGIN_NAME), 0o755);

  const tarball = path.join(outDir, `${PLUGIN_NAME}-v${version}.tar.gz`);
  execFileSync("tar", ["-czf", tarball, "-C", binDir, "."]);
  return tarball;
}

if (require.main === module) {
  console.log(buildPlugin(process.argv[2] ? path.resolve(process.argv[2]) : undefined));
}
