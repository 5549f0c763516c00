#!/usr/bin/env bash
# Makes the pinned Pulumi CLI, our Node.js, Python and Go language hosts and the dynamic-provider plugin available,
# and prints the directory to put first on PATH as the LAST line of stdout (logs go to stderr).
#
#   bin=$(scripts/ensure-pulumi.sh | tail -1) && export PATH="$bin:$PATH"
#
# Order of preference:
#   1. a `pulumi` on PATH that is exactly $PULUMI_VERSION and has our language hosts beside it: used as is;
#   2. the cache ${XDG_CACHE_HOME:-$HOME/.cache}/ingram-cloud-pulumi/<version>/bin when its stamp
#      matches (the warm path: no process is started, so it returns instantly);
#   3. otherwise build into that cache (needs Go >= 1.26 and the Go module proxy):
#      - `pulumi` from github.com/pulumi/pulumi/pkg/v3 at the pinned version, with the same
#        flags as the official release (version ldflag, trimpath, osusergo/grpcnotrace tags);
#      - `pulumi-language-nodejs`, `-python` and `-go` from tools/ in this repo (with their shared
#        tools/langhost). The official hosts' modules have no tags and the proxy refuses their
#        pseudo-versions (403), so we keep our own;
#      - `pulumi-resource-pulumi-nodejs`, a two-line launcher for @pulumi/pulumi's dynamic provider;
#      - `pulumi-language-bun`, a two-line launcher of our Node.js host with --runtime=bun.
# If only the language hosts are missing next to a pinned `pulumi` on PATH, that pulumi is linked
# into the cache instead of being rebuilt.
#
# Env: PULUMI_VERSION (default v3.276.0), ENSURE_PULUMI_FORCE=1 to rebuild, XDG_CACHE_HOME.
set -euo pipefail

PULUMI_VERSION="${PULUMI_VERSION:-v3.276.0}"
CACHE_ROOT="${XDG_CACHE_HOME:-$HOME/.cache}/ingram-cloud-pulumi/${PULUMI_VERSION}"
BIN="$CACHE_ROOT/bin"
STAMP="$BIN/.stamp"
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HOSTS=(nodejs python go)

log() { echo "[ensure-pulumi] $*" >&2; }

# The hosts are built from this repo's sources, so the stamp must change whenever they do.
host_hash() {
  (cd "$REPO_ROOT/tools" && cat "$REPO_ROOT/scripts/ensure-pulumi.sh" langhost/go.mod langhost/*.go pulumi-language-*/go.mod pulumi-language-*/go.sum \
    pulumi-language-*/*.go pulumi-language-python/runner.py) | sha256sum | cut -c1-16
}

# --- 1. pinned CLI already installed -------------------------------------------------------------
# (The cache's own bin dir is ignored here: it may already be on PATH.)
path_pulumi="$(PATH="$(echo "$PATH" | tr ':' '\n' | grep -vxF "$BIN" | paste -sd:)" command -v pulumi 2>/dev/null || true)"
if [ -n "$path_pulumi" ] && [ "$("$path_pulumi" version 2>/dev/null)" = "$PULUMI_VERSION" ]; then
  path_bin="$(dirname "$path_pulumi")"
  if [ -x "$path_bin/pulumi-language-nodejs" ] && [ -x "$path_bin/pulumi-language-python" ] &&
    [ -x "$path_bin/pulumi-language-go" ] && [ -x "$path_bin/pulumi-resource-pulumi-nodejs" ]; then
    echo "$path_bin"
    exit 0
  fi
else
  path_pulumi=""
fi

# --- 2. warm cache ------------------------------------------------------------------------------
want_stamp="pulumi=$PULUMI_VERSION host=$(host_hash) cli=${path_pulumi:-built}"
if [ "${ENSURE_PULUMI_FORCE:-}" != 1 ] && [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$want_stamp" ]; then
  echo "$BIN"
  exit 0
fi

# --- 3. build -----------------------------------------------------------------------------------
command -v go >/dev/null 2>&1 || {
  log "Go >= 1.26 is required to build pulumi $PULUMI_VERSION (or put pulumi $PULUMI_VERSION with pulumi-language-nodejs on PATH)"
  exit 1
}
command -v node >/dev/null 2>&1 || { log "node is required"; exit 1; }
mkdir -p "$BIN"

# Parallel test runs (or CI steps) may all arrive on a cold cache: build once, the others wait.
exec 9>"$CACHE_ROOT/.lock"
if command -v flock >/dev/null 2>&1; then
  flock 9
  if [ "${ENSURE_PULUMI_FORCE:-}" != 1 ] && [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$want_stamp" ]; then
    echo "$BIN"
    exit 0
  fi
fi

export CGO_ENABLED=0
export GOFLAGS="-mod=mod -buildvcs=false"
LDFLAGS="-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$PULUMI_VERSION"
BUILD_FLAGS=(-trimpath -tags osusergo,grpcnotrace -ldflags "$LDFLAGS")
rm -f "$STAMP"

build_cli() {
  local dir="$CACHE_ROOT/build/cli" start=$SECONDS pkg_mod
  mkdir -p "$dir"
  cd "$dir"
  [ -f go.mod ] || go mod init local.invalid/pulumi-cli-build >/dev/null 2>&1
  pkg_mod="$(go mod download -json "github.com/pulumi/pulumi/pkg/v3@$PULUMI_VERSION" |
    node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).GoMod))')"
  # A main module outside pulumi's repo must repeat the release's non-local replace directives
  # (local ones such as sdk => ../sdk become a plain requirement at the same version below).
  go mod edit -json "$pkg_mod" | node -e '
    let s = ""; process.stdin.on("data", d => s += d).on("end", () => {
      for (const r of JSON.parse(s).Replace || []) {
        if (r.New.Path.startsWith(".") || r.New.Path.startsWith("/")) continue;
        const from = r.Old.Version ? `${r.Old.Path}@${r.Old.Version}` : r.Old.Path;
        console.log(`-replace=${from}=${r.New.Path}@${r.New.Version}`);
      }
    });' | xargs -r go mod edit
  go get "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi@$PULUMI_VERSION" "github.com/pulumi/pulumi/sdk/v3@$PULUMI_VERSION" \
    >get.log 2>&1 || { cat get.log >&2; return 1; }
  go build "${BUILD_FLAGS[@]}" -o "$BIN/pulumi.tmp" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi
  mv -f "$BIN/pulumi.tmp" "$BIN/pulumi"
  log "built pulumi in $((SECONDS - start))s ($(du -h "$BIN/pulumi" | cut -f1))"
}

build_host() {
  local start=$SECONDS name="pulumi-language-$1"
  (cd "$REPO_ROOT/tools/$name" && go build "${BUILD_FLAGS[@]}" -o "$BIN/$name.tmp" .)
  mv -f "$BIN/$name.tmp" "$BIN/$name"
  log "built $name in $((SECONDS - start))s ($(du -h "$BIN/$name" | cut -f1))"
}

# The engine looks this plugin up next to `pulumi` or on PATH. @pulumi/pulumi ships an equivalent
# script, but only inside each program's node_modules; this one resolves the SDK from the working
# directory, which the engine sets to the program directory.
write_dynamic_shim() {
  cat >"$BIN/pulumi-resource-pulumi-nodejs" <<'EOF'
#!/bin/sh
# Runs @pulumi/pulumi's dynamic-provider host from the program directory's node_modules.
script=$(node -e "process.stdout.write(require.resolve('@pulumi/pulumi/cmd/dynamic-provider'))") || exit 1
exec node "$script" "$@"
EOF
  chmod +x "$BIN/pulumi-resource-pulumi-nodejs"
}

# `runtime: bun` makes the CLI look for pulumi-language-bun; our Node.js host has a bun mode.
write_bun_shim() {
  cat >"$BIN/pulumi-language-bun" <<'EOF'
#!/bin/sh
# Our Node.js language host, running programs with bun instead of node.
exec "$(dirname "$0")/pulumi-language-nodejs" --runtime=bun "$@"
EOF
  chmod +x "$BIN/pulumi-language-bun"
}

start=$SECONDS
if [ -n "$path_pulumi" ]; then
  log "using $path_pulumi ($PULUMI_VERSION); building only the language hosts"
  ln -sf "$path_pulumi" "$BIN/pulumi"
elif [ -x "$BIN/pulumi" ] && [ ! -L "$BIN/pulumi" ] && [ "${ENSURE_PULUMI_FORCE:-}" != 1 ] &&
  [ "$("$BIN/pulumi" version 2>/dev/null)" = "$PULUMI_VERSION" ]; then
  : # CLI already built; only the host sources changed
else
  log "building pulumi $PULUMI_VERSION into $BIN (one-time, several minutes)"
  rm -f "$BIN/pulumi"
  (build_cli)
fi
for lang in "${HOSTS[@]}"; do build_host "$lang"; done
write_dynamic_shim
write_bun_shim

actual="$("$BIN/pulumi" version)"
[ "$actual" = "$PULUMI_VERSION" ] || { log "built pulumi reports '$actual', expected $PULUMI_VERSION"; exit 1; }
echo "$want_stamp" >"$STAMP"
log "ready in $((SECONDS - start))s: $BIN"
echo "$BIN"
