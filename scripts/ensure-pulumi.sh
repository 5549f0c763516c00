#!/usr/bin/env bash
# Makes the pinned Pulumi CLI and the Node.js language host available, building them from the
# Go module proxy into a cache outside the repo when no matching `pulumi` is on PATH.
# Prints the bin directory to put on PATH (last line of stdout).
set -euo pipefail

PULUMI_VERSION="${PULUMI_VERSION:-v3.276.0}"
CACHE_ROOT="${XDG_CACHE_HOME:-$HOME/.cache}/ingram-cloud-pulumi/${PULUMI_VERSION}"
BIN="$CACHE_ROOT/bin"

log() { echo "[ensure-pulumi] $*" >&2; }

have_pinned_on_path() {
  command -v pulumi >/dev/null 2>&1 && command -v pulumi-language-nodejs >/dev/null 2>&1 &&
    [ "$(pulumi version 2>/dev/null)" = "$PULUMI_VERSION" ]
}

if have_pinned_on_path; then
  dirname "$(command -v pulumi)"
  exit 0
fi

if [ -x "$BIN/pulumi" ] && [ -x "$BIN/pulumi-language-nodejs" ] && [ "$("$BIN/pulumi" version)" = "$PULUMI_VERSION" ]; then
  echo "$BIN"
  exit 0
fi

command -v go >/dev/null 2>&1 || { log "go is required to build pulumi $PULUMI_VERSION"; exit 1; }

BUILD="$CACHE_ROOT/build"
mkdir -p "$BUILD" "$BIN"
cd "$BUILD"
start=$(date +%s)
log "building pulumi $PULUMI_VERSION into $BIN (one-time, several minutes)"

[ -f go.mod ] || go mod init local.invalid/pulumi-cli-build >/dev/null 2>&1

pkg_gomod=$(go mod download -json "github.com/pulumi/pulumi/pkg/v3@$PULUMI_VERSION" | sed -n 's/.*"GoMod": "\(.*\)".*/\1/p')
# Copy every non-local replace directive of the release's pkg/go.mod.
grep -E '^\s*(replace\s+)?[^ ]+( v[^ ]+)? => [^.]' "$pkg_gomod" | grep '=>' | grep -v '=> \.' | while read -r line; do
  line=${line#replace }
  from=$(echo "$line" | awk '{print $1}')
  to=$(echo "$line" | sed 's/.*=> *//' | awk '{print $1"@"$2}')
  go mod edit -replace "$from=$to"
done

# The language host has no module tags: build it at the pkg release's commit (pseudo-version).
pkg_hash=$(go mod download -json "github.com/pulumi/pulumi/pkg/v3@$PULUMI_VERSION" | sed -n 's/.*"Hash": "\([0-9a-f]\{40\}\)".*/\1/p' | head -1)
LANG_MOD=github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3
go get "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi@$PULUMI_VERSION" "github.com/pulumi/pulumi/sdk/v3@$PULUMI_VERSION"
go get "$LANG_MOD@${pkg_hash:0:12}"
go get "github.com/pulumi/pulumi/pkg/v3@$PULUMI_VERSION" "github.com/pulumi/pulumi/sdk/v3@$PULUMI_VERSION"

FLAGS=(-trimpath -tags osusergo,grpcnotrace -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$PULUMI_VERSION")
CGO_ENABLED=0 go build "${FLAGS[@]}" -o "$BIN/pulumi" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi
CGO_ENABLED=0 go build "${FLAGS[@]}" -o "$BIN/pulumi-language-nodejs" "$LANG_MOD"
log "built in $(( $(date +%s) - start ))s: $("$BIN/pulumi" version)"
echo "$BIN"
