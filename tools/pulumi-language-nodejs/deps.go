package main

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"sort"

	"ingram-cloud/tools/langhost"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
)

// InstallDependencies (`pulumi install`, `pulumi new`, and before some operations) runs the
// package manager only when the SDK is not already reachable: re-installing on every call would
// make each CLI command slow and would need the network.
func (h *host) InstallDependencies(req *pulumirpc.InstallDependenciesRequest, stream grpc.ServerStreamingServer[pulumirpc.InstallDependenciesResponse]) error {
	dir := programDir(req.GetInfo(), req.GetDirectory()) //nolint:staticcheck // fallback for old engines
	if _, err := os.Stat(filepath.Join(dir, "node_modules")); err == nil {
		return nil
	}
	if _, err := h.resolveFrom(stream.Context(), dir, "@pulumi/pulumi"); err == nil {
		return nil // e.g. hoisted into a parent workspace's node_modules
	}

	pm := parseOptions(req.GetInfo()).packagemanager
	cmd := exec.CommandContext(stream.Context(), pm, "install")
	cmd.Dir = dir
	return langhost.StreamCommand(cmd, stream)
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
