package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// exitLoggedUserError is the exit code @pulumi/pulumi's cmd/run uses after it has already
// reported the failure to the user through the engine; we must then "bail" silently instead of
// adding a second, less helpful error.
const exitLoggedUserError = 32

// Run executes the program with node via @pulumi/pulumi's own `cmd/run` entry point, which does
// the real work: loading (and, for TypeScript, transpiling) the program, connecting to the
// resource monitor, and registering stack outputs. Our job is only to pass the engine's request
// on through argv and environment variables in the form cmd/run reads them.
func (h *host) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	dir := programDir(req.GetInfo(), req.GetPwd())
	opts := parseOptions(req.GetInfo())

	runScript, err := resolveFrom(ctx, dir, "@pulumi/pulumi/cmd/run")
	if err != nil {
		// Returned as a program error (not an RPC error) so the engine shows it verbatim.
		return &pulumirpc.RunResponse{Error: fmt.Sprintf(
			"cannot load the Pulumi SDK from %s: %v; run `npm install` (or `pulumi install`) there first", dir, err)}, nil
	}

	entry := req.GetInfo().GetEntryPoint()
	if entry == "" {
		entry = req.GetProgram() //nolint:staticcheck // older engines only send this field
	}
	if entry == "" {
		entry = "." // cmd/run then uses package.json "main"/"exports"
	}

	args := append([]string{}, opts.nodeargs...)
	args = append(args, runScript,
		"--monitor="+req.GetMonitorAddress(),
		"--project="+req.GetProject(),
		"--stack="+req.GetStack(),
		"--pwd="+dir,
		"--parallel="+strconv.Itoa(int(req.GetParallel())),
	)
	if e := h.engine(); e != "" {
		// Lets the SDK send log.info/warn/error to the engine instead of raw stdout.
		args = append(args, "--engine="+e)
	}
	if org := req.GetOrganization(); org != "" {
		args = append(args, "--organization="+org)
	}
	if root := req.GetInfo().GetRootDirectory(); root != "" {
		args = append(args, "--root-directory="+root)
	}
	if req.GetDryRun() {
		args = append(args, "--dry-run")
	}
	if h.tracing != "" {
		args = append(args, "--tracing="+h.tracing)
	}
	args = append(args, entry)
	args = append(args, req.GetArgs()...)

	env, err := programEnv(req, opts)
	if err != nil {
		return nil, err
	}

	cmd := exec.Command("node", args...)
	cmd.Dir = dir
	cmd.Env = env
	// The engine turns our stdout/stderr into diagnostics; sharing them streams console.log
	// output of the program to the user as it happens.
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	if err := cmd.Start(); err != nil {
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("starting node: %v", err)}, nil
	}
	untrack := h.track(cmd)
	defer untrack()

	return runResult(cmd.Wait()), nil
}

// programEnv carries the stack configuration the way the SDK reads it (runtime/config.js):
// JSON objects in PULUMI_CONFIG / PULUMI_CONFIG_SECRET_KEYS, keys like "project:name".
func programEnv(req *pulumirpc.RunRequest, opts options) ([]string, error) {
	config := req.GetConfig()
	if config == nil {
		config = map[string]string{}
	}
	cfg, err := json.Marshal(config)
	if err != nil {
		return nil, err
	}
	secretKeys := req.GetConfigSecretKeys()
	if secretKeys == nil {
		secretKeys = []string{}
	}
	secrets, err := json.Marshal(secretKeys)
	if err != nil {
		return nil, err
	}

	env := withoutVars(os.Environ(), "PULUMI_CONFIG", "PULUMI_CONFIG_SECRET_KEYS",
		"PULUMI_NODEJS_TYPESCRIPT", "PULUMI_NODEJS_TSCONFIG_PATH")
	env = append(env,
		"PULUMI_CONFIG="+string(cfg),
		"PULUMI_CONFIG_SECRET_KEYS="+string(secrets),
		"PULUMI_NODEJS_TYPESCRIPT="+strconv.FormatBool(opts.typescript),
	)
	if opts.tsconfig != "" {
		env = append(env, "PULUMI_NODEJS_TSCONFIG_PATH="+opts.tsconfig)
	}
	return env, nil
}

// runResult maps node's exit status onto the engine's notion of program failure.
func runResult(err error) *pulumirpc.RunResponse {
	if err == nil {
		return &pulumirpc.RunResponse{}
	}
	var exit *exec.ExitError
	if !errors.As(err, &exit) {
		return &pulumirpc.RunResponse{Error: err.Error()}
	}
	switch code := exit.ExitCode(); code {
	case exitLoggedUserError:
		return &pulumirpc.RunResponse{Bail: true}
	case -1: // killed by a signal, e.g. Cancel
		return &pulumirpc.RunResponse{Error: "program was terminated: " + exit.String()}
	default:
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("program exited with non-zero exit code: %d", code)}
	}
}

// resolveFrom asks node itself to resolve a module the way the program would, so hoisted
// workspaces, symlinks and package "exports" maps all behave exactly as at run time.
func resolveFrom(ctx context.Context, dir, module string) (string, error) {
	script := "process.stdout.write(require.resolve(process.argv[1], {paths: [process.cwd()]}))"
	cmd := exec.CommandContext(ctx, "node", "-e", script, module)
	cmd.Dir = dir
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		// Node prints a stack dump; the "Error: Cannot find module ..." line is the useful part.
		msg := strings.TrimSpace(stderr.String())
		for _, line := range strings.Split(msg, "\n") {
			if strings.HasPrefix(line, "Error") {
				msg = line
				break
			}
		}
		return "", fmt.Errorf("%s (%v)", msg, err)
	}
	return string(out), nil
}

func withoutVars(env []string, names ...string) []string {
	out := env[:0:0]
next:
	for _, kv := range env {
		for _, n := range names {
			if strings.HasPrefix(kv, n+"=") {
				continue next
			}
		}
		out = append(out, kv)
	}
	return out
}
