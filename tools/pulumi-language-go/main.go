// Command pulumi-language-go is a small, self-written Go language host for the Pulumi engine:
// it builds the program with the Go toolchain and runs the binary with the deployment in the
// environment variables that the Go SDK's pulumi.Run reads. We need our own because the official
// host's Go module is untagged and the module proxy refuses its pseudo-versions (see
// tools/pulumi-language-nodejs/README.md). The engine contract lives in tools/langhost.
package main

import "ingram-cloud/tools/langhost"

func main() {
	langhost.Main("pulumi-language-go", func(engineAddr, tracing string) langhost.Server {
		return &host{Base: langhost.NewBase(engineAddr, tracing)}
	})
}
