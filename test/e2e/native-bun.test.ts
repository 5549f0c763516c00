// A TypeScript program under `runtime: bun` on the native plugin: `/native` classes, run by bun
// through our Node.js language host's bun mode (`pulumi-language-bun` from ensure-pulumi.sh execs it
// with --runtime=bun). Dynamic providers cannot run under bun; native resources can. Same scenario as
// the Python and Go programs (support/sdk-lifecycle.ts).
import * as path from "node:path";
import { ensurePulumi } from "./harness/pulumi";
import { ensureBun } from "./support/bun";
import { describeSdkLifecycle, eventsFor, sdkPulumiYaml } from "./support/sdk-lifecycle";

describeSdkLifecycle("Bun", async (pluginDir) => ({
  files: {
    "Pulumi.yaml": sdkPulumiYaml("bun", {}, pluginDir),
    "index.ts": `import * as pulumi from "@pulumi/pulumi";
import * as ic from "@ingram-tech/pulumi-ingram-cloud/native";

// Proves the host ran us with bun (an up fails otherwise).
if (!(process.versions as Record<string, string | undefined>).bun) throw new Error("not running under bun");

const config = new pulumi.Config();
const revision = config.requireNumber("revision");

const support = new ic.IcAgent("support", {
  instructions: \`You are Acme's support agent (rev \${revision}).\`,
  model: "claude-sonnet-4-5",
});
const hook = new ic.IcWebhook("events", {
  url: "https://acme.example.com/api/ic/events",
  events: revision === 1 ? ${JSON.stringify(eventsFor(1))} : ${JSON.stringify(eventsFor(2))},
});
new ic.IcModelKey("anthropic", { provider: "anthropic", apiKey: config.requireSecret("anthropicKey") });

export const agentId = support.agentId;
export const webhookId = hook.webhookId;
export const webhookSecret = hook.secret;
`,
  },
  env: {
    PATH: [path.dirname(await ensureBun()), await ensurePulumi(), process.env.PATH].join(path.delimiter),
  },
}));
