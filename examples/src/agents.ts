// App-owned agent content: in a real project this module lives in the application repo and the
// infrastructure stack imports it (the seed's `import { AGENT_SPECS } from "../src/agents"`).
// Field names follow the app's own conventions (snake_case here), not the provider's.
export interface AgentSpec {
  name: string;
  instructions: string;
  model: string;
  auto_memory: boolean;
}

const support: AgentSpec = {
  name: "Support",
  instructions: [
    "You are Acme's support agent.",
    "Answer from the knowledge base, be brief, and hand over to a human when you are unsure.",
  ].join("\n"),
  model: "claude-sonnet-4-5",
  auto_memory: true,
};

// Plain syntax on purpose (no `satisfies`): with only `@pulumi/pulumi` installed, as in the seed's
// `bun add` line, programs compile with the TypeScript that @pulumi/pulumi brings (3.8).
export const AGENT_SPECS = { support };
