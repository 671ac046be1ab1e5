import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { EC2Client } from "@aws-sdk/client-ec2";
import { Route53Client } from "@aws-sdk/client-route-53";

/** The SDK clients of the updater. */
export interface UpdaterClients {
  readonly ec2: EC2Client;
  readonly route53: Route53Client;
  readonly cloudwatch: CloudWatchClient;
}

/** Attempts per call, the first included (the SDK's standard default is 3). */
export const MAX_ATTEMPTS = 6;

/**
 * The clients, retrying with the SDK's own adaptive strategy: exponential backoff with jitter
 * plus a client-side rate limiter that slows down after throttling. The SDK classifies
 * Route 53's PriorRequestNotComplete and Throttling and EC2's RequestLimitExceeded as throttling
 * errors, and 5xx and network timeouts as transient (Smithy service-error-classification,
 * THROTTLING_ERROR_CODES and TRANSIENT_ERROR_CODES; AWS SDKs and Tools Reference Guide, "Retry
 * behavior": "adaptive" retry mode), so no error list is kept here.
 */
export function createClients(): UpdaterClients {
  const options = { retryMode: "adaptive", maxAttempts: MAX_ATTEMPTS } as const;
  return {
    ec2: new EC2Client(options),
    route53: new Route53Client(options),
    cloudwatch: new CloudWatchClient(options),
  };
}
