import { AutoscalingGroup } from "@cdktf/provider-aws/lib/autoscaling-group";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import type { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { ConfigCheck, EdgeStack } from "@edge/core";
import { Token } from "cdktf";
import type { Construct } from "constructs";
import type { OsvFleetAlarmProps } from "./osv-fleet-alarms";
import { OsvLaunchTemplate } from "./osv-launch-template";
import type { OsvLaunchTemplateProps } from "./osv-launch-template-props";
import { fleetAlarmBase } from "./private/fleet-alarms";
import { checkAlarmProps } from "./private/validate-alarms";
import { checkAutoScalingProps } from "./private/validate-auto-scaling";

/** Props of {@link OsvAutoScalingFleet}: the launch template's, the group's and the alarms'. */
export interface OsvAutoScalingFleetProps extends OsvLaunchTemplateProps, OsvFleetAlarmProps {
  /** Minimum size. @default 1 */
  readonly minSize?: number;
  /** Maximum size. @default - the larger of minSize and desiredCapacity */
  readonly maxSize?: number;
  /** Desired capacity. @default minSize */
  readonly desiredCapacity?: number;
  /** Health check. @default "ELB" with targetGroupArns, "EC2" otherwise */
  readonly healthCheckType?: "EC2" | "ELB";
  /** Seconds before a new host is health-checked (OSv boots in well under a second). @default 60 */
  readonly healthCheckGracePeriodSeconds?: number;
  /** Target groups the hosts register with. @default - none */
  readonly targetGroupArns?: readonly string[];
  /** Further instance types for a mixed-instances policy. @default - none */
  readonly additionalInstanceTypes?: readonly string[];
  /** The workload tolerates losing hosts at any time; required for Spot. @default false */
  readonly interruptible?: boolean;
  /** Instances that are always on-demand. @default 0 */
  readonly onDemandBaseCapacity?: number;
  /** Percentage of on-demand above the base; below 100 the rest is Spot. @default 100 */
  readonly onDemandPercentageAboveBaseCapacity?: number;
  /** Healthy percentage kept during an instance refresh. @default 90 */
  readonly instanceRefreshMinHealthyPercentage?: number;
}

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
 * OSv hosts in an Auto Scaling group: the {@link OsvLaunchTemplate} and a group launched from it
 * (instance refresh on every new template version, group metrics, mixed instances when several
 * types or Spot for interruptible fleets), with a CPU alarm for the group to an SNS topic.
 *
 * Addresses: the template's, `<id>_group`, `<id>_alarm-topic`, `<id>_cpu-alarm`.
 */
export class OsvAutoScalingFleet extends OsvLaunchTemplate {
  readonly autoScalingGroup: AutoscalingGroup;
  readonly cpuAlarm: CloudwatchMetricAlarm;
  readonly alarmTopic?: SnsTopic;
  readonly alarmTopicArn: string;

  constructor(scope: Construct, id: string, props: OsvAutoScalingFleetProps) {
    const path = props.configPath ?? "osv";
    // Errors name the fleet's construct path (the fleet is not constructed yet).
    const check = new ConfigCheck(scope.node.path ? `${scope.node.path}/${id}` : id);
    const g = checkAutoScalingProps(props, path, check);
    checkAlarmProps(props, path, check);
    super(scope, id, props, {
      by: "group",
      additionalInstanceTypes: props.additionalInstanceTypes,
      maxHosts: g.maxSize,
      maxHostsAt: g.maxSizeAt,
      check,
    });
    const stack = EdgeStack.of(this);
    const s = { ...this.settings, ...g };
    const name = this.physicalName;
    const latestVersion = Token.asString(this.launchTemplate.latestVersion);
    const alarms = fleetAlarmBase(this, props);
    this.alarmTopic = alarms.topic;
    this.alarmTopicArn = alarms.topicArn;
    const cpu = alarms.cpu;

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
    this.cpuAlarm = new CloudwatchMetricAlarm(this, "cpu-alarm", {
      ...cpu,
      alarmDescription: `Average CPU of the OSv hosts of ${name} above ${cpu.threshold}% for ${cpu.evaluationPeriods} minutes`,
      namespace: "AWS/EC2",
      metricName: "CPUUtilization",
      dimensions: { AutoScalingGroupName: this.autoScalingGroup.name },
      statistic: "Average",
      period: 60,
    });
    this.declareImdsV1Exception([]);
  }
}
