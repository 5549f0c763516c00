// Command pulumi-language-nodejs is a small, self-written Node.js language host for the Pulumi
// engine. We need it because the official host's Go module is not obtainable from the module
// proxy this project can reach (no tags, pseudo-versions refused), while the CLI itself is.
// The engine's launch contract and the language-independent RPCs live in tools/langhost.
package main

import (
	"flag"

	"ingram-cloud/tools/langhost"
)

// runtime is the JavaScript runtime that runs programs. `runtime: bun` in Pulumi.yaml makes the CLI
// look for `pulumi-language-bun`; scripts/ensure-pulumi.sh installs that as a two-line script that
// execs this host with --runtime=bun.
var runtime = flag.String("runtime", "node", "JavaScript runtime executable: node or bun")

func main() {
	langhost.Main("pulumi-language-nodejs", func(engineAddr, tracing string) langhost.Server {
		return &host{Base: langhost.NewBase(engineAddr, tracing), runtime: *runtime}
	})
}
