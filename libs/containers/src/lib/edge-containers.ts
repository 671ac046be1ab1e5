import { EdgeConfigError, EdgeStack, type EdgeSubnet, type InstanceTypeOffer } from "@edge/core";
import type { EdgeEndpoint } from "@edge/endpoint";
import { suppressRules } from "@edge/policy";
import { Construct } from "constructs";
import type { ContainerOutpostCapacity } from "./container-cluster-props";
import type { ContainersSiteConfig } from "./containers-site-config";
import { EdgeContainerCluster } from "./edge-container-cluster";
import { EdgeContainerRepository } from "./edge-container-repository";
import { EdgeContainerService } from "./edge-container-service";

/** Every IPv4 address: a rule from it opens the port to the world. */
const WORLD = ["0.0.0.0/0"];

/** The carrier network a Wavelength site's container services serve. */
export interface ContainerCarrierClients {
  /** Address blocks admitted on the services' container ports. */
  readonly cidrBlocks: readonly string[];
  /** Why the port is open to every address, when a block is (the site's public port declaration). */
  readonly publicPortReason: string;
}

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
  /**
   * The site's edge endpoint: services with `edgeEndpoint` register in its target group, so
   * they serve clients on its listener with its TLS. @default - none
   */
  readonly endpoint?: EdgeEndpoint;
  /** Address blocks that reach services with `onPremisesClients` directly. @default [] */
  readonly clientCidrs?: readonly string[];
  /**
   * The carrier network, for services with `carrierClients` (Wavelength Zones): its address
   * blocks reach them on the instances' carrier IPs, and a block open to every address is the
   * site's declared public port (EDGE-SG-4) with `publicPortReason`. @default - none
   */
  readonly carrierClients?: ContainerCarrierClients;
  /** Extra tags on each container instance at launch. @default {} */
  readonly instanceTags?: Readonly<Record<string, string>>;
  /** Config path of `config`. @default "containers" */
  readonly configPath?: string;
}

/**
 * A site's containers from its config: the site's ECR repository (scan on push, immutable tags,
 * optional pull-through cache), the cluster on per-zone EC2 capacity, and each service, which
 * pulls `<repository>:<imageTag>`. Services that serve internet clients use the site's edge
 * endpoint, never a load balancer of their own: the tasks register in its target group beside
 * the site's hosts and are reached on its listener, with the TLS the site's endpoint config sets.
 */
export class EdgeContainers extends Construct {
  readonly repository: EdgeContainerRepository;
  readonly cluster: EdgeContainerCluster;
  readonly services: Readonly<Record<string, EdgeContainerService>>;

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
        ...(props.instanceTags ? { instanceTags: props.instanceTags } : {}),
      },
      fargate: Object.values(c.services).some((s) => s.fargate === true),
      configPath: path,
      // The site config writes instanceType, minSizePerZone, … beside the services.
      capacityConfigPath: path,
    });
    const services: Record<string, EdgeContainerService> = {};
    const endpoint = props.endpoint;
    let endpointConnected = false;
    for (const [name, s] of Object.entries(c.services)) {
      const servicePath = `${path}.services.${name}`;
      const onPrem = s.onPremisesClients === true;
      const carrier = s.carrierClients === true;
      const clientCidrs = [
        ...(onPrem ? (props.clientCidrs ?? []) : []),
        ...(carrier ? (props.carrierClients?.cidrBlocks ?? []) : []),
      ];
      const behindEndpoint = s.edgeEndpoint === true;
      checkClientPaths(name, s, servicePath, props);
      if (behindEndpoint && endpoint && !endpointConnected) {
        // The endpoint reaches the container instances on its target port (bridge tasks publish
        // the container port on their instance).
        endpoint.connectTargets(this.cluster.instanceSecurityGroup.id, {
          name: id,
          description: `the ${id} instances`,
        });
        endpointConnected = true;
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
        ...(behindEndpoint && endpoint
          ? {
              targetGroup: {
                targetGroupArn: endpoint.targetGroupArn,
                // The site's endpoint forwards to its hosts as instance targets on this port.
                targetType: "instance" as const,
                targetPort: endpoint.targetPort,
                securityGroupId: endpoint.securityGroupId,
              },
              // ECS registers tasks only in a target group a listener uses.
              dependsOn: [endpoint.listener],
            }
          : {}),
        ...(clientCidrs.length > 0 ? { clientCidrs } : {}),
        configPath: servicePath,
      });
      // A port open to every address is the site's declared public port (EDGE-SG-4).
      for (const rule of services[name].clientIngressRules) {
        if (carrier && WORLD.includes(rule.cidrIpv4Input ?? "")) {
          suppressRules(rule, [
            {
              id: "EDGE-SG-4",
              reason: `tcp/${s.containerPort} of the ${name} service serves the carrier network: ${props.carrierClients!.publicPortReason}`,
            },
          ]);
        }
      }
    }
    this.services = services;
  }
}

/** A service that serves clients needs the way to them from the site. */
function checkClientPaths(
  name: string,
  s: ContainersSiteConfig["services"][string],
  servicePath: string,
  props: EdgeContainersProps,
): void {
  if (s.edgeEndpoint === true && props.endpoint === undefined) {
    throw new EdgeConfigError({
      code: "EDGE_ECS_NO_CLIENT_PATH",
      path: `${servicePath}.edgeEndpoint`,
      value: true,
      problem: `the ${name} service serves internet clients through the site's edge endpoint, and the site gives it none`,
      fix: "pass the site's EdgeEndpoint as endpoint, or leave edgeEndpoint off",
    });
  }
  if (s.carrierClients === true && (props.carrierClients?.cidrBlocks ?? []).length === 0) {
    throw new EdgeConfigError({
      code: "EDGE_ECS_NO_CLIENT_PATH",
      path: `${servicePath}.carrierClients`,
      value: true,
      problem: `the ${name} service serves carrier clients, and the site gives it no carrier client address blocks`,
      fix: "pass the carrier network's address blocks as carrierClients.cidrBlocks (a Wavelength site), or leave carrierClients off",
    });
  }
  if (s.onPremisesClients === true && (props.clientCidrs ?? []).length === 0) {
    throw new EdgeConfigError({
      code: "EDGE_ECS_NO_CLIENT_PATH",
      path: `${servicePath}.onPremisesClients`,
      value: true,
      problem: `the ${name} service serves on-premises clients, and the site gives it no client address blocks`,
      fix: "pass the on-premises CIDRs as clientCidrs, or leave onPremisesClients off",
    });
  }
}
