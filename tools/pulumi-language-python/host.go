package main

import (
	"context"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"

	"ingram-cloud/tools/langhost"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

//go:embed runner.py
var runnerSource []byte

// host implements pulumirpc.LanguageRuntimeServer for Python; langhost.Base answers the
// language-independent RPCs.
type host struct {
	*langhost.Base
}

// Run executes the program's entry point (the directory, i.e. its __main__.py, unless Pulumi.yaml
// names another `main`) with the project's Python via runner.py.
func (h *host) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	dir := langhost.ProgramDir(req.GetInfo(), req.GetPwd())
	runner, err := runnerPath()
	if err != nil {
		return nil, err
	}
	entry := req.GetInfo().GetEntryPoint()
	if entry == "" {
		entry = "."
	}
	env, err := langhost.ProgramEnv(req, h.Engine())
	if err != nil {
		return nil, err
	}
	// Unbuffered, so print() output reaches the user as it happens, interleaved with the engine's.
	env = append(env, "PYTHONUNBUFFERED=1")

	python := interpreter(req.GetInfo(), dir)
	args := append([]string{runner, filepath.Join(dir, entry)}, req.GetArgs()...)
	cmd := exec.Command(python, args...)
	cmd.Dir = dir
	cmd.Env = env
	return h.RunProgram(cmd, python), nil
}

// interpreter is <virtualenv>/bin/python when Pulumi.yaml sets runtime.options.virtualenv
// (relative to the program dir), else python3 from PATH.
func interpreter(info *pulumirpc.ProgramInfo, dir string) string {
	venv := langhost.StringOption(info, "virtualenv")
	if venv == "" {
		return "python3"
	}
	if !filepath.IsAbs(venv) {
		venv = filepath.Join(dir, venv)
	}
	return filepath.Join(venv, "bin", "python")
}

// runnerPath writes the embedded runner once per content into the user cache dir (a content
// address, so concurrent hosts and host upgrades never see a half-written or stale file).
func runnerPath() (string, error) {
	cache, err := os.UserCacheDir()
	if err != nil {
		cache = os.TempDir()
	}
	sum := sha256.Sum256(runnerSource)
	path := filepath.Join(cache, "ingram-cloud-pulumi", "python-runner", hex.EncodeToString(sum[:8]), "runner.py")
	if _, err := os.Stat(path); err == nil {
		return path, nil
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return "", err
	}
	tmp := fmt.Sprintf("%s.%d", path, os.Getpid())
	if err := os.WriteFile(tmp, runnerSource, 0o644); err != nil {
		return "", err
	}
	return path, os.Rename(tmp, path)
}

// InstallDependencies (`pulumi install`) creates the configured virtualenv if it is missing and
// installs requirements.txt into it, streamed. Without a virtualenv option the user's own
// environment is left alone.
func (h *host) InstallDependencies(req *pulumirpc.InstallDependenciesRequest, stream langhost.InstallStream) error {
	info := req.GetInfo()
	dir := langhost.ProgramDir(info, req.GetDirectory()) //nolint:staticcheck // fallback for old engines
	venv := langhost.StringOption(info, "virtualenv")
	if venv == "" {
		return nil
	}
	python := interpreter(info, dir)
	if _, err := os.Stat(python); err != nil {
		cmd := exec.CommandContext(stream.Context(), "python3", "-m", "venv", venv)
		cmd.Dir = dir
		if err := langhost.StreamCommand(cmd, stream); err != nil {
			return err
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "requirements.txt")); err != nil {
		return nil
	}
	cmd := exec.CommandContext(stream.Context(), python, "-m", "pip", "install", "-r", "requirements.txt")
	cmd.Dir = dir
	return langhost.StreamCommand(cmd, stream)
}

// GetProgramDependencies (`pulumi about`) lists what pip reports as installed for the interpreter.
func (h *host) GetProgramDependencies(ctx context.Context, req *pulumirpc.GetProgramDependenciesRequest) (*pulumirpc.GetProgramDependenciesResponse, error) {
	dir := langhost.ProgramDir(req.GetInfo(), req.GetPwd()) //nolint:staticcheck // fallback for old engines
	out, err := exec.CommandContext(ctx, interpreter(req.GetInfo(), dir), "-m", "pip", "list", "--format=json").Output()
	if err != nil {
		return nil, fmt.Errorf("pip list: %w", err)
	}
	var pkgs []struct{ Name, Version string }
	if err := json.Unmarshal(out, &pkgs); err != nil {
		return nil, err
	}
	resp := &pulumirpc.GetProgramDependenciesResponse{}
	for _, p := range pkgs {
		resp.Dependencies = append(resp.Dependencies, &pulumirpc.DependencyInfo{Name: p.Name, Version: p.Version})
	}
	return resp, nil
}

func (h *host) About(ctx context.Context, _ *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	return langhost.About(ctx, "python3", "--version", "Python ")
}
