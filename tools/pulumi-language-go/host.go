package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
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
// preview and the update call Run; the second build is a cache hit of the Go build cache plus a
// link, so we do not keep binaries between calls ourselves.
func (h *host) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	dir := langhost.ProgramDir(req.GetInfo(), req.GetPwd())
	binary := langhost.StringOption(req.GetInfo(), "binary")
	if binary == "" {
		built, errText := build(ctx, dir)
		if errText != "" {
			// A program error (not an RPC error) so the engine shows the compiler output verbatim.
			return &pulumirpc.RunResponse{Error: errText}, nil
		}
		binary = built
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

// build runs `go build` in dir into a per-directory output under the user cache dir (never into
// the program dir, which may be read-only or under version control). It returns the binary or
// the compiler's output.
func build(ctx context.Context, dir string) (binary, errText string) {
	cache, err := os.UserCacheDir()
	if err != nil {
		cache = os.TempDir()
	}
	sum := sha256.Sum256([]byte(dir))
	out := filepath.Join(cache, "ingram-cloud-pulumi", "go-programs", hex.EncodeToString(sum[:8]), "program")
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return "", err.Error()
	}
	cmd := exec.CommandContext(ctx, "go", "build", "-o", out, ".")
	cmd.Dir = dir
	if output, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Sprintf("go build in %s failed: %v\n%s", dir, err, strings.TrimSpace(string(output)))
	}
	return out, ""
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
