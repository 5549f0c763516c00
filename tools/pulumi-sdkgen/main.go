// Command pulumi-sdkgen generates a Python or Go SDK from a Pulumi package schema, offline, with
// Pulumi's own generators (pkg/v3/codegen/python and /go). It stands in for
// `pulumi package gen-sdk --language python|go`, which needs pulumi-language-python/-go: their Go
// modules are untagged and cannot be built from the module proxy (see the repo's README).
//
//	pulumi-sdkgen -schema packages/pulumi/schema.json -language python -out sdk/python
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	"github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

func main() {
	schemaPath := flag.String("schema", "", "path of the package schema (JSON)")
	language := flag.String("language", "", "python or go")
	out := flag.String("out", "", "output directory (created; existing files are overwritten)")
	flag.Parse()
	if err := run(*schemaPath, *language, *out); err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-sdkgen: %v\n", err)
		os.Exit(1)
	}
}

func run(schemaPath, language, out string) error {
	if schemaPath == "" || out == "" {
		return fmt.Errorf("-schema and -out are required")
	}
	raw, err := os.ReadFile(schemaPath)
	if err != nil {
		return err
	}
	var spec schema.PackageSpec
	if err := json.Unmarshal(raw, &spec); err != nil {
		return fmt.Errorf("reading %s: %w", schemaPath, err)
	}
	if err := respectSchemaVersion(&spec, language); err != nil {
		return err
	}
	// Our schema references no other package, so binding never needs to load one.
	pkg, diags, err := schema.BindSpec(spec, schema.NewNullLoader(), schema.ValidationOptions{})
	if err != nil {
		return err
	}
	if diags.HasErrors() {
		return diags
	}

	var files map[string][]byte
	switch language {
	case "python":
		files, err = python.GeneratePackage("pulumi-sdkgen", pkg, nil, nil)
	case "go":
		files, err = gogen.GeneratePackage("pulumi-sdkgen", pkg, nil)
	default:
		return fmt.Errorf("-language must be python or go, not %q", language)
	}
	if err != nil {
		return err
	}
	for name, content := range files {
		path := filepath.Join(out, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, content, 0o644); err != nil {
			return err
		}
	}
	fmt.Printf("wrote %d files to %s\n", len(files), out)
	return nil
}

// respectSchemaVersion makes the generator stamp the schema's version into the SDK (pulumi-plugin.json,
// setup.py, Go's SdkVersion). Without it the SDK asks the engine for plugin version 0.0.0, which no
// `pulumi plugin install resource ingram-cloud <version>` satisfies.
func respectSchemaVersion(spec *schema.PackageSpec, language string) error {
	info := map[string]any{}
	if raw, ok := spec.Language[language]; ok {
		if err := json.Unmarshal(raw, &info); err != nil {
			return fmt.Errorf("language.%s: %w", language, err)
		}
	}
	info["respectSchemaVersion"] = true
	raw, err := json.Marshal(info)
	if err != nil {
		return err
	}
	if spec.Language == nil {
		spec.Language = map[string]schema.RawMessage{}
	}
	spec.Language[language] = raw
	return nil
}
