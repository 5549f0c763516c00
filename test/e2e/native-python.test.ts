// A Python program on the native plugin, using the Python SDK generated from our schema and `pulumi`
// from PyPI, run by our own Python language host (tools/pulumi-language-python): create, update in
// place, no-op, destroy (scenario in support/sdk-lifecycle.ts).
import { describeSdkLifecycle, eventsFor, sdkPulumiYaml } from "./support/sdk-lifecycle";
import { pythonVenv } from "./support/sdks";

describeSdkLifecycle("Python", async (pluginDir) => ({
  files: {
    "Pulumi.yaml": sdkPulumiYaml("python", { virtualenv: await pythonVenv() }, pluginDir),
    "__main__.py": `import pulumi
import pulumi_ingram_cloud as ic

config = pulumi.Config()
revision = config.require_int("revision")

support = ic.IcAgent(
    "support",
    instructions=f"You are Acme's support agent (rev {revision}).",
    model="claude-sonnet-4-5",
)
hook = ic.IcWebhook(
    "events",
    url="https://acme.example.com/api/ic/events",
    events=${JSON.stringify(eventsFor(1))} if revision == 1 else ${JSON.stringify(eventsFor(2))},
)
ic.IcModelKey("anthropic", provider="anthropic", api_key=config.require_secret("anthropicKey"))

pulumi.export("agentId", support.agent_id)
pulumi.export("webhookId", hook.webhook_id)
pulumi.export("webhookSecret", hook.secret)
`,
  },
}));
