package main

import (
	"strings"

	"ingram-cloud/tools/langhost"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// options are the `runtime.options` of Pulumi.yaml that this host understands. Names and
// defaults follow the documented Node.js runtime options so existing projects behave the same.
type options struct {
	typescript     bool     // run .ts directly via @pulumi/pulumi's bundled ts-node (default true)
	tsconfig       string   // PULUMI_NODEJS_TSCONFIG_PATH for cmd/run
	nodeargs       []string // extra arguments for the node executable itself
	packagemanager string   // npm (default), yarn, pnpm or bun; only used to install dependencies
}

func parseOptions(info *pulumirpc.ProgramInfo) options {
	o := options{typescript: true, packagemanager: "npm"}
	m := info.GetOptions().AsMap()
	if v, ok := m["typescript"].(bool); ok {
		o.typescript = v
	}
	if v, ok := m["tsconfig"].(string); ok {
		o.tsconfig = v
	}
	if v, ok := m["nodeargs"].(string); ok {
		o.nodeargs = strings.Fields(v)
	}
	if v, ok := m["packagemanager"].(string); ok && v != "" && v != "auto" {
		o.packagemanager = v
	}
	return o
}

// programDir is where node runs and where node_modules is resolved from.
func programDir(info *pulumirpc.ProgramInfo, fallback string) string {
	return langhost.ProgramDir(info, fallback)
}
