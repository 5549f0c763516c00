package main

// Code generation. GenerateProgram turns the PCL the engine writes for `pulumi import` (and
// `pulumi convert`, `state promote`) into TypeScript, with pulumi's own generator
// (pkg/v3/codegen/nodejs) and the package schemas served by the engine's loader at
// req.LoaderTarget. That is what makes `pulumi import 'ingram-cloud:index:IcAgent' …` print code.
//
// GeneratePackage (`pulumi package gen-sdk`) and GenerateProject (`pulumi convert`) stay
// UNIMPLEMENTED: TypeScript users get the classes from @ingram-tech/pulumi-ingram-cloud(/native)
// itself, so no generated Node.js SDK is needed.

import (
	"context"
	"fmt"
	"strings"

	"github.com/pulumi/pulumi/pkg/v3/codegen/hcl2/syntax"
	"github.com/pulumi/pulumi/pkg/v3/codegen/nodejs"
	"github.com/pulumi/pulumi/pkg/v3/codegen/pcl"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"github.com/pulumi/pulumi/pkg/v3/resource/plugin"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

func (h *host) GenerateProgram(_ context.Context, req *pulumirpc.GenerateProgramRequest) (*pulumirpc.GenerateProgramResponse, error) {
	loader, err := schema.NewLoaderClient(req.GetLoaderTarget())
	if err != nil {
		return nil, fmt.Errorf("connecting to the schema loader: %w", err)
	}
	defer loader.Close()

	parser := syntax.NewParser()
	for name, source := range req.GetSource() {
		if err := parser.ParseFile(strings.NewReader(source), name); err != nil {
			return nil, fmt.Errorf("parsing %s: %w", name, err)
		}
	}
	if parser.Diagnostics.HasErrors() {
		return &pulumirpc.GenerateProgramResponse{Diagnostics: plugin.HclDiagnosticsToRPCDiagnostics(parser.Diagnostics)}, nil
	}

	opts := []pcl.BindOption{pcl.PreferOutputVersionedInvokes}
	if !req.GetStrict() {
		// Import programs may reference parents and providers that are not declared in them.
		opts = append(opts, pcl.NonStrictBindOptions()...)
	}
	program, diags, err := pcl.BindProgram(parser.Files, schema.NewCachedLoader(loader), opts...)
	if err != nil {
		return nil, err
	}
	if diags.HasErrors() {
		return &pulumirpc.GenerateProgramResponse{Diagnostics: plugin.HclDiagnosticsToRPCDiagnostics(diags)}, nil
	}

	files, genDiags, err := nodejs.GenerateProgram(program)
	if err != nil {
		return nil, err
	}
	diags = append(diags, genDiags...)
	return &pulumirpc.GenerateProgramResponse{
		Source:      files,
		Diagnostics: plugin.HclDiagnosticsToRPCDiagnostics(diags),
	}, nil
}
