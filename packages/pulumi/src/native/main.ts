/**
 * Entry point of the plugin process `pulumi-resource-ingram-cloud`: the engine starts it (through the
 * shim the plugin tarball carries, or `plugins.providers` in Pulumi.yaml) with its own address as the
 * argument, and reads the gRPC port this prints.
 */
import { main } from "@pulumi/pulumi/provider";
import { setProviderConfig } from "../host/core";
import { nativeProvider, providerConfigFromEnv } from "./provider";

// Static requires (not fs reads) so a bundler inlines both files into the plugin.
const manifest: { version: string } = require("../../package.json");
const schema: unknown = require("../../schema.json");

setProviderConfig(providerConfigFromEnv());
main(nativeProvider(manifest.version, JSON.stringify(schema)), process.argv.slice(2)).catch((err) => {
  console.error(err);
  process.exit(1);
});
