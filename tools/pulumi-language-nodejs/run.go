package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"

	"ingram-cloud/tools/langhost"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// Run executes the program with node via @pulumi/pulumi's own `cmd/run` entry point, which does
// the real work: loading (and, for TypeScript, transpiling) the program, connecting to the
// resource monitor, and registering stack outputs. Our job is only to pass the engine's request
// on through argv and environment variables in the form cmd/run reads them.
func (h *host) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	dir := programDir(req.GetInfo(), req.GetPwd())
	opts := parseOptions(req.GetInfo())

	runScript, err := h.resolveFrom(ctx, dir, "@pulumi/pulumi/cmd/run")
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
	if e := h.Engine(); e != "" {
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
	if h.Tracing != "" {
		args = append(args, "--tracing="+h.Tracing)
	}
	args = append(args, entry)
	args = append(args, req.GetArgs()...)

	if h.bun() {
		// Bun runs TypeScript itself; cmd/run's ts-node would only get in its way.
		opts.typescript = false
	}
	env, err := programEnv(req, opts)
	if err != nil {
		return nil, err
	}

	cmd := exec.Command(h.runtime, args...)
	cmd.Dir = dir
	cmd.Env = env
	return h.RunProgram(cmd, h.runtime), nil
}

// programEnv adds the stack configuration (PULUMI_CONFIG, read by runtime/config.js) and
// cmd/run's TypeScript settings to the environment.
func programEnv(req *pulumirpc.RunRequest, opts options) ([]string, error) {
	config, err := langhost.ConfigEnv(req)
	if err != nil {
		return nil, err
	}
	env := langhost.WithoutVars(os.Environ(), "PULUMI_CONFIG", "PULUMI_CONFIG_SECRET_KEYS",
		"PULUMI_NODEJS_TYPESCRIPT", "PULUMI_NODEJS_TSCONFIG_PATH")
	env = append(env, config...)
	env = append(env, "PULUMI_NODEJS_TYPESCRIPT="+strconv.FormatBool(opts.typescript))
	if opts.tsconfig != "" {
		env = append(env, "PULUMI_NODEJS_TSCONFIG_PATH="+opts.tsconfig)
	}
	return env, nil
}

// resolveFrom asks node itself to resolve a module the way the program would, so hoisted
// workspaces, symlinks and package "exports" maps all behave exactly as at run time.
func (h *host) resolveFrom(ctx context.Context, dir, module string) (string, error) {
	script := "process.stdout.write(require.resolve(process.argv[1], {paths: [process.cwd()]}))"
	cmd := exec.CommandContext(ctx, h.runtime, "-e", script, module)
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
