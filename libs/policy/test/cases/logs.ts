import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import type { RuleCase } from "../helpers";

const kmsKeyId = "arn:aws:kms:us-east-1:111111111111:key/11111111-2222-3333-4444-555555555555";

export const logsCases: RuleCase[] = [
  {
    rule: "EDGE-LOGS-1",
    name: "30 days",
    expect: "compliant",
    build: (s) => new CloudwatchLogGroup(s, "lg", { name: "/edge/x", retentionInDays: 30 }),
  },
  {
    rule: "EDGE-LOGS-1",
    name: "kept forever",
    expect: "non-compliant",
    reason: /kept forever/,
    build: (s) => new CloudwatchLogGroup(s, "lg", { name: "/edge/x" }),
  },
  {
    rule: "EDGE-LOGS-1",
    name: "explicit 0 (never expire)",
    expect: "non-compliant",
    build: (s) => new CloudwatchLogGroup(s, "lg", { name: "/edge/x", retentionInDays: 0 }),
  },
  {
    rule: "EDGE-LOGS-2",
    name: "customer-managed key",
    expect: "compliant",
    build: (s) =>
      new CloudwatchLogGroup(s, "lg", { name: "/edge/x", retentionInDays: 30, kmsKeyId }),
  },
  {
    rule: "EDGE-LOGS-2",
    name: "service-owned key only",
    expect: "non-compliant",
    reason: /kms_key_id is not set/,
    build: (s) => new CloudwatchLogGroup(s, "lg", { name: "/edge/x", retentionInDays: 30 }),
  },
];
