// Package langhost holds what our three language hosts (tools/pulumi-language-nodejs, -python, -go)
// share: the engine's launch contract (Serve), the RPCs they all answer alike (Base), and the
// environment a Go or Python program reads its deployment from (ProgramEnv).
//
// Contract with the engine (pkg/resource/plugin/langruntime_plugin.go and plugin.go):
//   - it execs a host as `pulumi-language-<lang> [--logtostderr] [-v=N] [--tracing URL] ENGINE_ADDR`
//     with the program directory as working directory;
//   - it reads exactly one line from the host's stdout, the TCP port of its gRPC server;
//   - everything the host (and its program child) writes afterwards is shown as diagnostics.
package langhost

import (
	"context"
	"flag"
	"fmt"
	"net"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
)

// Server is a language host: the gRPC service plus a way to stop the programs it started.
type Server interface {
	pulumirpc.LanguageRuntimeServer
	KillChildren()
}

// Main parses the engine's arguments, serves the host built by newServer and exits the process
// with status 1 (after printing the error) if serving fails.
func Main(name string, newServer func(engineAddr, tracing string) Server) {
	if err := serve(newServer); err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n", name, err)
		os.Exit(1)
	}
}

func serve(newServer func(engineAddr, tracing string) Server) error {
	// The engine forwards --logtostderr and -v=N to every plugin; glog (linked in by the SDK)
	// already registers those flags, so only --tracing is ours.
	tracing := flag.String("tracing", "", "Zipkin-compatible tracing endpoint, passed on to the program")
	flag.Parse()

	engineAddr := ""
	if flag.NArg() > 0 {
		engineAddr = flag.Arg(0)
	}

	ctx, cancel := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer cancel()

	// Exit when the engine goes away, so an aborted `pulumi` run never leaves us (and a program
	// child) behind as orphans.
	if engineAddr != "" {
		if err := rpcutil.Healthcheck(ctx, engineAddr, 10*time.Second, cancel); err != nil {
			return fmt.Errorf("watching engine %s: %w", engineAddr, err)
		}
	}

	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	// Program outputs and serialized closures can be large; match the engine's generous limit.
	srv := grpc.NewServer(grpc.MaxRecvMsgSize(400 * 1024 * 1024))
	host := newServer(engineAddr, *tracing)
	pulumirpc.RegisterLanguageRuntimeServer(srv, host)

	// The port line must be the first thing on stdout: the engine parses it before anything else.
	fmt.Printf("%d\n", lis.Addr().(*net.TCPAddr).Port)

	go func() {
		<-ctx.Done()
		host.KillChildren()
		srv.Stop()
	}()
	return srv.Serve(lis)
}
