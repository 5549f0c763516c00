package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"sync"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
)

// GetRequiredPackages returns nothing: plugins are then loaded on demand when the program
// registers resources. That is all we need while our only plugin is the bundled pulumi-nodejs
// dynamic provider (and PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION forbids downloads anyway).
// Generated SDKs announce their provider plugin in package.json ("pulumi": {"resource": true,
// "name", "version"}); scanning node_modules for those is where to start if pre-install matters.
func (h *host) GetRequiredPackages(context.Context, *pulumirpc.GetRequiredPackagesRequest) (*pulumirpc.GetRequiredPackagesResponse, error) {
	return &pulumirpc.GetRequiredPackagesResponse{}, nil
}

// GetRequiredPlugins is the deprecated predecessor; answered the same way for older callers.
func (h *host) GetRequiredPlugins(context.Context, *pulumirpc.GetRequiredPluginsRequest) (*pulumirpc.GetRequiredPluginsResponse, error) {
	return &pulumirpc.GetRequiredPluginsResponse{}, nil
}

// InstallDependencies (`pulumi install`, `pulumi new`, and before some operations) runs the
// package manager only when the SDK is not already reachable: re-installing on every call would
// make each CLI command slow and would need the network.
func (h *host) InstallDependencies(req *pulumirpc.InstallDependenciesRequest, stream grpc.ServerStreamingServer[pulumirpc.InstallDependenciesResponse]) error {
	dir := programDir(req.GetInfo(), req.GetDirectory()) //nolint:staticcheck // fallback for old engines
	if _, err := os.Stat(filepath.Join(dir, "node_modules")); err == nil {
		return nil
	}
	if _, err := resolveFrom(stream.Context(), dir, "@pulumi/pulumi"); err == nil {
		return nil // e.g. hoisted into a parent workspace's node_modules
	}

	pm := parseOptions(req.GetInfo()).packagemanager
	cmd := exec.CommandContext(stream.Context(), pm, "install")
	cmd.Dir = dir
	// gRPC streams must not be written from two goroutines at once.
	var mu sync.Mutex
	send := func(r *pulumirpc.InstallDependenciesResponse) error {
		mu.Lock()
		defer mu.Unlock()
		return stream.Send(r)
	}
	cmd.Stdout = writerFunc(func(p []byte) error {
		return send(&pulumirpc.InstallDependenciesResponse{Stdout: append([]byte{}, p...)})
	})
	cmd.Stderr = writerFunc(func(p []byte) error {
		return send(&pulumirpc.InstallDependenciesResponse{Stderr: append([]byte{}, p...)})
	})
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("`%s install` in %s failed: %w", pm, dir, err)
	}
	return nil
}

// GetProgramDependencies (`pulumi about`) lists package.json's direct dependencies with the
// version actually installed when known, else the declared range.
func (h *host) GetProgramDependencies(_ context.Context, req *pulumirpc.GetProgramDependenciesRequest) (*pulumirpc.GetProgramDependenciesResponse, error) {
	dir := programDir(req.GetInfo(), req.GetPwd()) //nolint:staticcheck // fallback for old engines
	var pkg struct {
		Dependencies    map[string]string `json:"dependencies"`
		DevDependencies map[string]string `json:"devDependencies"`
	}
	if err := readJSON(filepath.Join(dir, "package.json"), &pkg); err != nil {
		return nil, err
	}
	all := map[string]string{}
	for _, deps := range []map[string]string{pkg.DevDependencies, pkg.Dependencies} {
		for name, rng := range deps {
			all[name] = rng
		}
	}
	resp := &pulumirpc.GetProgramDependenciesResponse{}
	for name, rng := range all {
		var installed struct{ Version string }
		if readJSON(filepath.Join(dir, "node_modules", name, "package.json"), &installed) == nil && installed.Version != "" {
			rng = installed.Version
		}
		resp.Dependencies = append(resp.Dependencies, &pulumirpc.DependencyInfo{Name: name, Version: rng})
	}
	sort.Slice(resp.Dependencies, func(i, j int) bool { return resp.Dependencies[i].Name < resp.Dependencies[j].Name })
	return resp, nil
}

func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, v)
}

// writerFunc adapts a callback to io.Writer so exec can stream straight into gRPC messages.
type writerFunc func([]byte) error

func (f writerFunc) Write(p []byte) (int, error) {
	if err := f(p); err != nil {
		return 0, err
	}
	return len(p), nil
}

var _ io.Writer = writerFunc(nil)
