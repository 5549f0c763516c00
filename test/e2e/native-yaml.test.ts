// A Pulumi YAML program on the native plugin (types `ingram-cloud:index:<Name>` checked against our
// schema by the YAML host), run by pulumi-language-yaml built from the Go module proxy. Same scenario
// as the Python, Go and Bun programs (support/sdk-lifecycle.ts).
import * as path from "node:path";
import { ensurePulumi } from "./harness/pulumi";
import { describeSdkLifecycle, eventsFor, sdkPulumiYaml } from "./support/sdk-lifecycle";
import { ensureYamlHost } from "./support/yaml";

describeSdkLifecycle("YAML", async (pluginDir) => ({
  files: {
    "Pulumi.yaml": `${sdkPulumiYaml("yaml", {}, pluginDir)}
config:
  revision:
    type: integer
  anthropicKey:
    type: string
    secret: true
resources:
  support:
    type: ingram-cloud:index:IcAgent
    properties:
      instructions: You are Acme's support agent (rev \${revision}).
      model: claude-sonnet-4-5
  events:
    type: ingram-cloud:index:IcWebhook
    properties:
      url: https://acme.example.com/api/ic/events
      events:
        fn::select:
          - \${revision}
          - - []
            - ${JSON.stringify(eventsFor(1))}
            - ${JSON.stringify(eventsFor(2))}
  anthropic:
    type: ingram-cloud:index:IcModelKey
    properties:
      provider: anthropic
      apiKey: \${anthropicKey}
outputs:
  agentId: \${support.agentId}
  webhookId: \${events.webhookId}
  webhookSecret: \${events.secret}
`,
  },
  env: {
    PATH: [await ensureYamlHost(), await ensurePulumi(), process.env.PATH].join(path.delimiter),
  },
}));
