// Command pulumi-language-nodejs is a small, self-written Node.js language host for the Pulumi
// engine. We need it because the official host's Go module is not obtainable from the module
// proxy this project can reach (no tags, pseudo-versions refused), while the CLI itself is.
//
// Contract with the engine (pkg/resource/plugin/langruntime_plugin.go and plugin.go):
//   - it execs us as `pulumi-language-nodejs [--logtostderr] [-v=N] [--tracing URL] ENGINE_ADDR`
//     with the program directory as working directory;
//   - it reads exactly one line from our stdout, the TCP port of our gRPC server;
//   - everything we (and the node child) write afterwards is shown to the user as diagnostics.
package main

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

func main() {
	if err := run(); err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-language-nodejs: %v\n", err)
		os.Exit(1)
	}
}

func run() error {
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

	// Exit when the engine goes away, so an aborted `pulumi` run never leaves us (and a node
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
	host := newHost(engineAddr, *tracing)
	pulumirpc.RegisterLanguageRuntimeServer(srv, host)

	// The port line must be the first thing on stdout: the engine parses it before anything else.
	fmt.Printf("%d\n", lis.Addr().(*net.TCPAddr).Port)

	go func() {
		<-ctx.Done()
		host.killChildren()
		srv.Stop()
	}()
	return srv.Serve(lis)
}
