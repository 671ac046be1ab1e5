import { EdgeConfigError, EdgeStack, type EdgeSubnet, type InstanceTypeOffer } from "@edge/core";
import { EdgeEndpoint, type EdgeEndpointSubnet } from "@edge/endpoint";
import { Construct } from "constructs";
import type { ContainerOutpostCapacity } from "./container-cluster-props";
import type { ContainersSiteConfig } from "./containers-site-config";
import { EdgeContainerCluster } from "./edge-container-cluster";
import { EdgeContainerRepository } from "./edge-container-repository";
import { EdgeContainerService } from "./edge-container-service";

/** Props of {@link EdgeContainers}. */
export interface EdgeContainersProps {
  readonly vpcId: string;
  /** Private subnets of the container instances. */
  readonly subnets: readonly EdgeSubnet[];
  /** The site's config of its containers. */
  readonly config: ContainersSiteConfig;
  /** The Outpost, for Outpost subnets. @default - none */
  readonly outpost?: ContainerOutpostCapacity;
  /** The zone's instance types when the site overrides the zone catalog. @default - the catalog */
  readonly allowedInstanceTypes?: InstanceTypeOffer;
  /** Public subnets for the edge endpoints of services with `endpoint`. @default - none */
  readonly endpointSubnets?: readonly EdgeEndpointSubnet[];
  /** Address blocks that reach services with `onPremisesClients` directly. @default [] */
  readonly clientCidrs?: readonly string[];
  /** Config path of `config`. @default "containers" */
  readonly configPath?: string;
}

/**
 * A site's containers from its config: the site's ECR repository (scan on push, immutable tags,
 * optional pull-through cache), the cluster on per-zone EC2 capacity, and each service, which
 * pulls `<repository>:<imageTag>`.
 */
export class EdgeContainers extends Construct {
  readonly repository: EdgeContainerRepository;
  readonly cluster: EdgeContainerCluster;
  readonly services: Readonly<Record<string, EdgeContainerService>>;
  /** The edge endpoints of the services that serve internet clients, by service name. */
  readonly endpoints: Readonly<Record<string, EdgeEndpoint>>;

  constructor(scope: Construct, id: string, props: EdgeContainersProps) {
    super(scope, id);
    const c = props.config;
    const path = props.configPath ?? "containers";
    const stack = EdgeStack.of(this);
    this.repository = new EdgeContainerRepository(this, "repository", {
      name: stack.physicalName(id),
      ...(c.pullThroughCache ? { pullThroughCache: c.pullThroughCache } : {}),
      configPath: path,
    });
    this.cluster = new EdgeContainerCluster(this, "cluster", {
      name: stack.physicalName(id),
      vpcId: props.vpcId,
      capacity: {
        subnets: props.subnets,
        instanceType: c.instanceType,
        ...(c.minSizePerZone !== undefined ? { minSizePerZone: c.minSizePerZone } : {}),
        ...(c.maxSizePerZone !== undefined ? { maxSizePerZone: c.maxSizePerZone } : {}),
        ...(c.rootVolumeType !== undefined ? { rootVolumeType: c.rootVolumeType } : {}),
        ...(props.outpost ? { outpost: props.outpost } : {}),
        ...(props.allowedInstanceTypes ? { allowedInstanceTypes: props.allowedInstanceTypes } : {}),
      },
      fargate: Object.values(c.services).some((s) => s.fargate === true),
      configPath: path,
    });
    const services: Record<string, EdgeContainerService> = {};
    const endpoints: Record<string, EdgeEndpoint> = {};
    for (const [name, s] of Object.entries(c.services)) {
      const servicePath = `${path}.services.${name}`;
      const onPrem = s.onPremisesClients === true;
      if (s.endpoint && (props.endpointSubnets ?? []).length === 0) {
        throw new EdgeConfigError({
          code: "EDGE_ECS_NO_CLIENT_PATH",
          path: `${servicePath}.endpoint`,
          value: s.endpoint,
          problem:
            "the service serves internet clients through an edge endpoint, and the site gives it no public subnets",
          fix: "pass the site's public subnets as endpointSubnets, or remove endpoint",
        });
      }
      if (onPrem && (props.clientCidrs ?? []).length === 0) {
        throw new EdgeConfigError({
          code: "EDGE_ECS_NO_CLIENT_PATH",
          path: `${servicePath}.onPremisesClients`,
          value: true,
          problem:
            "the service serves on-premises clients, and the site gives it no client address blocks",
          fix: "pass the on-premises CIDRs as clientCidrs, or leave onPremisesClients off",
        });
      }
      let endpoint: EdgeEndpoint | undefined;
      if (s.endpoint) {
        endpoint = new EdgeEndpoint(this, `${name}-endpoint`, {
          vpcId: props.vpcId,
          subnets: props.endpointSubnets!,
          targetPort: s.containerPort,
          port: s.endpoint.port ?? s.containerPort,
          name: `${id}-${name}`,
          targetName: `${id}-${name}`,
          targetDescription: `the ${name} containers`,
          ...(s.endpoint.healthCheckPath ? { healthCheckPath: s.endpoint.healthCheckPath } : {}),
          publicPortReason: s.endpoint.publicPortReason,
          configPath: `${servicePath}.endpoint`,
        });
        // Bridge tasks listen on their instance: the endpoint reaches the instances' group.
        endpoint.connectTargets(this.cluster.instanceSecurityGroup.id);
        endpoints[name] = endpoint;
      }
      services[name] = new EdgeContainerService(this, name, {
        name: stack.physicalName(`${id}-${name}`),
        cluster: this.cluster,
        image: `${this.repository.repositoryUrl}:${s.imageTag}`,
        repositoryArns: [this.repository.repositoryArn, ...this.repository.cachedRepositoryArns],
        containerPort: s.containerPort,
        cpu: s.cpu,
        memoryMiB: s.memoryMiB,
        desiredCount: s.desiredCount,
        discoveryName: name,
        ...(s.networkMode ? { networkMode: s.networkMode } : {}),
        ...(s.environment ? { environment: s.environment } : {}),
        ...(s.secrets ? { secrets: s.secrets } : {}),
        ...(s.fargate ? { fargate: true } : {}),
        ...(endpoint
          ? {
              targetGroup: {
                targetGroupArn: endpoint.targetGroupArn,
                targetType: "instance" as const,
                securityGroupId: endpoint.securityGroupId,
              },
              dependsOn: [endpoint.listener],
            }
          : {}),
        ...(onPrem ? { clientCidrs: props.clientCidrs } : {}),
        configPath: servicePath,
      });
    }
    this.services = services;
    this.endpoints = endpoints;
  }
}
