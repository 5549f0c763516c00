package main

import (
	"context"

	"ingram-cloud/tools/langhost"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// host implements pulumirpc.LanguageRuntimeServer for Node.js; langhost.Base answers the
// language-independent RPCs.
type host struct {
	*langhost.Base
	runtime string // "node" or "bun": the executable that runs programs and resolves modules
}

// bun reports whether programs run under Bun, which transpiles TypeScript itself.
func (h *host) bun() bool { return h.runtime == "bun" }

func (h *host) About(ctx context.Context, _ *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	return langhost.About(ctx, h.runtime, "--version", "v")
}
