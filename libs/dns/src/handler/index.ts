/**
 * Lambda entry point of the carrier-IP DNS updater (bundled by esbuild; the AWS SDK v3 clients
 * come from the Node.js Lambda runtime). Configuration comes from the environment the
 * `CarrierIpDnsUpdater` construct sets.
 */
import { createClients } from "./clients";
import { readConfig } from "./config";
import { createHandler } from "./updater";

export const handler = createHandler({
  ...createClients(),
  config: readConfig(process.env),
});
