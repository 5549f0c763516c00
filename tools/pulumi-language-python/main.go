// Command pulumi-language-python is a small, self-written Python language host for the Pulumi
// engine: it runs the program with the project's interpreter through runner.py (embedded here),
// which configures the `pulumi` package from PyPI and executes the program inside the root stack.
// We need our own because the official host's Go module is untagged and the module proxy refuses
// its pseudo-versions (see tools/pulumi-language-nodejs/README.md). The engine contract lives in
// tools/langhost.
package main

import "ingram-cloud/tools/langhost"

func main() {
	langhost.Main("pulumi-language-python", func(engineAddr, tracing string) langhost.Server {
		return &host{Base: langhost.NewBase(engineAddr, tracing)}
	})
}
