import { CloudwatchEventTarget } from "@cdktf/provider-aws/lib/cloudwatch-event-target";
import { Ec2TransitGateway } from "@cdktf/provider-aws/lib/ec2-transit-gateway";
import { Ec2TransitGatewayMulticastDomain } from "@cdktf/provider-aws/lib/ec2-transit-gateway-multicast-domain";
import { LambdaFunction } from "@cdktf/provider-aws/lib/lambda-function";
import { LambdaFunctionEventInvokeConfig } from "@cdktf/provider-aws/lib/lambda-function-event-invoke-config";
import { LambdaPermission } from "@cdktf/provider-aws/lib/lambda-permission";
import { Route53HostedZoneDnssec } from "@cdktf/provider-aws/lib/route53-hosted-zone-dnssec";
import { Route53KeySigningKey } from "@cdktf/provider-aws/lib/route53-key-signing-key";
import { Route53QueryLog } from "@cdktf/provider-aws/lib/route53-query-log";
import { Route53Zone } from "@cdktf/provider-aws/lib/route53-zone";
import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";
import { S3Backend } from "cdktf";
import type { Construct } from "constructs";
import type { RuleCase } from "../helpers";

const fn = (s: Construct, extra: Partial<ConstructorParameters<typeof LambdaFunction>[2]> = {}) =>
  new LambdaFunction(s, "dns-updater", {
    functionName: "dns-updater",
    role: "arn:aws:iam::111111111111:role/x",
    runtime: "nodejs20.x",
    handler: "index.handler",
    filename: "x.zip",
    ...extra,
  });
const zone = (s: Construct) => new Route53Zone(s, "zone", { name: "edge.example.com" });
const kmsKeyArn = "arn:aws:kms:us-east-1:111111111111:key/11111111-2222-3333-4444-555555555555";

export const serviceCases: RuleCase[] = [
  // EDGE-TGW-1
  {
    rule: "EDGE-TGW-1",
    name: "provider default (disable)",
    expect: "compliant",
    build: (s) => new Ec2TransitGateway(s, "tgw", { multicastSupport: "enable" }),
  },
  {
    rule: "EDGE-TGW-1",
    name: "auto-accepts shared attachments",
    expect: "non-compliant",
    build: (s) => new Ec2TransitGateway(s, "tgw", { autoAcceptSharedAttachments: "enable" }),
  },
  // EDGE-TGW-2
  {
    rule: "EDGE-TGW-2",
    name: "manual association acceptance",
    expect: "compliant",
    build: (s) =>
      new Ec2TransitGatewayMulticastDomain(s, "domain", {
        transitGatewayId: "tgw-0123",
        igmpv2Support: "enable",
        autoAcceptSharedAssociations: "disable",
      }),
  },
  {
    rule: "EDGE-TGW-2",
    name: "auto-accepts shared associations",
    expect: "non-compliant",
    build: (s) =>
      new Ec2TransitGatewayMulticastDomain(s, "domain", {
        transitGatewayId: "tgw-0123",
        autoAcceptSharedAssociations: "enable",
      }),
  },
  // EDGE-LAMBDA-1
  {
    rule: "EDGE-LAMBDA-1",
    name: "function with a dead-letter queue",
    expect: "compliant",
    build: (s) =>
      fn(s, {
        deadLetterConfig: { targetArn: new SqsQueue(s, "dlq", { sqsManagedSseEnabled: true }).arn },
      }),
  },
  {
    rule: "EDGE-LAMBDA-1",
    name: "function with an on-failure destination",
    expect: "compliant",
    build: (s) => {
      const f = fn(s);
      new LambdaFunctionEventInvokeConfig(s, "invoke", {
        functionName: f.functionName,
        destinationConfig: { onFailure: { destination: "arn:aws:sqs:us-east-1:111111111111:dlq" } },
      });
    },
  },
  {
    rule: "EDGE-LAMBDA-1",
    name: "function that drops failed events",
    expect: "non-compliant",
    reason: /no dead_letter_config/,
    build: (s) => fn(s),
  },
  // EDGE-LAMBDA-2
  {
    rule: "EDGE-LAMBDA-2",
    name: "EventBridge grant scoped to its rule",
    expect: "compliant",
    build: (s) =>
      new LambdaPermission(s, "perm", {
        action: "lambda:InvokeFunction",
        functionName: "dns-updater",
        principal: "events.amazonaws.com",
        sourceArn: "arn:aws:events:us-east-1:111111111111:rule/carrier-ip",
      }),
  },
  {
    rule: "EDGE-LAMBDA-2",
    name: "EventBridge grant for any account",
    expect: "non-compliant",
    reason: /without source_arn or source_account/,
    build: (s) =>
      new LambdaPermission(s, "perm", {
        action: "lambda:InvokeFunction",
        functionName: "dns-updater",
        principal: "events.amazonaws.com",
      }),
  },
  {
    rule: "EDGE-LAMBDA-2",
    name: "public function",
    expect: "non-compliant",
    reason: /principal is "\*"/,
    build: (s) =>
      new LambdaPermission(s, "perm", {
        action: "lambda:InvokeFunction",
        functionName: "dns-updater",
        principal: "*",
      }),
  },
  // EDGE-SQS-1
  {
    rule: "EDGE-SQS-1",
    name: "SQS-managed encryption",
    expect: "compliant",
    build: (s) => new SqsQueue(s, "dlq", { sqsManagedSseEnabled: true }),
  },
  {
    rule: "EDGE-SQS-1",
    name: "customer-managed key",
    expect: "compliant",
    build: (s) => new SqsQueue(s, "dlq", { kmsMasterKeyId: kmsKeyArn }),
  },
  {
    rule: "EDGE-SQS-1",
    name: "encryption left unsaid",
    expect: "non-compliant",
    build: (s) => new SqsQueue(s, "dlq", {}),
  },
  {
    rule: "EDGE-SQS-1",
    name: "encryption turned off",
    expect: "non-compliant",
    reason: /false/,
    build: (s) => new SqsQueue(s, "dlq", { sqsManagedSseEnabled: false }),
  },
  // EDGE-EVENTS-1
  {
    rule: "EDGE-EVENTS-1",
    name: "target with a dead-letter queue",
    expect: "compliant",
    build: (s) =>
      new CloudwatchEventTarget(s, "target", {
        rule: "carrier-ip",
        arn: "arn:aws:lambda:us-east-1:111111111111:function:dns-updater",
        deadLetterConfig: { arn: "arn:aws:sqs:us-east-1:111111111111:dlq" },
      }),
  },
  {
    rule: "EDGE-EVENTS-1",
    name: "target without one",
    expect: "non-compliant",
    build: (s) =>
      new CloudwatchEventTarget(s, "target", {
        rule: "carrier-ip",
        arn: "arn:aws:lambda:us-east-1:111111111111:function:dns-updater",
      }),
  },
  // EDGE-R53-1
  {
    rule: "EDGE-R53-1",
    name: "signed public zone",
    expect: "compliant",
    build: (s) => {
      const z = zone(s);
      const ksk = new Route53KeySigningKey(s, "ksk", {
        hostedZoneId: z.id,
        keyManagementServiceArn: kmsKeyArn,
        name: "edge",
      });
      new Route53HostedZoneDnssec(s, "dnssec", { hostedZoneId: ksk.hostedZoneId });
    },
  },
  {
    rule: "EDGE-R53-1",
    name: "private zone is out of scope",
    expect: "none",
    build: (s) =>
      new Route53Zone(s, "zone", { name: "edge.internal", vpc: [{ vpcId: "vpc-0123" }] }),
  },
  {
    rule: "EDGE-R53-1",
    name: "unsigned public zone",
    expect: "non-compliant",
    reason: /without an active key-signing key and hosted zone DNSSEC signing/,
    build: (s) => zone(s),
  },
  {
    rule: "EDGE-R53-1",
    name: "signing turned off",
    expect: "non-compliant",
    reason: /hosted zone DNSSEC signing/,
    build: (s) => {
      const z = zone(s);
      new Route53KeySigningKey(s, "ksk", {
        hostedZoneId: z.id,
        keyManagementServiceArn: kmsKeyArn,
        name: "edge",
      });
      new Route53HostedZoneDnssec(s, "dnssec", {
        hostedZoneId: z.id,
        signingStatus: "NOT_SIGNING",
      });
    },
  },
  // EDGE-R53-2
  {
    rule: "EDGE-R53-2",
    name: "public zone with query logging",
    expect: "compliant",
    build: (s) =>
      new Route53QueryLog(s, "query-log", {
        zoneId: zone(s).zoneId,
        cloudwatchLogGroupArn: "arn:aws:logs:us-east-1:111111111111:log-group:/aws/route53/edge",
      }),
  },
  {
    rule: "EDGE-R53-2",
    name: "public zone without query logging",
    expect: "non-compliant",
    build: (s) => zone(s),
  },
  // EDGE-STATE-1
  {
    rule: "EDGE-STATE-1",
    name: "encrypted S3 state with S3-native locking",
    expect: "compliant",
    build: (s) =>
      new S3Backend(s, {
        bucket: "state",
        key: "x/terraform.tfstate",
        region: "us-east-1",
        encrypt: true,
      }).addOverride("use_lockfile", true),
  },
  {
    rule: "EDGE-STATE-1",
    name: "encrypted S3 state locked with DynamoDB",
    expect: "compliant",
    build: (s) =>
      new S3Backend(s, {
        bucket: "state",
        key: "x/terraform.tfstate",
        region: "us-east-1",
        encrypt: true,
        dynamodbTable: "locks",
      }),
  },
  {
    rule: "EDGE-STATE-1",
    name: "unencrypted, unlocked S3 state",
    expect: "non-compliant",
    reason: /encrypt is not true and neither use_lockfile nor dynamodb_table is set/,
    build: (s) =>
      new S3Backend(s, { bucket: "state", key: "x/terraform.tfstate", region: "us-east-1" }),
  },
];
