package main

// Code generation (GenerateProgram for `pulumi import`/`convert`, GeneratePackage for
// `pulumi package gen-sdk`, GenerateProject for `convert`) is deliberately not implemented yet:
// the embedded UnimplementedLanguageRuntimeServer answers UNIMPLEMENTED, which the CLI reports
// as "not supported by this language".
//
// When needed, implement them in this file by calling
// github.com/pulumi/pulumi/pkg/v3/codegen/nodejs (GenerateProgram, GeneratePackage,
// GenerateProject) with a schema loader connected to req.LoaderTarget
// (pkg/v3/codegen/schema.NewLoaderClient). That requires adding pkg/v3 v3.276.0 to go.mod (plus
// its non-local replace directives, see scripts/ensure-pulumi.sh); keeping it out until then
// keeps this host small and quick to build.
