import { EcsService } from "@cdktf/provider-aws/lib/ecs-service";
import { EcsTaskDefinition } from "@cdktf/provider-aws/lib/ecs-task-definition";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { ConfigCheck, declareNeeds, EdgeStack, partitionOf, type CallNeed } from "@edge/core";
import { Construct } from "constructs";
import type { TaskNetworkMode } from "./container-facts";
import type { EdgeContainerServiceProps } from "./container-service-props";
import { executionPolicy, trustPolicy } from "./private/iam-documents";
import { iamRoleName } from "./private/iam-role-name";
import { validateServiceProps } from "./private/validate-service";

/**
 * A long-running container service on an {@link EdgeContainerCluster}: a task definition (awsvpc
 * or bridge, as the zone kind allows), an execution role that pulls from the service's ECR
 * repositories, writes its logs and reads its secrets from SSM Parameter Store or Secrets
 * Manager (never plain environment values), and a service that spreads tasks over the cluster's
 * per-zone capacity providers, rolls back failed deployments (circuit breaker), registers in a
 * load balancer target group when it serves clients, and joins the cluster's Service Connect
 * namespace under its discovery name.
 */
export class EdgeContainerService extends Construct {
  readonly taskDefinition: EcsTaskDefinition;
  readonly service: EcsService;
  readonly executionRole: IamRole;
  readonly taskRole: IamRole;
  /** The tasks' security group (awsvpc tasks only). */
  readonly taskSecurityGroup?: SecurityGroup;
  readonly networkMode: TaskNetworkMode;
  /** The zones the tasks run in. */
  readonly zones: readonly string[];
  /** Subnet ids the tasks run in (their instances' subnets). */
  readonly subnetIds: readonly string[];
  readonly discoveryName: string;
  readonly physicalName: string;
  /**
   * The rules that admit `clientCidrs` on the container port (on the tasks' group for awsvpc,
   * on the instances' group for bridge), for the site to declare public ports to its policy.
   */
  readonly clientIngressRules: readonly VpcSecurityGroupIngressRule[];

  constructor(scope: Construct, id: string, props: EdgeContainerServiceProps) {
    super(scope, id);
    const stack = EdgeStack.of(this);
    const env = stack.environment;
    const cluster = props.cluster;
    const name = props.name ?? stack.physicalName(id);
    this.physicalName = name;
    const path = props.configPath ?? `containers.services.${id}`;
    const check = new ConfigCheck(this.node.path);
    const s = validateServiceProps(props, path, check);
    check.throwIfFailed();
    this.networkMode = s.networkMode;
    this.zones = s.zones;
    this.discoveryName = props.discoveryName ?? id;
    const zones = cluster.zones.filter((z) => s.zones.includes(z.zone));
    this.subnetIds = zones.flatMap((z) => z.subnets.map((sn) => sn.subnetId));
    const awsvpc = s.networkMode === "awsvpc";
    const port = props.containerPort;
    const p = partitionOf(env.region);

    // --- Roles --------------------------------------------------------------------------------
    const parameterArn = (name: string) =>
      `arn:${p}:ssm:${env.region}:${env.account}:parameter/${name.replace(/^\//, "")}`;
    const secrets = Object.entries(props.secrets ?? {}).map(([n, src]) => ({
      name: n,
      // SSM SecureString parameters by ARN, Secrets Manager secrets by ARN (ECS developer
      // guide, "Pass sensitive data to an Amazon ECS container").
      valueFrom: "ssmParameter" in src ? parameterArn(src.ssmParameter) : src.secretsManagerArn,
      ssm: "ssmParameter" in src,
    }));
    const parameterArns = secrets.filter((x) => x.ssm).map((x) => x.valueFrom);
    const secretArns = secrets.filter((x) => !x.ssm).map((x) => x.valueFrom);
    this.executionRole = new IamRole(this, "execution-role", {
      name: iamRoleName(`${name}-execution`),
      description: `ECS task execution of ${name}: pull its images, write its logs, read its secrets`,
      assumeRolePolicy: JSON.stringify(trustPolicy("ecs-tasks.amazonaws.com", env.account)),
    });
    new IamRolePolicy(this, "execution-role-policy", {
      name: "ecs-task-execution",
      role: this.executionRole.id,
      policy: JSON.stringify(
        executionPolicy({
          region: env.region,
          account: env.account,
          repositoryArns: props.repositoryArns ?? [],
          logGroupArn: cluster.logGroup.arn,
          parameterArns,
          secretArns,
          ...(props.secretKmsKeyArn !== undefined
            ? { secretKmsKeyArn: props.secretKmsKeyArn }
            : {}),
        }),
      ),
    });
    this.taskRole = new IamRole(this, "task-role", {
      name: iamRoleName(`${name}-task`),
      description: `Application role of ${name}'s containers (no permissions until the site grants some)`,
      assumeRolePolicy: JSON.stringify(trustPolicy("ecs-tasks.amazonaws.com", env.account)),
    });

    // --- Who reaches the tasks --------------------------------------------------------------
    const clientsDescription = `${name} on tcp/${port}`;
    const clientRules: VpcSecurityGroupIngressRule[] = [];
    if (awsvpc) {
      this.taskSecurityGroup = new SecurityGroup(this, "tasks", {
        name: `${name}-tasks`,
        description: `Tasks of ${name}: tcp/${port} from their clients, HTTPS out`,
        vpcId: cluster.vpcId,
        tags: { Name: `${name}-tasks` },
      });
      new VpcSecurityGroupEgressRule(this, "https-egress", {
        securityGroupId: this.taskSecurityGroup.id,
        description: "HTTPS to AWS APIs",
        ipProtocol: "tcp",
        fromPort: 443,
        toPort: 443,
        cidrIpv4: "0.0.0.0/0",
      });
      // Other tasks of the service (Service Connect peers in the same group).
      new VpcSecurityGroupIngressRule(this, "peer-ingress", {
        securityGroupId: this.taskSecurityGroup.id,
        description: `Service Connect peers to ${clientsDescription}`,
        ipProtocol: "tcp",
        fromPort: port,
        toPort: port,
        referencedSecurityGroupId: this.taskSecurityGroup.id,
      });
      if (props.targetGroup) {
        new VpcSecurityGroupIngressRule(this, "lb-ingress", {
          securityGroupId: this.taskSecurityGroup.id,
          description: `Load balancer to ${clientsDescription}`,
          ipProtocol: "tcp",
          fromPort: port,
          toPort: port,
          referencedSecurityGroupId: props.targetGroup.securityGroupId,
        });
      }
      (props.clientCidrs ?? []).forEach((cidr, i) => {
        clientRules.push(
          new VpcSecurityGroupIngressRule(this, `client-ingress-${i}`, {
            securityGroupId: this.taskSecurityGroup!.id,
            description: `Clients ${cidr} to ${clientsDescription}`,
            ipProtocol: "tcp",
            fromPort: port,
            toPort: port,
            cidrIpv4: cidr,
          }),
        );
      });
    } else {
      if (props.targetGroup)
        cluster.allowFrom(
          props.targetGroup.securityGroupId,
          port,
          `Load balancer to ${clientsDescription}`,
        );
      for (const cidr of props.clientCidrs ?? [])
        clientRules.push(cluster.allowCidr(cidr, port, `Clients ${cidr} to ${clientsDescription}`));
    }
    this.clientIngressRules = clientRules;

    // --- What the tasks need from the network (synth proves each path) -----------------------
    const calls: CallNeed[] = [
      ...(parameterArns.length > 0 ? [{ service: "ssm" as const }] : []),
      ...(secretArns.length > 0 ? [{ service: "secretsmanager" as const }] : []),
      ...(props.secretKmsKeyArn !== undefined ? [{ service: "kms" as const }] : []),
    ];
    const clientCidrs = props.clientCidrs ?? [];
    if (!props.fargate && (calls.length > 0 || clientCidrs.length > 0)) {
      declareNeeds(this, {
        description: `ECS service ${name}`,
        subnetIds: [...this.subnetIds],
        // Bridge tasks use their instance's interface: its carrier IP carries their traffic.
        ...(awsvpc ? {} : { hostedOn: cluster }),
        // In a Wavelength Zone the client blocks are the carrier network's, reached through the
        // carrier gateway on the instances' carrier IPs; elsewhere on-premises networks.
        ...(clientCidrs.length > 0
          ? {
              clients: [
                cluster.zoneKind === "wavelength-zone"
                  ? ("carrier-network" as const)
                  : { onPremises: [...clientCidrs] },
              ],
            }
          : {}),
        calls,
      });
    }

    // --- Task definition ----------------------------------------------------------------------
    const container = {
      name: id,
      image: props.image,
      essential: true,
      // Bridge tasks publish the container port on the instance (one task per instance), so
      // the instance's address (carrier IP, CoIP) reaches them.
      portMappings: [
        { name: id, containerPort: port, hostPort: port, protocol: "tcp", appProtocol: "http" },
      ],
      environment: Object.entries(props.environment ?? {}).map(([n, value]) => ({
        name: n,
        value,
      })),
      secrets: secrets.map(({ name: n, valueFrom }) => ({ name: n, valueFrom })),
      logConfiguration: {
        logDriver: "awslogs",
        options: {
          "awslogs-group": cluster.logGroup.name,
          "awslogs-region": env.region,
          "awslogs-stream-prefix": id,
        },
      },
    };
    this.taskDefinition = new EcsTaskDefinition(this, "task-definition", {
      family: name,
      networkMode: s.networkMode,
      requiresCompatibilities: props.fargate ? ["FARGATE"] : ["EC2"],
      cpu: String(props.cpu),
      memory: String(props.memoryMiB),
      executionRoleArn: this.executionRole.arn,
      taskRoleArn: this.taskRole.arn,
      containerDefinitions: JSON.stringify([container]),
    });

    // --- Service ------------------------------------------------------------------------------
    this.service = new EcsService(this, "service", {
      name,
      cluster: cluster.clusterArn,
      taskDefinition: this.taskDefinition.arn,
      desiredCount: props.desiredCount,
      capacityProviderStrategy: props.fargate
        ? [{ capacityProvider: "FARGATE", weight: 1, base: 0 }]
        : zones.map((z) => ({ capacityProvider: z.capacityProviderName, weight: 1, base: 0 })),
      deploymentCircuitBreaker: { enable: true, rollback: true },
      deploymentMinimumHealthyPercent: 50,
      deploymentMaximumPercent: 200,
      ...(props.fargate
        ? {}
        : {
            // Across the zones first, then across instances (Outpost racks hold distinct hosts).
            orderedPlacementStrategy: [
              { type: "spread", field: "attribute:ecs.availability-zone" },
              { type: "spread", field: "instanceId" },
            ],
            ...(awsvpc ? {} : { placementConstraints: [{ type: "distinctInstance" }] }),
          }),
      ...(awsvpc
        ? {
            networkConfiguration: {
              subnets: [...this.subnetIds],
              securityGroups: [this.taskSecurityGroup!.id],
              assignPublicIp: false,
            },
          }
        : {}),
      ...(props.targetGroup
        ? {
            loadBalancer: [
              {
                targetGroupArn: props.targetGroup.targetGroupArn,
                containerName: id,
                containerPort: port,
              },
            ],
            healthCheckGracePeriodSeconds: 60,
          }
        : {}),
      serviceConnectConfiguration: {
        enabled: true,
        namespace: cluster.namespace.arn,
        service: [
          {
            portName: id,
            discoveryName: this.discoveryName,
            clientAlias: { port, dnsName: this.discoveryName },
          },
        ],
      },
      enableEcsManagedTags: true,
      propagateTags: "SERVICE",
      dependsOn: [...zones.map((z) => z.capacityProvider), ...(props.dependsOn ?? [])],
    });
  }
}
