// A Go program on the native plugin, using the Go SDK generated from our schema (a replace directive
// to the generated module) and github.com/pulumi/pulumi/sdk/v3, built and run by our own Go language
// host (tools/pulumi-language-go): create, update in place, no-op, destroy (scenario in
// support/sdk-lifecycle.ts).
import { describeSdkLifecycle, eventsFor, sdkPulumiYaml } from "./support/sdk-lifecycle";
import { exec, GO_PULUMI_SDK, GO_SDK_MODULE, generatedSdk } from "./support/sdks";

const goStrings = (xs: string[]) => xs.map((x) => `pulumi.String(${JSON.stringify(x)})`).join(", ");

describeSdkLifecycle("Go", async (pluginDir) => ({
  files: {
    "Pulumi.yaml": sdkPulumiYaml("go", {}, pluginDir),
    "go.mod": `module acme/tenant

go 1.26

require (
	${GO_SDK_MODULE} v0.0.0
	${GO_PULUMI_SDK}
)

replace ${GO_SDK_MODULE} => ${await generatedSdk("go")}
`,
    "main.go": `package main

import (
	"fmt"

	ic "${GO_SDK_MODULE}/go/ingramcloud"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		cfg := config.New(ctx, "")
		revision := cfg.RequireInt("revision")

		events := pulumi.StringArray{${goStrings(eventsFor(1))}}
		if revision != 1 {
			events = pulumi.StringArray{${goStrings(eventsFor(2))}}
		}
		support, err := ic.NewIcAgent(ctx, "support", &ic.IcAgentArgs{
			Instructions: pulumi.String(fmt.Sprintf("You are Acme's support agent (rev %d).", revision)),
			Model:        pulumi.String("claude-sonnet-4-5"),
		})
		if err != nil {
			return err
		}
		hook, err := ic.NewIcWebhook(ctx, "events", &ic.IcWebhookArgs{
			Url:    pulumi.String("https://acme.example.com/api/ic/events"),
			Events: events,
		})
		if err != nil {
			return err
		}
		if _, err := ic.NewIcModelKey(ctx, "anthropic", &ic.IcModelKeyArgs{
			Provider: pulumi.String("anthropic"),
			ApiKey:   cfg.RequireSecret("anthropicKey"),
		}); err != nil {
			return err
		}
		ctx.Export("agentId", support.AgentId)
		ctx.Export("webhookId", hook.WebhookId)
		ctx.Export("webhookSecret", hook.Secret)
		return nil
	})
}
`,
  },
  // Records the requirements' checksums (go.sum) from the module cache, as a user's `go mod tidy` would.
  prepare: (dir) => exec("go", ["mod", "tidy"], { cwd: dir }).then(() => undefined),
}));
