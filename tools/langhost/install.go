package langhost

import (
	"fmt"
	"os/exec"
	"sync"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
)

// InstallStream is the server side of InstallDependencies.
type InstallStream = grpc.ServerStreamingServer[pulumirpc.InstallDependenciesResponse]

// StreamCommand runs cmd (an install step) and streams its stdout/stderr to the CLI.
func StreamCommand(cmd *exec.Cmd, stream InstallStream) error {
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
		return fmt.Errorf("`%s` in %s failed: %w", cmd.String(), cmd.Dir, err)
	}
	return nil
}

// writerFunc adapts a callback to io.Writer so exec can stream straight into gRPC messages.
type writerFunc func([]byte) error

func (f writerFunc) Write(p []byte) (int, error) {
	if err := f(p); err != nil {
		return 0, err
	}
	return len(p), nil
}
