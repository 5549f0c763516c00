package langhost

import (
	"context"
	"os/exec"
	"strings"
	"sync"

	"github.com/pulumi/pulumi/sdk/v3/go/common/version"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/protobuf/types/known/emptypb"
)

// Base answers the RPCs that do not depend on the language. A host embeds *Base and adds Run and
// friends; methods nobody implements fall through to the Unimplemented server, which the engine
// reads as "feature not available" (e.g. it falls back from GetRequiredPackages to
// GetRequiredPlugins).
type Base struct {
	pulumirpc.UnimplementedLanguageRuntimeServer

	// Tracing is the --tracing endpoint the engine gave us, to pass on to programs.
	Tracing string

	mu         sync.Mutex
	engineAddr string
	children   map[*exec.Cmd]struct{}
}

func NewBase(engineAddr, tracing string) *Base {
	return &Base{engineAddr: engineAddr, Tracing: tracing, children: map[*exec.Cmd]struct{}{}}
}

// Engine is the engine's gRPC address (for the SDK's logging), from argv or Handshake.
func (b *Base) Engine() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.engineAddr
}

// Handshake is only sent when the engine attaches to an already running host
// (PULUMI_DEBUG_LANGUAGES); when it launches us, the address arrives as argv instead.
func (b *Base) Handshake(_ context.Context, req *pulumirpc.LanguageHandshakeRequest) (*pulumirpc.LanguageHandshakeResponse, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if req.GetEngineAddress() != "" {
		b.engineAddr = req.GetEngineAddress()
	}
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

// GetPluginInfo reports the version baked in by the same -X ldflag the CLI build uses, so a host
// always claims the CLI version it was built alongside.
func (b *Base) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: strings.TrimPrefix(version.Version, "v")}, nil
}

// GetRequiredPackages returns nothing: plugins are then loaded on demand when the program
// registers resources, which is enough when they are installed or named in Pulumi.yaml
// (PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION forbids downloads anyway).
func (b *Base) GetRequiredPackages(context.Context, *pulumirpc.GetRequiredPackagesRequest) (*pulumirpc.GetRequiredPackagesResponse, error) {
	return &pulumirpc.GetRequiredPackagesResponse{}, nil
}

// GetRequiredPlugins is the deprecated predecessor; answered the same way for older callers.
func (b *Base) GetRequiredPlugins(context.Context, *pulumirpc.GetRequiredPluginsRequest) (*pulumirpc.GetRequiredPluginsResponse, error) {
	return &pulumirpc.GetRequiredPluginsResponse{}, nil
}

// RuntimeOptionsPrompts is asked by `pulumi new`; we have nothing to ask.
func (b *Base) RuntimeOptionsPrompts(context.Context, *pulumirpc.RuntimeOptionsRequest) (*pulumirpc.RuntimeOptionsResponse, error) {
	return &pulumirpc.RuntimeOptionsResponse{}, nil
}

// Cancel stops running programs so a Ctrl-C in the CLI does not wait for them to finish.
func (b *Base) Cancel(context.Context, *emptypb.Empty) (*emptypb.Empty, error) {
	b.KillChildren()
	return &emptypb.Empty{}, nil
}

// Track registers a started child; the returned func unregisters it.
func (b *Base) Track(cmd *exec.Cmd) func() {
	b.mu.Lock()
	b.children[cmd] = struct{}{}
	b.mu.Unlock()
	return func() {
		b.mu.Lock()
		delete(b.children, cmd)
		b.mu.Unlock()
	}
}

func (b *Base) KillChildren() {
	b.mu.Lock()
	defer b.mu.Unlock()
	for cmd := range b.children {
		if cmd.Process != nil {
			_ = cmd.Process.Kill()
		}
	}
}

// About reports an executable and the version it prints for `<exe> <versionArg>` (`pulumi about`).
func About(ctx context.Context, exe, versionArg, trimPrefix string) (*pulumirpc.AboutResponse, error) {
	path, err := exec.LookPath(exe)
	if err != nil {
		return nil, err
	}
	out, err := exec.CommandContext(ctx, path, versionArg).Output()
	if err != nil {
		return nil, err
	}
	v := strings.TrimSpace(string(out))
	v = strings.TrimPrefix(v, trimPrefix)
	return &pulumirpc.AboutResponse{Executable: path, Version: v}, nil
}
