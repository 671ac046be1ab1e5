import { CloudwatchEventRule } from "@cdktf/provider-aws/lib/cloudwatch-event-rule";
import { CloudwatchEventTarget } from "@cdktf/provider-aws/lib/cloudwatch-event-target";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { LambdaFunction } from "@cdktf/provider-aws/lib/lambda-function";
import { LambdaPermission } from "@cdktf/provider-aws/lib/lambda-permission";
import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { SqsQueuePolicy } from "@cdktf/provider-aws/lib/sqs-queue-policy";
import { SsmParameter } from "@cdktf/provider-aws/lib/ssm-parameter";
import { ConfigCheck, declareNeeds, EdgeStack, isUnresolved } from "@edge/core";
import { Annotations, AssetType, Fn, TerraformAsset, TerraformLocal } from "cdktf";
import { Construct } from "constructs";
import { ENV, STATUS_CHECK_ALARM, type AlarmSpec } from "../handler/config";
import { DETAIL_TYPE, HANDLED_STATES } from "../handler/events";
import { handlerBundle, type HandlerBundle } from "./private/handler-bundle";
import { claimUpdaterRecords, trackRecord } from "./private/record-sets";
import {
  bareZoneId,
  CARRIER_TTL_DEFAULT,
  carrierTtlWarning,
  checkRecordName,
  checkRetention,
  checkTtl,
  checkWeight,
  checkRuntime,
  checkZoneId,
  DEFAULT_RUNTIME,
  normalizedRecordNameForIam,
  partitionOf,
  REGION_TTL_DEFAULT,
  type UpdaterRuntime,
} from "./private/rules";
import { checkAlarm } from "./private/alarm-rules";

export type { AlarmSpec } from "../handler/config";
export type { UpdaterRuntime } from "./private/rules";

/** The tag that marks instances the updater manages. */
export interface ManagedTag {
  readonly key: string;
  /** Required value. @default - any value of the key */
  readonly value?: string;
}

/** Props of {@link CarrierIpDnsUpdater}. */
export interface CarrierIpDnsUpdaterProps {
  /** The hosted zone the records go in (the updater's IAM role can change only this zone). */
  readonly hostedZoneId: string;
  /** The weighted name, fully qualified, such as `bos.edge.example.com`. */
  readonly recordName: string;
  /** Weight of each instance's record, 0-255. @default 1 */
  readonly weight?: number;
  /** TTL of each instance's record, in seconds. @default 60 with a fallback, else 30 */
  readonly ttl?: number;
  /**
   * The tag an instance must carry to get a record. The default ties instances to this name, so
   * several updaters in one Region never manage each other's instances.
   * @default { key: "edge:dns-name", value: recordName }
   */
  readonly managedTag?: ManagedTag;
  /**
   * Lambda runtime of the handler: a Node.js runtime Lambda still supports (nodejs20.x was
   * deprecated on 2026-04-30).
   * @default "nodejs24.x"
   */
  readonly runtime?: UpdaterRuntime;
  /** @default "arm64" */
  readonly architecture?: "arm64" | "x86_64";
  /** @default 365 in production environments, 30 otherwise */
  readonly logRetentionDays?: number;
  /** KMS key for the function's log group. @default - the CloudWatch Logs service key */
  readonly logKmsKeyArn?: string;
  /**
   * The alarm behind each host's CLOUDWATCH_METRIC health check: Route 53 stops answering a
   * host's record while its alarm is in ALARM. Name an app metric the hosts publish (its
   * dimension `dimensionName` carries the instance id), or keep the EC2 status checks.
   * @default AWS/EC2 StatusCheckFailed, Maximum >= 1 for 2 periods of 60 s
   */
  readonly healthAlarm?: Partial<AlarmSpec>;
  /**
   * A weight-0 alias in this name to an endpoint every client reaches (the Region's load
   * balancer). Route 53 answers with it only when no host record is healthy or none exists
   * (Developer Guide, "Values specific for weighted records", Weight), and it keeps the name
   * resolvable for aliases that target it ("Tried to create an alias that targets ..., but that
   * target was not found") while no host runs. With it the group holds an alias, so the hosts'
   * TTL is 60 s (EDGE_DNS_ALIAS_GROUP_TTL).
   * @default - none
   */
  readonly fallback?: { readonly name: string; readonly zoneId: string };
  /**
   * Also write the inputs to SSM Parameter Store under this prefix (`<prefix>/zone-id`, …), as
   * AWS's Wavelength sample does, for operators and other tools. The function reads its
   * environment, not these parameters.
   * @default - not mirrored
   */
  readonly ssmParameterPrefix?: string;
  /** Config path of these props, for errors. @default "dnsUpdater" */
  readonly configPath?: string;
}

/**
 * The carrier-IP DNS updater: an EventBridge rule on EC2 instance state changes targets a
 * Lambda function that keeps one weighted A record per running, tagged instance (set identifier =
 * instance id, value = its carrier IP, or public IP outside Wavelength). Around it: the invoke
 * permission scoped to the rule, an encrypted dead-letter queue for the function and the rule
 * target, a log group with retention, and an IAM role that can describe instances and change
 * only this name's A records in the one hosted zone. The handler is bundled with esbuild during
 * synth into a deterministic ZIP asset.
 */
export class CarrierIpDnsUpdater extends Construct {
  readonly function: LambdaFunction;
  readonly rule: CloudwatchEventRule;
  readonly role: IamRole;
  readonly deadLetterQueue: SqsQueue;
  readonly logGroup: CloudwatchLogGroup;
  readonly asset: TerraformAsset;
  /** The weight-0 fallback alias, with `fallback`. */
  readonly fallbackRecord?: Route53Record;
  /** The alarm each host gets. */
  readonly healthAlarm: AlarmSpec;
  /** The handler ZIP: sizes and hash. */
  readonly bundle: HandlerBundle;
  /** The tag instances must carry, for launch templates. */
  readonly managedTag: ManagedTag;
  readonly hostedZoneId: string;
  readonly recordName: string;
  /** Weight of each host's record. */
  readonly weight: number;
  /** TTL of each host's record, in seconds. */
  readonly ttl: number;
  /** ARN of the hosted zone the role may change. */
  readonly hostedZoneArn: string;

  constructor(scope: Construct, id: string, props: CarrierIpDnsUpdaterProps) {
    super(scope, id);
    const stack = EdgeStack.of(this);
    const env = stack.environment;
    const path = props.configPath ?? "dnsUpdater";
    const weight = props.weight ?? 1;
    const ttl = props.ttl ?? (props.fallback ? REGION_TTL_DEFAULT : CARRIER_TTL_DEFAULT);
    const alarm: AlarmSpec = { ...STATUS_CHECK_ALARM, ...props.healthAlarm };
    const managedTag = props.managedTag ?? { key: "edge:dns-name", value: props.recordName };
    const runtime = props.runtime ?? DEFAULT_RUNTIME;
    const retention = props.logRetentionDays ?? (env.profile === "production" ? 365 : 30);

    const check = new ConfigCheck();
    checkZoneId(check, props.hostedZoneId, `${path}.hostedZoneId`);
    checkRecordName(check, props.recordName, `${path}.recordName`);
    checkWeight(check, weight, `${path}.weight`);
    checkTtl(check, ttl, `${path}.ttl`);
    checkRetention(check, retention, `${path}.logRetentionDays`);
    checkAlarm(check, alarm, `${path}.healthAlarm`);
    checkRuntime(check, runtime, `${path}.runtime`);
    // EC2 tag restrictions (EC2 User Guide, "Tag restrictions"): keys 1-128 characters, values up
    // to 256. System keys such as aws:ec2launchtemplate:id can be matched, so aws: is allowed.
    check.expect(managedTag.key.length >= 1 && managedTag.key.length <= 128, {
      code: "EDGE_DNS_MANAGED_TAG",
      path: `${path}.managedTag.key`,
      value: managedTag.key,
      problem: "an ec2 tag key is 1 to 128 characters",
      fix: 'use a short key such as "edge:dns-name"',
    });
    if (managedTag.value !== undefined) {
      check.expect(managedTag.value.length <= 256, {
        code: "EDGE_DNS_MANAGED_TAG",
        path: `${path}.managedTag.value`,
        value: managedTag.value,
        problem: "an ec2 tag value is at most 256 characters",
        fix: "use a shorter value",
      });
    }
    if (props.ssmParameterPrefix !== undefined && !isUnresolved(props.ssmParameterPrefix)) {
      check.expect(/^\/[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/.test(props.ssmParameterPrefix), {
        code: "EDGE_DNS_SSM_PREFIX",
        path: `${path}.ssmParameterPrefix`,
        value: props.ssmParameterPrefix,
        problem:
          "an ssm parameter path starts with / and has segments of letters, digits, '.', '-' or '_', without a trailing /",
        fix: `use a prefix such as "/${stack.site}/${env.name}/${id}"`,
      });
    }
    check.throwIfFailed();
    const ttlWarning = carrierTtlWarning(ttl, `${path}.ttl`);
    if (ttlWarning) Annotations.of(this).addWarning(ttlWarning);

    this.hostedZoneId = bareZoneId(props.hostedZoneId);
    this.recordName = props.recordName;
    this.weight = weight;
    this.ttl = ttl;
    this.managedTag = managedTag;
    this.healthAlarm = alarm;
    this.hostedZoneArn = `arn:${partitionOf(env.region)}:route53:::hostedzone/${this.hostedZoneId}`;
    claimUpdaterRecords(stack, this.hostedZoneId, props.recordName, `${path}.recordName`, {
      ttl,
      weight,
      ttlPath: `${path}.ttl`,
    });

    const functionName = stack.physicalName(id);
    const partition = partitionOf(env.region);
    if (props.fallback) {
      this.fallbackRecord = new Route53Record(this, "fallback", {
        zoneId: this.hostedZoneId,
        name: props.recordName,
        type: "A",
        setIdentifier: "internet-fallback",
        weightedRoutingPolicy: { weight: 0 },
        alias: {
          name: props.fallback.name,
          zoneId: props.fallback.zoneId,
          evaluateTargetHealth: true,
        },
      });
      trackRecord(this.fallbackRecord, `${path}.fallback`, { audience: "internet" });
    }
    this.bundle = handlerBundle();
    this.asset = new TerraformAsset(this, "handler", {
      path: this.bundle.zipPath,
      type: AssetType.FILE,
      assetHash: this.bundle.sha256Hex,
    });

    this.deadLetterQueue = new SqsQueue(this, "dead-letter-queue", {
      name: stack.physicalName(id, "dlq"),
      sqsManagedSseEnabled: true,
      messageRetentionSeconds: 1209600, // 14 days, the SQS maximum: time to look and replay
      tags: { Name: stack.physicalName(id, "dlq") },
    });

    this.logGroup = new CloudwatchLogGroup(this, "log-group", {
      name: `/aws/lambda/${functionName}`,
      retentionInDays: retention,
      ...(props.logKmsKeyArn ? { kmsKeyId: props.logKmsKeyArn } : {}),
      tags: { Name: functionName },
    });

    this.role = new IamRole(this, "role", {
      name: stack.physicalName(id, "role"),
      description:
        "carrier-ip dns updater: describe instances, change one name's A records in one hosted zone",
      assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: { Service: "lambda.amazonaws.com" },
            Action: "sts:AssumeRole",
          },
        ],
      }),
      tags: { Name: stack.physicalName(id, "role") },
    });
    // A name known only at apply time is lowered in Terraform, through a local so the policy
    // stays plain JSON (an inline expression would put quotes inside the JSON string).
    const iamName = isUnresolved(props.recordName)
      ? new TerraformLocal(this, "iam-record-name", Fn.lower(Fn.trimsuffix(props.recordName, ".")))
          .asString
      : normalizedRecordNameForIam(props.recordName);
    const policy = new IamRolePolicy(this, "policy", {
      name: "carrier-ip-dns-updater",
      role: this.role.id,
      policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            // ec2:DescribeInstances supports no resource-level permissions: the Service
            // Authorization Reference lists no resource type for it, so "*" is the only Resource
            // that works ("If an Amazon EC2 API action does not support resource-level
            // permissions, you ... have to specify a * for the resource element", EC2 User Guide).
            // The Region condition keeps it to the stack's Region.
            Sid: "DescribeInstances",
            Effect: "Allow",
            Action: ["ec2:DescribeInstances"],
            Resource: "*",
            Condition: { StringEquals: { "aws:RequestedRegion": env.region } },
          },
          {
            Sid: "ListRecordSets",
            Effect: "Allow",
            Action: ["route53:ListResourceRecordSets"],
            Resource: this.hostedZoneArn,
          },
          {
            // Only this name, only A records, only UPSERT and DELETE (Route 53 Developer Guide,
            // "Using IAM policy conditions for fine-grained access control").
            Sid: "ChangeRecordSets",
            Effect: "Allow",
            Action: ["route53:ChangeResourceRecordSets"],
            Resource: this.hostedZoneArn,
            Condition: {
              "ForAllValues:StringEquals": {
                "route53:ChangeResourceRecordSetsNormalizedRecordNames": [iamName],
                "route53:ChangeResourceRecordSetsRecordTypes": ["A"],
                "route53:ChangeResourceRecordSetsActions": ["UPSERT", "DELETE"],
              },
            },
          },
          {
            // Creating a health check names no health check yet, and listing them is
            // account-wide; the rest is scoped to health check ARNs.
            Sid: "FindAndCreateHealthChecks",
            Effect: "Allow",
            Action: ["route53:CreateHealthCheck", "route53:ListHealthChecks"],
            Resource: "*",
          },
          {
            Sid: "ManageHealthChecks",
            Effect: "Allow",
            Action: [
              "route53:DeleteHealthCheck",
              "route53:ChangeTagsForResource",
              "route53:ListTagsForResources",
            ],
            Resource: `arn:${partition}:route53:::healthcheck/*`,
          },
          {
            // Only the alarms named after this function (`<function>-<instance id>`);
            // PutMetricAlarm with Tags also needs cloudwatch:TagResource (CloudWatch API
            // reference, PutMetricAlarm).
            Sid: "HostAlarms",
            Effect: "Allow",
            Action: [
              "cloudwatch:PutMetricAlarm",
              "cloudwatch:DeleteAlarms",
              "cloudwatch:DescribeAlarms",
              "cloudwatch:TagResource",
            ],
            Resource: `arn:${partition}:cloudwatch:${env.region}:${env.account}:alarm:${functionName}-i-*`,
          },
          {
            Sid: "WriteLogs",
            Effect: "Allow",
            Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
            Resource: `${this.logGroup.arn}:*`,
          },
          {
            // Lambda sends failed asynchronous events to the dead-letter queue with the
            // function's role (Lambda developer guide, "Dead-letter queues").
            Sid: "DeadLetters",
            Effect: "Allow",
            Action: ["sqs:SendMessage"],
            Resource: this.deadLetterQueue.arn,
          },
        ],
      }),
    });

    const environment: Record<string, string> = {
      [ENV.zoneId]: this.hostedZoneId,
      [ENV.recordName]: props.recordName,
      [ENV.weight]: String(weight),
      [ENV.ttl]: String(ttl),
      [ENV.managedTagKey]: managedTag.key,
      ...(managedTag.value !== undefined ? { [ENV.managedTagValue]: managedTag.value } : {}),
      [ENV.alarmPrefix]: functionName,
      ...(props.healthAlarm ? { [ENV.alarm]: JSON.stringify(alarm) } : {}),
    };
    this.function = new LambdaFunction(this, "function", {
      functionName,
      description: `keeps the weighted A records of ${isUnresolved(props.recordName) ? "its name" : props.recordName} on the carrier ips of tagged instances`,
      role: this.role.arn,
      runtime,
      architectures: [props.architecture ?? "arm64"],
      handler: "index.handler",
      filename: this.asset.path,
      sourceCodeHash: this.bundle.sha256Base64,
      memorySize: 256,
      timeout: 60,
      // No reserved concurrency: invocations converge on their own (the handler re-reads until
      // a round writes nothing), and reserving fails to apply in accounts whose unreserved
      // concurrency is at its minimum (Lambda developer guide, "Configuring reserved
      // concurrency": "You can reserve up to the Unreserved account concurrency value that is
      // shown, minus 100"; InvalidParameterValueException "decreases account's
      // UnreservedConcurrentExecution below its minimum value" in new accounts).
      environment: { variables: environment },
      deadLetterConfig: { targetArn: this.deadLetterQueue.arn },
      loggingConfig: { logFormat: "Text", logGroup: this.logGroup.name },
      tags: { Name: functionName },
      // Lambda checks at creation that the role may send to the dead-letter queue.
      dependsOn: [policy],
    });

    // States per the EC2 User Guide, "State change events"; pending is left out: a pending
    // instance has no record to add or remove yet.
    this.rule = new CloudwatchEventRule(this, "rule", {
      name: functionName,
      description: "EC2 instance state changes for the carrier-ip dns updater",
      eventPattern: JSON.stringify({
        source: ["aws.ec2"],
        "detail-type": [DETAIL_TYPE],
        detail: { state: [...HANDLED_STATES] },
      }),
      tags: { Name: functionName },
    });
    new CloudwatchEventTarget(this, "target", {
      rule: this.rule.name,
      targetId: "carrier-ip-dns-updater",
      arn: this.function.arn,
      // Events EventBridge cannot deliver (throttled, permission missing) land here too.
      deadLetterConfig: { arn: this.deadLetterQueue.arn },
    });
    new LambdaPermission(this, "permission", {
      statementId: "AllowEventBridgeRule",
      action: "lambda:InvokeFunction",
      functionName: this.function.functionName,
      principal: "events.amazonaws.com",
      sourceArn: this.rule.arn,
    });
    new SqsQueuePolicy(this, "dead-letter-queue-policy", {
      queueUrl: this.deadLetterQueue.url,
      policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            // EventBridge needs a queue policy to deliver to a target's dead-letter queue
            // (EventBridge User Guide, "Using dead-letter queues to process undelivered events").
            Sid: "EventBridgeDeadLetters",
            Effect: "Allow",
            Principal: { Service: "events.amazonaws.com" },
            Action: "sqs:SendMessage",
            Resource: this.deadLetterQueue.arn,
            Condition: { ArnEquals: { "aws:SourceArn": this.rule.arn } },
          },
        ],
      }),
    });

    if (props.ssmParameterPrefix !== undefined) {
      for (const [name, value] of Object.entries({
        "zone-id": this.hostedZoneId,
        "record-name": props.recordName,
        weight: String(weight),
        ttl: String(ttl),
        "managed-tag-key": managedTag.key,
        ...(managedTag.value !== undefined ? { "managed-tag-value": managedTag.value } : {}),
      })) {
        new SsmParameter(this, `parameter-${name}`, {
          name: `${props.ssmParameterPrefix}/${name}`,
          type: "String",
          value,
          description: `carrier-ip dns updater ${functionName}: ${name} (mirror of the function's environment)`,
          tags: { Name: functionName },
        });
      }
    }

    // The handler describes instances, changes records and health checks, and keeps their alarms;
    // synth proves the function reaches each service.
    declareNeeds(this, {
      description: `carrier-ip dns updater ${functionName}`,
      // EC2 for the instances, Route 53 for records and health checks, CloudWatch for the
      // per-host alarms the health checks are bound to.
      calls: [{ service: "ec2" }, { service: "route53" }, { service: "monitoring" }],
    });
  }
}
