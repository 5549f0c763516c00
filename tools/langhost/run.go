package langhost

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// ExitLoggedError is the exit status every Pulumi SDK (and our Python runner) uses after it has
// already reported the failure through the engine; the host must then "bail" silently instead of
// adding a second, less helpful error.
const ExitLoggedError = 32

// RunProgram starts cmd with the host's stdout/stderr (the engine turns them into diagnostics, so
// program output streams to the user as it happens), tracks it for Cancel, and maps its exit
// status onto the engine's notion of program failure.
func (b *Base) RunProgram(cmd *exec.Cmd, what string) *pulumirpc.RunResponse {
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	if err := cmd.Start(); err != nil {
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("starting %s: %v", what, err)}
	}
	untrack := b.Track(cmd)
	defer untrack()
	return RunResult(cmd.Wait())
}

// RunResult maps a program's exit status onto a RunResponse.
func RunResult(err error) *pulumirpc.RunResponse {
	if err == nil {
		return &pulumirpc.RunResponse{}
	}
	var exit *exec.ExitError
	if !errors.As(err, &exit) {
		return &pulumirpc.RunResponse{Error: err.Error()}
	}
	switch code := exit.ExitCode(); code {
	case ExitLoggedError:
		return &pulumirpc.RunResponse{Bail: true}
	case -1: // killed by a signal, e.g. Cancel
		return &pulumirpc.RunResponse{Error: "program was terminated: " + exit.String()}
	default:
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("program exited with non-zero exit code: %d", code)}
	}
}

// ConfigEnv carries the stack configuration the way every SDK reads it: JSON objects in
// PULUMI_CONFIG / PULUMI_CONFIG_SECRET_KEYS, keys like "project:name".
func ConfigEnv(req *pulumirpc.RunRequest) ([]string, error) {
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
	return []string{"PULUMI_CONFIG=" + string(cfg), "PULUMI_CONFIG_SECRET_KEYS=" + string(secrets)}, nil
}

// ProgramEnv is the process environment plus the deployment, in the variables the Go SDK's
// pulumi.Run reads (sdk/go/pulumi/run.go: getEnvInfo). Our Python runner reads the same names, so
// both hosts hand over a run identically.
func ProgramEnv(req *pulumirpc.RunRequest, engineAddr string) ([]string, error) {
	deployment := map[string]string{
		"PULUMI_MONITOR":        req.GetMonitorAddress(),
		"PULUMI_ENGINE":         engineAddr,
		"PULUMI_PROJECT":        req.GetProject(),
		"PULUMI_STACK":          req.GetStack(),
		"PULUMI_ORGANIZATION":   req.GetOrganization(),
		"PULUMI_ROOT_DIRECTORY": req.GetInfo().GetRootDirectory(),
		"PULUMI_DRY_RUN":        strconv.FormatBool(req.GetDryRun()),
		"PULUMI_PARALLEL":       strconv.Itoa(int(req.GetParallel())),
	}
	names := []string{"PULUMI_CONFIG", "PULUMI_CONFIG_SECRET_KEYS"}
	for name := range deployment {
		names = append(names, name)
	}
	env := WithoutVars(os.Environ(), names...)
	for name, value := range deployment {
		env = append(env, name+"="+value)
	}
	config, err := ConfigEnv(req)
	if err != nil {
		return nil, err
	}
	return append(env, config...), nil
}

// WithoutVars drops the named variables from an environment list.
func WithoutVars(env []string, names ...string) []string {
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

// ProgramDir is where the program runs. Old engines only send the deprecated pwd/directory
// fields, newer ones send ProgramInfo; accept both.
func ProgramDir(info *pulumirpc.ProgramInfo, fallback string) string {
	dir := info.GetProgramDirectory()
	if dir == "" {
		dir = fallback
	}
	if abs, err := filepath.Abs(dir); err == nil {
		return abs
	}
	return dir
}

// StringOption is a string-valued `runtime.options` entry of Pulumi.yaml, or "".
func StringOption(info *pulumirpc.ProgramInfo, name string) string {
	v, _ := info.GetOptions().AsMap()[name].(string)
	return v
}
