import { AutoscalingGroup } from "@cdktf/provider-aws/lib/autoscaling-group";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { DataAwsSsmParameter } from "@cdktf/provider-aws/lib/data-aws-ssm-parameter";
import { EcsCapacityProvider } from "@cdktf/provider-aws/lib/ecs-capacity-provider";
import { EcsCluster } from "@cdktf/provider-aws/lib/ecs-cluster";
import { EcsClusterCapacityProviders } from "@cdktf/provider-aws/lib/ecs-cluster-capacity-providers";
import { IamInstanceProfile } from "@cdktf/provider-aws/lib/iam-instance-profile";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import {
  LaunchTemplate,
  type LaunchTemplateNetworkInterfaces,
} from "@cdktf/provider-aws/lib/launch-template";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { ServiceDiscoveryHttpNamespace } from "@cdktf/provider-aws/lib/service-discovery-http-namespace";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import {
  ConfigCheck,
  declareNeeds,
  EdgeStack,
  instanceTypeOfferingPrecondition,
  isUnresolved,
  type EdgeSubnet,
  type ZoneKind,
} from "@edge/core";
import type { Precondition } from "cdktf";
import { Construct } from "constructs";
import { ECS_AMI_PARAMETERS, ECS_AMI_ROOT_DEVICE } from "./container-facts";
import type { EdgeContainerClusterProps } from "./container-cluster-props";
import { containerInstancePolicy, trustPolicy } from "./private/iam-documents";
import { iamRoleName } from "./private/iam-role-name";
import { validateClusterProps } from "./private/validate-cluster";

/** The AWS services every container instance calls. */
export const CONTAINER_INSTANCE_CALLS = [
  "ecs",
  "ecs-agent",
  "ecs-telemetry",
  "ecr.api",
  "ecr.dkr",
  "s3",
  "logs",
] as const;

/** One zone of the cluster's EC2 capacity. */
export interface ContainerCapacityZone {
  /** Zone name (an Outpost subnet's AZ). */
  readonly zone: string;
  readonly subnets: readonly EdgeSubnet[];
  readonly autoScalingGroup: AutoscalingGroup;
  readonly capacityProvider: EcsCapacityProvider;
  /** The capacity provider's name, for a service's capacity provider strategy. */
  readonly capacityProviderName: string;
}

/**
 * An ECS cluster for one site x environment on EC2 capacity: per zone of the capacity's subnets
 * an Auto Scaling group of ECS-optimized Amazon Linux 2023 instances (the AMI resolved from its
 * public SSM parameter at plan time, IMDSv2 with hop limit 1, the cluster name in user data,
 * encrypted root volume, carrier IP in Wavelength, the subnet's CoIP on Outposts) and a
 * capacity provider with managed scaling and managed termination protection; a Service Connect
 * HTTP namespace so services reach each other by name; the tasks' log group; and the
 * instances' security group (HTTPS out, service ports in from what each service names).
 */
export class EdgeContainerCluster extends Construct {
  readonly cluster: EcsCluster;
  readonly clusterName: string;
  readonly clusterArn: string;
  readonly namespace: ServiceDiscoveryHttpNamespace;
  readonly logGroup: CloudwatchLogGroup;
  readonly ami: DataAwsSsmParameter;
  readonly launchTemplate: LaunchTemplate;
  readonly role: IamRole;
  readonly instanceProfile: IamInstanceProfile;
  readonly instanceSecurityGroup: SecurityGroup;
  readonly zones: readonly ContainerCapacityZone[];
  readonly zoneKind: ZoneKind;
  readonly instanceType: string;
  /** Instances per zone at most. */
  readonly maxSizePerZone: number;
  readonly fargate: boolean;
  /** User data in plain text (the launch template holds it base64-encoded). */
  readonly userData: string;
  readonly physicalName: string;
  readonly vpcId: string;
  readonly configPath: string;
  private readonly ingress = new Map<string, VpcSecurityGroupIngressRule>();
  private cidrRules = 0;

  constructor(scope: Construct, id: string, props: EdgeContainerClusterProps) {
    super(scope, id);
    const stack = EdgeStack.of(this);
    const env = stack.environment;
    const name = props.name ?? stack.physicalName(id);
    this.physicalName = name;
    this.vpcId = props.vpcId;
    this.configPath = props.configPath ?? "containers";
    const check = new ConfigCheck(this.node.path);
    const s = validateClusterProps(
      props,
      {
        region: env.region,
        path: this.configPath,
        capacityPath: props.capacityConfigPath ?? `${this.configPath}.capacity`,
        catalog: stack.catalog,
      },
      check,
    );
    check.throwIfFailed();
    this.zoneKind = s.kind;
    this.instanceType = props.capacity.instanceType;
    this.maxSizePerZone = s.maxSize;
    this.fargate = props.fargate === true;
    const production = env.profile === "production";

    // --- Discovery and logs ----------------------------------------------------------------
    this.namespace = new ServiceDiscoveryHttpNamespace(this, "namespace", {
      name,
      description: `Service Connect namespace of ${stack.node.id}: services reach each other by name`,
    });
    this.cluster = new EcsCluster(this, "cluster", {
      name,
      setting: [{ name: "containerInsights", value: "enabled" }],
      serviceConnectDefaults: { namespace: this.namespace.arn },
    });
    this.clusterName = name;
    this.clusterArn = this.cluster.arn;
    this.logGroup = new CloudwatchLogGroup(this, "log-group", {
      name: `/edge/${name}`,
      retentionInDays: props.logRetentionDays ?? (production ? 365 : 30),
      ...(props.logKmsKeyArn !== undefined ? { kmsKeyId: props.logKmsKeyArn } : {}),
    });

    // --- Instances: role, security group, launch template ----------------------------------
    this.role = new IamRole(this, "instance-role", {
      name: iamRoleName(`${name}-instance`),
      description: "ECS container instances: register with their cluster and take its tasks",
      assumeRolePolicy: JSON.stringify(trustPolicy("ec2.amazonaws.com", env.account)),
    });
    new IamRolePolicy(this, "instance-role-policy", {
      name: "ecs-container-instance",
      role: this.role.id,
      policy: JSON.stringify(
        containerInstancePolicy({ region: env.region, account: env.account, cluster: name }),
      ),
    });
    this.instanceProfile = new IamInstanceProfile(this, "instance-profile", {
      name: `${name}-instance`,
      role: this.role.name,
    });
    this.instanceSecurityGroup = new SecurityGroup(this, "instances", {
      name: `${name}-instances`,
      description:
        "ECS container instances: HTTPS to AWS APIs and ECR, service ports from their clients",
      vpcId: props.vpcId,
      tags: { Name: `${name}-instances` },
    });
    // ECS, ECR (API, registry and S3 layers), CloudWatch Logs and SSM all answer on 443.
    new VpcSecurityGroupEgressRule(this, "https-egress", {
      securityGroupId: this.instanceSecurityGroup.id,
      description: "HTTPS to the ECS, ECR, S3, CloudWatch Logs and SSM endpoints",
      ipProtocol: "tcp",
      fromPort: 443,
      toPort: 443,
      cidrIpv4: "0.0.0.0/0",
    });

    this.ami = new DataAwsSsmParameter(this, "ecs-ami", { name: ECS_AMI_PARAMETERS.x86_64 });
    this.userData = [
      "#!/bin/bash",
      "# Join the cluster; containers cannot reach the instance role (IMDS hop limit 1, ECS_AWSVPC_BLOCK_IMDS).",
      "cat >> /etc/ecs/ecs.config <<'ECS'",
      `ECS_CLUSTER=${name}`,
      "ECS_AWSVPC_BLOCK_IMDS=true",
      "ECS_ENABLE_CONTAINER_METADATA=true",
      "ECS",
      "",
    ].join("\n");
    const networkInterface: LaunchTemplateNetworkInterfaces = {
      deviceIndex: 0,
      securityGroups: [this.instanceSecurityGroup.id],
      deleteOnTermination: "true",
      // Wavelength: the carrier IP is on the instance's interface, so bridge tasks share it.
      // Outposts: the subnet's map_customer_owned_ip_on_launch assigns the CoIP. Else private.
      ...(s.carrierIp
        ? { associateCarrierIpAddress: "true" }
        : s.kind === "outpost"
          ? {}
          : { associatePublicIpAddress: "false" }),
    };
    // Plan-time checks, as for the OSv hosts: the catalog's instance types are checked at synth,
    // the account's real offerings in each Local or Wavelength Zone at plan time; resources on
    // an Outpost carry its placement checks.
    const preconditions: Precondition[] = [...(props.capacity.outpost?.placementPreconditions ?? [])];
    if ((s.kind === "local-zone" || s.kind === "wavelength-zone") && !isUnresolved(this.instanceType)) {
      for (const z of s.zones) {
        preconditions.push(
          instanceTypeOfferingPrecondition(this, `instance-type-offering-${z.name}`, z.zone, [
            this.instanceType,
          ]).precondition,
        );
      }
    }
    const hostTags = { Name: name, ...stack.defaultTags };
    this.launchTemplate = new LaunchTemplate(this, "launch-template", {
      name,
      description: "ECS container instances (ECS-optimized Amazon Linux 2023)",
      // Resolved at plan time from the public parameter: every plan picks up the recommended AMI
      // and the groups roll to it through instance refresh.
      imageId: this.ami.insecureValue,
      instanceType: props.capacity.instanceType,
      updateDefaultVersion: true,
      iamInstanceProfile: { arn: this.instanceProfile.arn },
      monitoring: { enabled: true },
      networkInterfaces: [networkInterface],
      metadataOptions: {
        httpEndpoint: "enabled",
        httpTokens: "required",
        httpPutResponseHopLimit: 1,
        instanceMetadataTags: "disabled",
      },
      userData: Buffer.from(this.userData, "utf8").toString("base64"),
      blockDeviceMappings: [
        {
          deviceName: ECS_AMI_ROOT_DEVICE,
          ebs: {
            volumeType: s.rootVolumeType,
            volumeSize: s.rootVolumeSizeGiB,
            encrypted: "true",
            deleteOnTermination: "true",
          },
        },
      ],
      tagSpecifications: ["instance", "volume", "network-interface"].map((resourceType) => ({
        resourceType,
        tags:
          resourceType === "instance"
            ? { ...hostTags, ...props.capacity.instanceTags }
            : { ...hostTags },
      })),
      tags: { Name: name },
      ...(preconditions.length > 0 ? { lifecycle: { precondition: preconditions } } : {}),
    });

    // --- One Auto Scaling group and capacity provider per zone -----------------------------
    this.zones = s.zones.map((z) => {
      const zoneName = `${name}-${z.name}`;
      const group = new AutoscalingGroup(this, `group-${z.name}`, {
        name: zoneName,
        minSize: s.minSize,
        maxSize: s.maxSize,
        vpcZoneIdentifier: z.subnets.map((sn) => sn.subnetId),
        launchTemplate: { id: this.launchTemplate.id, version: "$Latest" },
        // Managed termination protection needs scale-in protection on the group and its
        // instances (ECS API AutoScalingGroupProviderUpdate).
        protectFromScaleIn: true,
        healthCheckType: "EC2",
        healthCheckGracePeriod: 120,
        instanceRefresh: { strategy: "Rolling", preferences: { minHealthyPercentage: 90 } },
        enabledMetrics: ["GroupDesiredCapacity", "GroupInServiceInstances", "GroupTotalInstances"],
        metricsGranularity: "1Minute",
        // ECS tags the groups of its capacity providers; declared here so plans show no drift.
        tag: Object.entries({ Name: zoneName, AmazonECSManaged: "true", ...stack.defaultTags }).map(
          ([key, value]) => ({ key, value: String(value), propagateAtLaunch: false }),
        ),
        // Managed scaling owns the desired capacity.
        lifecycle: { ignoreChanges: ["desired_capacity"] },
      });
      const provider = new EcsCapacityProvider(this, `capacity-provider-${z.name}`, {
        name: zoneName,
        autoScalingGroupProvider: {
          autoScalingGroupArn: group.arn,
          managedTerminationProtection: "ENABLED",
          managedDraining: "ENABLED",
          managedScaling: {
            status: "ENABLED",
            targetCapacity: s.targetCapacity,
            minimumScalingStepSize: 1,
            maximumScalingStepSize: Math.max(1, s.maxSize),
            instanceWarmupPeriod: 120,
          },
        },
      });
      return {
        zone: z.name,
        subnets: z.subnets,
        autoScalingGroup: group,
        capacityProvider: provider,
        capacityProviderName: zoneName,
      };
    });
    // What the instances call: synth proves a path to each from their subnets (the ECS agent
    // registers and polls, images come from ECR with layers in S3, tasks log to CloudWatch Logs).
    declareNeeds(this, {
      description: `ECS container instances ${name}`,
      calls: CONTAINER_INSTANCE_CALLS.map((service) => ({ service })),
    });
    new EcsClusterCapacityProviders(this, "capacity-providers", {
      clusterName: this.cluster.name,
      capacityProviders: [
        ...this.zones.map((z) => z.capacityProvider.name),
        ...(this.fargate ? ["FARGATE", "FARGATE_SPOT"] : []),
      ],
      defaultCapacityProviderStrategy: this.zones.map((z, i) => ({
        capacityProvider: z.capacityProvider.name,
        weight: 1,
        base: i === 0 ? 1 : 0,
      })),
    });
  }

  /** Lets `sourceSecurityGroupId` reach the instances on tcp/`port` (once per pair). */
  allowFrom(sourceSecurityGroupId: string, port: number, description: string): void {
    const key = `${sourceSecurityGroupId}:${port}`;
    if (this.ingress.has(key)) return;
    const rule = new VpcSecurityGroupIngressRule(this, `ingress-${this.ingress.size}`, {
      securityGroupId: this.instanceSecurityGroup.id,
      description,
      ipProtocol: "tcp",
      fromPort: port,
      toPort: port,
      referencedSecurityGroupId: sourceSecurityGroupId,
    });
    this.ingress.set(key, rule);
  }

  /** Lets `cidr` (on-premises or carrier clients) reach the instances on tcp/`port`. */
  allowCidr(cidr: string, port: number, description: string): VpcSecurityGroupIngressRule {
    return new VpcSecurityGroupIngressRule(this, `ingress-cidr-${this.cidrRules++}`, {
      securityGroupId: this.instanceSecurityGroup.id,
      description,
      ipProtocol: "tcp",
      fromPort: port,
      toPort: port,
      cidrIpv4: cidr,
    });
  }
}
