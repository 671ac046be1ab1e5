import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { Instance } from "@cdktf/provider-aws/lib/instance";
import type { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { ConfigCheck, EdgeStack, partitionOf } from "@edge/core";
import type { Construct } from "constructs";
import type { OsvFleetAlarmProps } from "./osv-fleet-alarms";
import { OsvLaunchTemplate } from "./osv-launch-template";
import type { OsvLaunchTemplateProps } from "./osv-launch-template-props";
import { fleetAlarmBase } from "./private/fleet-alarms";
import { checkAlarmProps } from "./private/validate-alarms";
import { checkFixedHostsProps, checkFixedHostsZones } from "./private/validate-fixed-hosts";

/** Props of {@link OsvFixedHosts}: the launch template's, the instances' and the alarms'. */
export interface OsvFixedHostsProps extends OsvLaunchTemplateProps, OsvFleetAlarmProps {
  /** Number of instances, placed round-robin over the subnets. @default one per subnet */
  readonly instanceCount?: number;
  /** Termination protection. @default true in a production environment, false otherwise */
  readonly terminationProtection?: boolean;
  /**
   * What an OSv shutdown (the application exiting) does to the instance. An Auto Scaling
   * group needs no setting: it replaces a host that stops.
   * @default "stop" (the instance and its volume are kept for inspection)
   */
  readonly shutdownBehavior?: "stop" | "terminate";
  /** A CloudWatch auto-recovery alarm per instance. @default true */
  readonly recoveryAlarms?: boolean;
}

/**
 * A fixed number of OSv hosts: the {@link OsvLaunchTemplate} and instances launched from it,
 * round-robin over the subnets, with termination protection, an EC2 auto-recovery alarm each and
 * one CPU alarm for the busiest host, to an SNS topic.
 *
 * Addresses: the template's, `<id>_instance-<n>`, `<id>_recovery-alarm-<n>`, `<id>_alarm-topic`,
 * `<id>_cpu-alarm`.
 */
export class OsvFixedHosts extends OsvLaunchTemplate {
  readonly instances: readonly Instance[];
  readonly recoveryAlarms: readonly CloudwatchMetricAlarm[];
  readonly cpuAlarm: CloudwatchMetricAlarm;
  readonly alarmTopic?: SnsTopic;
  readonly alarmTopicArn: string;

  constructor(scope: Construct, id: string, props: OsvFixedHostsProps) {
    const path = props.configPath ?? "osv";
    // Errors name the fleet's construct path (the fleet is not constructed yet).
    const check = new ConfigCheck(scope.node.path ? `${scope.node.path}/${id}` : id);
    const f = checkFixedHostsProps(
      props,
      path,
      EdgeStack.of(scope).environment.profile === "production",
      check,
    );
    checkAlarmProps(props, path, check);
    super(
      scope,
      id,
      props,
      {
        by: "instance",
        maxHosts: f.instanceCount,
        maxHostsAt: { key: "instanceCount", value: props.instanceCount },
        check,
        rules: (c, zones) => checkFixedHostsZones(props, path, zones, c),
      },
      { terminationProtection: f.terminationProtection, shutdownBehavior: f.shutdownBehavior },
    );
    const stack = EdgeStack.of(this);
    const env = stack.environment;
    const s = { ...this.settings, ...f };
    const name = this.physicalName;
    const metadataOptions = this.metadataOptions;
    const preconditions = [...this.preconditions];
    const placementGroupName = this.placementGroupName;
    const alarmBase = fleetAlarmBase(this, props);
    this.alarmTopic = alarmBase.topic;
    this.alarmTopicArn = alarmBase.topicArn;
    const cpu = alarmBase.cpu;

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
          ...(props.rootVolumeSizeGiB !== undefined ? { volumeSize: props.rootVolumeSizeGiB } : {}),
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

    this.declareImdsV1Exception(instances);
  }
}
