/**
 * Packs @ingram-tech/pulumi-ingram-cloud into an installable tarball WITH the wire contract inside.
 *
 * The contract (@ingram-tech/ingram-cloud-contract) is an unpublished workspace package, so a plain
 * `npm pack` would produce a tarball whose dependency cannot be installed. Here we stage the package
 * in a temp dir, copy the contract's built files to `dist/_contract/` and point every import of the
 * contract in the staged `.js`/`.d.ts` files at that folder. We do not use `bundleDependencies`: bun
 * ignores it and asks the registry for the contract (seen with `bun add` 1.4.5), and the seed's install
 * line is `bun add`. The contract's own runtime dependency (zod) becomes a regular dependency of the
 * tarball, so installing it needs only the npm registry (for zod and the @pulumi/pulumi peer).
 *
 * Usage: node --import tsx scripts/pack.ts [destination dir]   (prints the tarball path)
 */
import { execFileSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const PKG_DIR = path.resolve(__dirname, "..");
const CONTRACT_DIR = path.resolve(PKG_DIR, "../contract");
const CONTRACT = "@ingram-tech/ingram-cloud-contract";

type Manifest = {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
  [key: string]: unknown;
};
const readJson = (file: string): Manifest => JSON.parse(readFileSync(file, "utf8"));

function main(): void {
  const destination = path.resolve(process.argv[2] ?? tmpdir());
  mkdirSync(destination, { recursive: true });
  for (const dir of [PKG_DIR, CONTRACT_DIR]) {
    if (!existsSync(path.join(dir, "dist/index.js")))
      throw new Error(`${dir} is not built: run npm run build`);
  }
  const manifest = readJson(path.join(PKG_DIR, "package.json"));
  const contract = readJson(path.join(CONTRACT_DIR, "package.json"));

  const stage = mkdtempSync(path.join(tmpdir(), "ic-pulumi-pack-"));
  try {
    cpSync(path.join(PKG_DIR, "dist"), path.join(stage, "dist"), { recursive: true });
    // native/: the `/native` entry point's resolver; schema.json: the native plugin's schema.
    for (const file of ["README.md", "LICENSE", "native", "schema.json"]) {
      if (existsSync(path.join(PKG_DIR, file)))
        cpSync(path.join(PKG_DIR, file), path.join(stage, file), { recursive: true });
    }
    vendorContract(path.join(stage, "dist"));

    const { devDependencies: _dev, scripts: _scripts, ...published } = manifest;
    const { [CONTRACT]: _vendored, ...ownDependencies } = manifest.dependencies ?? {};
    const staged = {
      ...published,
      dependencies: { ...ownDependencies, ...contract.dependencies },
    };
    writeFileSync(path.join(stage, "package.json"), `${JSON.stringify(staged, null, 2)}\n`);

    const out = execFileSync("npm", ["pack", "--json", "--pack-destination", destination], {
      cwd: stage,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    });
    const [info] = JSON.parse(out) as { filename: string }[];
    if (!info) throw new Error("npm pack printed no result");
    console.log(path.join(destination, info.filename));
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

/** Copies the contract's build to `<dist>/_contract` and rewrites imports of it to relative paths. */
function vendorContract(dist: string): void {
  const target = path.join(dist, "_contract");
  cpSync(path.join(CONTRACT_DIR, "dist"), target, { recursive: true });
  for (const file of filesUnder(dist)) {
    if (file.startsWith(target + path.sep) || !/\.(js|d\.ts)$/.test(file)) continue;
    const text = readFileSync(file, "utf8");
    if (!text.includes(CONTRACT)) continue;
    const relative = path.relative(path.dirname(file), target).split(path.sep).join("/");
    const specifier = relative.startsWith(".") ? relative : `./${relative}`;
    writeFileSync(file, text.replaceAll(`"${CONTRACT}"`, JSON.stringify(specifier)));
  }
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

main();
