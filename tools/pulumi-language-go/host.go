package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"ingram-cloud/tools/langhost"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"golang.org/x/mod/modfile"
)

// host implements pulumirpc.LanguageRuntimeServer for Go; langhost.Base answers the
// language-independent RPCs.
type host struct {
	*langhost.Base
}

// Run builds the program (unless Pulumi.yaml names a prebuilt `binary`) and runs it. Both the
// preview and the update call Run; the second build is a hit in the Go build cache plus a link, so
// the binary is simply built into a temp dir and removed afterwards (nothing accumulates per
// program directory).
func (h *host) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	dir := langhost.ProgramDir(req.GetInfo(), req.GetPwd())
	binary := langhost.StringOption(req.GetInfo(), "binary")
	if binary == "" {
		tmp, err := os.MkdirTemp("", "pulumi-go-program-")
		if err != nil {
			return nil, err
		}
		defer os.RemoveAll(tmp)
		binary = filepath.Join(tmp, "program")
		if errText := build(ctx, dir, binary); errText != "" {
			// A program error (not an RPC error) so the engine shows the compiler output verbatim.
			return &pulumirpc.RunResponse{Error: errText}, nil
		}
	} else if !filepath.IsAbs(binary) {
		binary = filepath.Join(dir, binary)
	}

	env, err := langhost.ProgramEnv(req, h.Engine())
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(binary, req.GetArgs()...)
	cmd.Dir = dir
	cmd.Env = env
	return h.RunProgram(cmd, "the program"), nil
}

// build runs `go build -o out .` in dir and returns the compiler's output on failure.
func build(ctx context.Context, dir, out string) (errText string) {
	cmd := exec.CommandContext(ctx, "go", "build", "-o", out, ".")
	cmd.Dir = dir
	if output, err := cmd.CombinedOutput(); err != nil {
		return fmt.Sprintf("go build in %s failed: %v\n%s", dir, err, strings.TrimSpace(string(output)))
	}
	return ""
}

// InstallDependencies (`pulumi install`) fetches the modules go.mod requires, streamed.
func (h *host) InstallDependencies(req *pulumirpc.InstallDependenciesRequest, stream langhost.InstallStream) error {
	dir := langhost.ProgramDir(req.GetInfo(), req.GetDirectory()) //nolint:staticcheck // fallback for old engines
	cmd := exec.CommandContext(stream.Context(), "go", "mod", "download")
	cmd.Dir = dir
	return langhost.StreamCommand(cmd, stream)
}

// GetProgramDependencies (`pulumi about`) lists go.mod's requirements.
func (h *host) GetProgramDependencies(_ context.Context, req *pulumirpc.GetProgramDependenciesRequest) (*pulumirpc.GetProgramDependenciesResponse, error) {
	dir := langhost.ProgramDir(req.GetInfo(), req.GetPwd()) //nolint:staticcheck // fallback for old engines
	path := filepath.Join(dir, "go.mod")
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	mod, err := modfile.ParseLax(path, data, nil)
	if err != nil {
		return nil, err
	}
	resp := &pulumirpc.GetProgramDependenciesResponse{}
	for _, r := range mod.Require {
		if req.GetTransitiveDependencies() || !r.Indirect {
			resp.Dependencies = append(resp.Dependencies, &pulumirpc.DependencyInfo{Name: r.Mod.Path, Version: r.Mod.Version})
		}
	}
	return resp, nil
}

func (h *host) About(ctx context.Context, _ *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	return langhost.About(ctx, "go", "version", "go version ")
}
