import { AutoscalingGroup } from "@cdktf/provider-aws/lib/autoscaling-group";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { DataAwsAmi } from "@cdktf/provider-aws/lib/data-aws-ami";
import { IamInstanceProfile } from "@cdktf/provider-aws/lib/iam-instance-profile";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { Instance } from "@cdktf/provider-aws/lib/instance";
import {
  LaunchTemplate,
  type LaunchTemplateNetworkInterfaces,
} from "@cdktf/provider-aws/lib/launch-template";
import { PlacementGroup } from "@cdktf/provider-aws/lib/placement-group";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import {
  EdgeStack,
  instanceTypeOfferingPrecondition,
  isNitro,
  isUnresolved,
  type EdgeSubnet,
  type InstanceTypeOffer,
} from "@edge/core";
import { Annotations, Token, type Precondition, type TerraformResource } from "cdktf";
import { Construct } from "constructs";
import type { OsvCommand } from "./osv-command-line";
import { OSV_ROOT_DEVICE, type IOsvImage } from "./osv-image";
import { hostPolicy, hostTrustPolicy, partitionOf } from "./private/iam-documents";
import { validateFleetProps } from "./private/validate-fleet";

/** How the OSv command line reaches the host. */
export type OsvBootMode = "baked" | "user-data";
/** An Auto Scaling group, or fixed instances. */
export type OsvFleetMode = "auto-scaling" | "fixed";
/** Placement group strategies (EC2 UG, placement groups). */
export type OsvPlacementStrategy = "cluster" | "partition" | "spread";
/** What a spread placement group keeps apart: hosts (Outposts only) or racks. */
export type OsvSpreadLevel = "host" | "rack";

/**
 * The Outpost a fleet runs on: its ARN and the instance types it was ordered with. The
 * `Outpost` construct of `@edge/outposts` fits as it is.
 */
export interface OsvOutpostCapacity {
  readonly arn: string;
  readonly instanceTypes: readonly string[];
  /** Plan-time checks every resource placed on the Outpost carries. @default - none */
  readonly placementPreconditions?: readonly Precondition[];
}

/** Props of {@link OsvHostFleet}. */
export interface OsvHostFleetProps {
  /** The OSv image the hosts boot (an {@link OsvImage}). */
  readonly image: IOsvImage;
  /** x86_64 instance type, offered in every zone of `subnets`. */
  readonly instanceType: string;
  /** Subnets the hosts launch in, all of one zone kind (and one Outpost). */
  readonly subnets: readonly EdgeSubnet[];
  /** Security groups of the hosts: the application port from the sources the site declares. */
  readonly securityGroupIds: readonly string[];
  /** An Auto Scaling group, or fixed instances with recovery alarms. @default "auto-scaling" */
  readonly mode?: OsvFleetMode;

  /** Auto Scaling: minimum size. @default 1 */
  readonly minSize?: number;
  /** Auto Scaling: maximum size. @default - the larger of minSize and desiredCapacity */
  readonly maxSize?: number;
  /** Auto Scaling: desired capacity. @default minSize */
  readonly desiredCapacity?: number;
  /** Auto Scaling: health check. @default "ELB" with targetGroupArns, "EC2" otherwise */
  readonly healthCheckType?: "EC2" | "ELB";
  /** Auto Scaling: seconds before a new host is health-checked (OSv boots in well under a second). @default 60 */
  readonly healthCheckGracePeriodSeconds?: number;
  /** Auto Scaling: target groups the hosts register with. @default - none */
  readonly targetGroupArns?: readonly string[];
  /** Auto Scaling: further instance types for a mixed-instances policy. @default - none */
  readonly additionalInstanceTypes?: readonly string[];
  /** The workload tolerates losing hosts at any time; required for Spot. @default false */
  readonly interruptible?: boolean;
  /** Auto Scaling: instances that are always on-demand. @default 0 */
  readonly onDemandBaseCapacity?: number;
  /** Auto Scaling: percentage of on-demand above the base; below 100 the rest is Spot. @default 100 */
  readonly onDemandPercentageAboveBaseCapacity?: number;
  /** Auto Scaling: healthy percentage kept during an instance refresh. @default 90 */
  readonly instanceRefreshMinHealthyPercentage?: number;

  /** Fixed: number of instances, placed round-robin over the subnets. @default one per subnet */
  readonly instanceCount?: number;
  /** Fixed: termination protection. @default true in a production environment, false otherwise */
  readonly terminationProtection?: boolean;
  /**
   * Fixed: what an OSv shutdown (the application exiting) does to the instance. An Auto Scaling
   * group needs no setting: it replaces a host that stops.
   * @default "stop" (the instance and its volume are kept for inspection)
   */
  readonly shutdownBehavior?: "stop" | "terminate";
  /** Fixed: a CloudWatch auto-recovery alarm per instance; never on Auto Scaling members. @default true for fixed instances */
  readonly recoveryAlarms?: boolean;

  /** Create a placement group with this strategy. @default - no placement group */
  readonly placementStrategy?: OsvPlacementStrategy;
  /** Partitions of a partition placement group, 1 to 7. @default 2 */
  readonly partitionCount?: number;
  /** Spread level of a spread placement group; "host" only on Outposts. @default "rack" */
  readonly spreadLevel?: OsvSpreadLevel;
  /** Use an existing placement group instead (e.g. an `@edge/outposts` SpreadPlacementGroup's name). @default - none */
  readonly placementGroupName?: string;

  /** The Outpost, when `subnets` are Outpost subnets. @default - none */
  readonly outpost?: OsvOutpostCapacity;
  /**
   * Instance types the Local or Wavelength Zone offers, replacing the zone catalog's list (pass
   * `WavelengthZone.allowedInstanceTypes` when the site overrides it with a newer source).
   * @default - the zone catalog's list
   */
  readonly allowedInstanceTypes?: InstanceTypeOffer;
  /** Give each host a carrier IP (Wavelength Zones only). @default true in a Wavelength Zone */
  readonly associateCarrierIpAddress?: boolean;

  /** Root volume type. @default - from the zone catalog: gp3, or gp2 where gp3 is not offered (and on Outposts) */
  readonly rootVolumeType?: string;
  /** Root volume size in GiB. @default - the image's size */
  readonly rootVolumeSizeGiB?: number;
  /** KMS key ARN for the root volume. @default - the account's default EBS key */
  readonly ebsKmsKeyArn?: string;

  /**
   * `baked`: the command line is in the image; IMDSv2 required, no user data. `user-data`: the
   * command line is rendered from `command` into user data for OSv's cloud-init, which reads it
   * with IMDSv1: `http_tokens` becomes "optional", so it needs `imdsV1Reason`, and the policy
   * pack reports the launch template until the site suppresses rule EDGE-EC2-1 with that reason.
   * @default "baked"
   */
  readonly bootMode?: OsvBootMode;
  /**
   * What the hosts run. In user-data mode, rendered into user data; in baked mode, only
   * reported as `commandLine` for baking (`scripts/imgedit.py setargs`). Never credentials.
   * @default - none
   */
  readonly command?: OsvCommand;
  /** Why this fleet needs IMDSv1 (user-data mode only, at least 10 characters). @default - none */
  readonly imdsV1Reason?: string;

  /** Bucket of the hosts' configuration objects (s3:GetObject under `configPrefix`). @default - no S3 access */
  readonly configBucket?: string;
  /** Key prefix the hosts may read in `configBucket`. @default `<physical name>/` */
  readonly configPrefix?: string;
  /** Secrets Manager name prefix, ending in `/`, the hosts may read. @default - no secrets */
  readonly secretPathPrefix?: string;
  /** Customer managed key of those secrets (kms:Decrypt through Secrets Manager only). @default - none */
  readonly secretKmsKeyArn?: string;
  /** CloudWatch namespace the hosts may publish to. @default `Edge/OSv/<physical name>` */
  readonly metricNamespace?: string;

  /** Average CPU above which the fleet alarm fires. @default 80 */
  readonly cpuAlarmThresholdPercent?: number;
  /** Minutes of high CPU that raise the alarm (one-minute datapoints). @default 5 */
  readonly cpuAlarmEvaluationMinutes?: number;
  /** Existing SNS topic for the alarms. @default - a topic of this fleet */
  readonly alarmTopicArn?: string;
  /**
   * Customer managed key for the fleet's topic; its key policy must let cloudwatch.amazonaws.com
   * use it (the AWS managed alias/aws/sns key cannot, and alarms would not be delivered).
   * @default - an unencrypted topic
   */
  readonly alarmTopicKmsKeyArn?: string;

  /**
   * Tags for the hosts and their volumes, e.g. the carrier-IP DNS updater's managed tag
   * (`{ "edge:dns-name": "edge.example.com" }`). @default - none
   */
  readonly tags?: Readonly<Record<string, string>>;
  /** Config path of these props, for errors. @default "osv" */
  readonly configPath?: string;
}

/** The accepted IMDSv1 exception of a user-data fleet, for the site to suppress with its reason. */
export interface OsvImdsV1Exception {
  /** The policy pack rule that reports it: IMDSv2 required. */
  readonly ruleId: "EDGE-EC2-1";
  readonly reason: string;
  /** The resources with `http_tokens = "optional"`: the launch template and any fixed instances. */
  readonly resources: readonly TerraformResource[];
}

const IMDS_RULE = "EDGE-EC2-1";
const ASG_METRICS = [
  "GroupDesiredCapacity",
  "GroupInServiceInstances",
  "GroupMaxSize",
  "GroupMinSize",
  "GroupPendingInstances",
  "GroupTerminatingInstances",
  "GroupTotalInstances",
];

/**
 * OSv hosts: a least-privilege instance profile, a launch template (encrypted root volume,
 * detailed monitoring, IMDSv2 unless user-data mode, network interface per zone kind: carrier
 * IP in a Wavelength Zone, the subnet's customer-owned IP on an Outpost, private elsewhere),
 * then either an Auto Scaling group (instance refresh, optional mixed instances and Spot for
 * interruptible fleets) or fixed instances with termination protection and an auto-recovery
 * alarm each; an optional placement group; a CPU alarm for the fleet to an SNS topic.
 */
export class OsvHostFleet extends Construct {
  readonly launchTemplate: LaunchTemplate;
  readonly autoScalingGroup?: AutoscalingGroup;
  readonly instances: readonly Instance[];
  readonly recoveryAlarms: readonly CloudwatchMetricAlarm[];
  readonly cpuAlarm: CloudwatchMetricAlarm;
  readonly alarmTopic?: SnsTopic;
  readonly alarmTopicArn: string;
  readonly role: IamRole;
  readonly instanceProfile: IamInstanceProfile;
  readonly placementGroup?: PlacementGroup;
  /** Plan-time check of an existing AMI's ENA support (Nitro types only). */
  readonly imageCheck?: DataAwsAmi;
  readonly bootMode: OsvBootMode;
  /** OSv command line of `command`, when given (`--env=K=V … /app --port=8080`). */
  readonly commandLine?: string;
  /** User data in plain text (user-data mode only); the launch template holds it base64-encoded. */
  readonly userData?: string;
  /** Set in user-data mode: what the site suppresses in the policy pack, with the reason. */
  readonly imdsV1Exception?: OsvImdsV1Exception;
  /** Root volume type of the hosts. */
  readonly rootVolumeType: string;

  constructor(scope: Construct, id: string, props: OsvHostFleetProps) {
    super(scope, id);
    const stack = EdgeStack.of(this);
    const env = stack.environment;
    const name = stack.physicalName(id);
    const s = validateFleetProps(props, {
      region: env.region,
      path: props.configPath ?? "osv",
      catalog: stack.catalog,
      production: env.profile === "production",
      physicalName: name,
    });
    const asg = s.mode === "auto-scaling";
    this.bootMode = s.bootMode;
    this.rootVolumeType = s.rootVolumeType;
    if (s.commandLine !== undefined) this.commandLine = s.commandLine;
    if (s.userData !== undefined) this.userData = s.userData;

    // --- IAM: least privilege; the permissions boundary comes from the stack's aspect. ---------
    this.role = new IamRole(this, "role", {
      name,
      description: "OSv hosts: read their config and secrets, publish metrics to their namespace",
      assumeRolePolicy: JSON.stringify(hostTrustPolicy()),
    });
    new IamRolePolicy(this, "role-policy", {
      name: "osv-host",
      role: this.role.id,
      policy: JSON.stringify(
        hostPolicy({
          region: env.region,
          account: env.account,
          ...(props.configBucket !== undefined
            ? { config: { bucket: props.configBucket, prefix: s.configPrefix! } }
            : {}),
          ...(props.secretPathPrefix !== undefined
            ? { secretPathPrefix: props.secretPathPrefix }
            : {}),
          ...(props.secretKmsKeyArn !== undefined
            ? { secretKmsKeyArn: props.secretKmsKeyArn }
            : {}),
          metricNamespace: s.metricNamespace,
        }),
      ),
    });
    this.instanceProfile = new IamInstanceProfile(this, "instance-profile", {
      name,
      role: this.role.name,
    });

    // --- Placement ---------------------------------------------------------------------------
    let placementGroupName: string | undefined;
    if (s.placement?.create) {
      this.placementGroup = new PlacementGroup(this, "placement-group", {
        name,
        strategy: s.placement.strategy,
        ...(s.placement.partitionCount !== undefined
          ? { partitionCount: s.placement.partitionCount }
          : {}),
        ...(s.placement.spreadLevel !== undefined ? { spreadLevel: s.placement.spreadLevel } : {}),
        tags: { Name: name },
      });
      placementGroupName = this.placementGroup.name;
    } else if (s.placement) {
      placementGroupName = s.placement.name;
    }

    // --- Plan-time checks --------------------------------------------------------------------
    const preconditions: Precondition[] = [...(props.outpost?.placementPreconditions ?? [])];
    const literalTypes = s.instanceTypes.filter((t) => !isUnresolved(t));
    if (s.zones.kind === "local-zone" || s.zones.kind === "wavelength-zone") {
      // The catalog's lists are checked at synth; the account's real offerings at plan time.
      for (const zone of s.zones.zones) {
        if (literalTypes.length === 0) break;
        preconditions.push(
          instanceTypeOfferingPrecondition(
            this,
            `instance-type-offering-${zone.name}`,
            zone,
            literalTypes,
          ).precondition,
        );
      }
    }
    // Nitro types refuse AMIs without ENA (InvalidParameterCombination at launch). An image this
    // library registered has it; an existing AMI is looked up by id and checked at plan time.
    const needsEna = s.instanceTypes.some((t) => isUnresolved(t) || isNitro(t) !== false);
    if (props.image.enaSupport !== true && needsEna) {
      const nitroTypes = literalTypes.filter((t) => isNitro(t) !== false);
      this.imageCheck = new DataAwsAmi(this, "image-check", {
        filter: [{ name: "image-id", values: [props.image.imageId] }],
        lifecycle: {
          postcondition: [
            {
              condition: "${self.ena_support == true}",
              errorMessage: `AMI ${props.image.imageId} is registered without ENA support, and Nitro instance types (${nitroTypes.length > 0 ? nitroTypes.join(", ") : "the fleet's"}) need it: register the AMI with ena_support = true (OsvImage does) from an OSv build with the ENA driver, or use a Xen type such as t2.`,
            },
            {
              condition: '${self.architecture == "x86_64"}',
              errorMessage: `AMI ${props.image.imageId} is not x86_64: OSv runs on EC2 as x86_64 only (osv#1295).`,
            },
          ],
        },
      });
    }

    // --- Launch template ---------------------------------------------------------------------
    const metadataOptions = {
      httpEndpoint: "enabled",
      // IMDSv2 unless the fleet boots from user data: OSv's cloud-init reads it without a token.
      httpTokens: s.bootMode === "baked" ? "required" : "optional",
      httpPutResponseHopLimit: 1,
      instanceMetadataTags: "disabled",
    };
    const hostTags = { Name: name, ...(props.tags ?? {}), ...stack.defaultTags };
    const networkInterface: LaunchTemplateNetworkInterfaces = {
      deviceIndex: 0,
      securityGroups: [...props.securityGroupIds],
      deleteOnTermination: "true",
      // Wavelength: a carrier IP (provider v6 takes "true"/"false"). Outposts: the subnet's
      // map_customer_owned_ip_on_launch assigns the customer-owned IP, so nothing is set here.
      // Elsewhere: private hosts, never a public IP.
      ...(s.carrierIp
        ? { associateCarrierIpAddress: "true" }
        : s.zones.kind === "outpost"
          ? {}
          : { associatePublicIpAddress: "false" }),
    };
    this.launchTemplate = new LaunchTemplate(this, "launch-template", {
      name,
      description: `OSv hosts, ${s.bootMode} boot`,
      imageId: props.image.imageId,
      instanceType: props.instanceType,
      updateDefaultVersion: true,
      iamInstanceProfile: { arn: this.instanceProfile.arn },
      monitoring: { enabled: true },
      // An Auto Scaling group chooses the subnet per launch, so the security groups go on the
      // network interface; fixed instances name their subnet, so the groups stay top-level (a
      // launch request cannot carry both a network interface and an instance-level subnet).
      ...(asg
        ? { networkInterfaces: [networkInterface] }
        : {
            vpcSecurityGroupIds: [...props.securityGroupIds],
            disableApiTermination: s.terminationProtection,
            instanceInitiatedShutdownBehavior: s.shutdownBehavior,
          }),
      metadataOptions,
      ...(s.userData !== undefined
        ? { userData: Buffer.from(s.userData, "utf8").toString("base64") }
        : {}),
      blockDeviceMappings: [
        {
          deviceName: OSV_ROOT_DEVICE,
          ebs: {
            volumeType: s.rootVolumeType,
            ...(props.rootVolumeSizeGiB !== undefined
              ? { volumeSize: props.rootVolumeSizeGiB }
              : {}),
            encrypted: "true",
            ...(props.ebsKmsKeyArn !== undefined ? { kmsKeyId: props.ebsKmsKeyArn } : {}),
            deleteOnTermination: "true",
          },
        },
      ],
      ...(placementGroupName !== undefined ? { placement: { groupName: placementGroupName } } : {}),
      tagSpecifications: ["instance", "volume", "network-interface"].map((resourceType) => ({
        resourceType,
        tags: { ...hostTags },
      })),
      ...(preconditions.length > 0 ? { lifecycle: { precondition: preconditions } } : {}),
      ...(this.imageCheck ? { dependsOn: [this.imageCheck] } : {}),
      tags: { Name: name },
    });
    const latestVersion = Token.asString(this.launchTemplate.latestVersion);

    // --- Alarm topic -------------------------------------------------------------------------
    if (props.alarmTopicArn !== undefined) {
      this.alarmTopicArn = props.alarmTopicArn;
    } else {
      this.alarmTopic = new SnsTopic(this, "alarm-topic", {
        name: stack.physicalName(id, "alarms"),
        ...(props.alarmTopicKmsKeyArn !== undefined
          ? { kmsMasterKeyId: props.alarmTopicKmsKeyArn }
          : {}),
      });
      this.alarmTopicArn = this.alarmTopic.arn;
    }
    const cpu = {
      alarmName: stack.physicalName(id, "cpu"),
      comparisonOperator: "GreaterThanThreshold",
      threshold: props.cpuAlarmThresholdPercent ?? 80,
      evaluationPeriods: props.cpuAlarmEvaluationMinutes ?? 5,
      alarmActions: [this.alarmTopicArn],
      okActions: [this.alarmTopicArn],
      treatMissingData: "missing",
    };

    if (asg) {
      const mixed = s.instanceTypes.length > 1 || s.spot;
      this.autoScalingGroup = new AutoscalingGroup(this, "group", {
        name,
        minSize: s.minSize,
        maxSize: s.maxSize,
        desiredCapacity: s.desiredCapacity,
        vpcZoneIdentifier: props.subnets.map((sn) => sn.subnetId),
        healthCheckType: props.healthCheckType ?? (props.targetGroupArns?.length ? "ELB" : "EC2"),
        healthCheckGracePeriod: props.healthCheckGracePeriodSeconds ?? 60,
        ...(props.targetGroupArns?.length ? { targetGroupArns: [...props.targetGroupArns] } : {}),
        ...(mixed
          ? {
              mixedInstancesPolicy: {
                instancesDistribution: {
                  onDemandBaseCapacity: props.onDemandBaseCapacity ?? 0,
                  onDemandPercentageAboveBaseCapacity:
                    props.onDemandPercentageAboveBaseCapacity ?? 100,
                  onDemandAllocationStrategy: "prioritized",
                  ...(s.spot ? { spotAllocationStrategy: "price-capacity-optimized" } : {}),
                },
                launchTemplate: {
                  launchTemplateSpecification: {
                    launchTemplateId: this.launchTemplate.id,
                    version: latestVersion,
                  },
                  override: s.instanceTypes.map((instanceType) => ({ instanceType })),
                },
              },
              ...(s.spot ? { capacityRebalance: true } : {}),
            }
          : { launchTemplate: { id: this.launchTemplate.id, version: latestVersion } }),
        // A new launch template version (new AMI, new user data) rolls through the group.
        instanceRefresh: {
          strategy: "Rolling",
          preferences: { minHealthyPercentage: props.instanceRefreshMinHealthyPercentage ?? 90 },
        },
        enabledMetrics: ASG_METRICS,
        metricsGranularity: "1Minute",
        // default_tags do not reach Auto Scaling groups; instances get theirs from the template.
        tag: Object.entries({ Name: name, ...stack.defaultTags }).map(([key, value]) => ({
          key,
          value,
          propagateAtLaunch: false,
        })),
      });
      this.instances = [];
      this.recoveryAlarms = [];
      this.cpuAlarm = new CloudwatchMetricAlarm(this, "cpu-alarm", {
        ...cpu,
        alarmDescription: `Average CPU of the OSv hosts of ${name} above ${cpu.threshold}% for ${cpu.evaluationPeriods} minutes`,
        namespace: "AWS/EC2",
        metricName: "CPUUtilization",
        dimensions: { AutoScalingGroupName: this.autoScalingGroup.name },
        statistic: "Average",
        period: 60,
      });
    } else {
      const instances: Instance[] = [];
      const alarms: CloudwatchMetricAlarm[] = [];
      const recoverAction = `arn:${partitionOf(env.region)}:automate:${env.region}:ec2:recover`;
      for (let i = 0; i < s.instanceCount; i++) {
        const subnet = props.subnets[i % props.subnets.length];
        const instanceName = stack.physicalName(id, String(i + 1));
        const instance = new Instance(this, `instance-${i + 1}`, {
          // The AMI and type are set here too, so a new image replaces the instance (which
          // termination protection then guards) instead of drifting from the template.
          ami: props.image.imageId,
          instanceType: props.instanceType,
          launchTemplate: { id: this.launchTemplate.id, version: "$Default" },
          subnetId: subnet.subnetId,
          vpcSecurityGroupIds: [...props.securityGroupIds],
          iamInstanceProfile: this.instanceProfile.name,
          monitoring: true,
          disableApiTermination: s.terminationProtection,
          instanceInitiatedShutdownBehavior: s.shutdownBehavior,
          metadataOptions,
          rootBlockDevice: {
            volumeType: s.rootVolumeType,
            ...(props.rootVolumeSizeGiB !== undefined
              ? { volumeSize: props.rootVolumeSizeGiB }
              : {}),
            encrypted: true,
            ...(props.ebsKmsKeyArn !== undefined ? { kmsKeyId: props.ebsKmsKeyArn } : {}),
            deleteOnTermination: true,
          },
          ...(placementGroupName !== undefined ? { placementGroup: placementGroupName } : {}),
          ...(s.placement?.create && s.placement.strategy === "partition"
            ? { placementPartitionNumber: (i % s.placement.partitionCount!) + 1 }
            : {}),
          ...(preconditions.length > 0 ? { lifecycle: { precondition: preconditions } } : {}),
          tags: { ...(props.tags ?? {}), Name: instanceName },
        });
        instances.push(instance);
        if (s.recoveryAlarms) {
          // EC2 auto-recovery (CloudWatch UG, alarm actions): the system status check failing
          // for two minutes moves the instance to healthy hardware, keeping its id and IPs.
          alarms.push(
            new CloudwatchMetricAlarm(this, `recovery-alarm-${i + 1}`, {
              alarmName: stack.physicalName(id, "recover", String(i + 1)),
              alarmDescription: `Recover ${instanceName} when its system status check fails`,
              namespace: "AWS/EC2",
              metricName: "StatusCheckFailed_System",
              dimensions: { InstanceId: instance.id },
              statistic: "Maximum",
              period: 60,
              evaluationPeriods: 2,
              threshold: 1,
              comparisonOperator: "GreaterThanOrEqualToThreshold",
              alarmActions: [recoverAction, this.alarmTopicArn],
              okActions: [this.alarmTopicArn],
              treatMissingData: "missing",
            }),
          );
        }
      }
      this.instances = instances;
      this.recoveryAlarms = alarms;
      // One alarm for the fleet: the busiest instance's CPU (metric math over the instances).
      this.cpuAlarm = new CloudwatchMetricAlarm(this, "cpu-alarm", {
        ...cpu,
        alarmDescription: `CPU of the busiest OSv host of ${name} above ${cpu.threshold}% for ${cpu.evaluationPeriods} minutes`,
        metricQuery: [
          ...instances.map((inst, i) => ({
            id: `cpu${i + 1}`,
            returnData: false,
            metric: {
              namespace: "AWS/EC2",
              metricName: "CPUUtilization",
              dimensions: { InstanceId: inst.id },
              period: 60,
              stat: "Average",
            },
          })),
          {
            id: "busiest",
            expression: `MAX([${instances.map((_, i) => `cpu${i + 1}`).join(", ")}])`,
            label: "CPU of the busiest host",
            returnData: true,
          },
        ],
      });
    }

    // --- The IMDSv1 exception, visible and explicit -------------------------------------------
    if (s.bootMode === "user-data") {
      const reason = props.imdsV1Reason!.trim();
      const resources: TerraformResource[] = [this.launchTemplate, ...this.instances];
      this.imdsV1Exception = { ruleId: IMDS_RULE, reason, resources };
      for (const r of resources) {
        r.addOverride("//.edge_osv", {
          boot_mode: "user-data",
          http_tokens: "optional",
          imdsv1_reason: reason,
          policy_rule: IMDS_RULE,
        });
      }
      Annotations.of(this).addWarning(
        `OSv user-data boot: IMDSv1 is enabled (http_tokens = "optional") because OSv's cloud-init reads user data without a session token; reason: ${reason}. The policy pack reports ${IMDS_RULE} on ${resources.length === 1 ? "the launch template" : "the launch template and instances"} until the site suppresses it with this reason (fleet.imdsV1Exception)`,
      );
    }
  }
}
