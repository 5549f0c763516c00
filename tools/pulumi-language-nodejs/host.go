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
}

func (h *host) About(ctx context.Context, _ *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	return langhost.About(ctx, "node", "--version", "v")
}
