/**
 * Lambda entry point of the carrier-IP DNS updater (bundled by esbuild; the AWS SDK v3 clients
 * come from the Node.js Lambda runtime). Configuration comes from the environment the
 * `CarrierIpDnsUpdater` construct sets.
 */
import { EC2Client } from "@aws-sdk/client-ec2";
import { Route53Client } from "@aws-sdk/client-route-53";
import { readConfig } from "./config";
import { createHandler } from "./updater";

// maxAttempts 1: the handler's own retry loop (withRetry) is the single retry policy.
export const handler = createHandler({
  ec2: new EC2Client({ maxAttempts: 1 }),
  route53: new Route53Client({ maxAttempts: 1 }),
  config: readConfig(process.env),
});
