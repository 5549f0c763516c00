// The seed's platform snippets (docs: "Projects (advanced)"), verbatim.
import * as ic from "@ingram-tech/pulumi-ingram-cloud";

// In a platform stack, ingram-cloud:token is your ORGANIZATION key.
const conn = ic.connectionFromConfig();

const project = new ic.IcProject("acme", { ...conn }); // adopt-by-name
const icToken = new ic.IcProjectToken("acme-admin", {
  ...conn,
  project: project.projectId, // the project id == the tenant
});
export const acmeProjectId = project.projectId;
export const acmeToken = icToken.projectToken; // secret tenant:* token
