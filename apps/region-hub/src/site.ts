import { ContainersSiteConfigSchema } from "@edge/containers";
import { instanceTypeRule, placeholder } from "@edge/core";
import { OsvAutoScalingConfigSchema } from "@edge/osv";
import { z } from "zod";

/** One environment's config of the region-hub site. */
export const RegionHubConfigSchema = z.strictObject({
  vpc: z.strictObject({
    /** Availability zones of the environment's region, listed explicitly. */
    availabilityZones: z.array(z.string()).min(1),
    /** @default "per-az" in production environments, "single" otherwise */
    natGateways: z.enum(["per-az", "single", "none"]).optional(),
    /** @default 24 */
    publicSubnetPrefixLength: z.number().int().optional(),
    /** @default 22 */
    privateSubnetPrefixLength: z.number().int().optional(),
    /** @default 365 in production environments, 30 otherwise */
    flowLogRetentionDays: z.number().int().optional(),
    /** @default 600 */
    flowLogAggregationSeconds: z.union([z.literal(60), z.literal(600)]).optional(),
    /** @default true */
    instanceConnectEndpoint: z.boolean().optional(),
  }),
  /** Transit gateway multicast domain (IGMPv2) on the private subnets, with a VXLAN overlay. */
  multicast: z.strictObject({
    /** Groups members join besides the VXLAN flood group, with their UDP ports. @default [] */
    groups: z.array(z.strictObject({ address: z.string(), udpPort: z.number().int() })).default([]),
    /** Instance types that send multicast (must be Nitro). @default [] */
    senderInstanceTypes: z.array(instanceTypeRule(z.string())).default([]),
    vxlan: z.strictObject({
      vni: z.number().int(),
      /** @default "239.255.0.1" */
      group: z.string().optional(),
      overlayCidr: z.string(),
      /** @default "eth0" */
      underlayInterface: z.string().optional(),
    }),
  }),
  /** The OSv fleet: an Auto Scaling group across the private subnets, behind the edge endpoint. */
  osv: OsvAutoScalingConfigSchema,
  /**
   * Container services on ECS, alongside the OSv fleet: EC2 capacity per availability zone of
   * the private subnets; services that serve internet clients join the edge endpoint.
   * @default - no containers
   */
  containers: ContainersSiteConfigSchema.optional(),
  /**
   * The internet-facing edge endpoint: a Network Load Balancer in the public subnets with a TCP
   * (TLS with `tls`) listener on the application port, published for global DNS. No access logs: a Network Load
   * Balancer writes them only for TLS listeners ("Access logs are created only if the load
   * balancer has a TLS listener", ELB NLB guide, load-balancer-access-logs).
   */
  edgeEndpoint: z
    .strictObject({
      /**
       * Listener port. Global DNS spreads one name over every site's endpoint, so all of them
       * listen on one port (the application port, 8080 in every shipped environment, at the hub's
       * NLB, the Local Zone's ALB and on the Wavelength hosts; tools/test/edge-ports.test.ts).
       * @default the application port
       */
      port: z.number().int().min(1).max(65535).optional(),
      /** @default true in production environments, false otherwise */
      deletionProtection: z.boolean().optional(),
      /**
       * TLS on the listener port: an ACM certificate the endpoint requests for the name clients
       * connect to (global-dns's public name), validated by DNS in the environment's public
       * hosted zone. The policy pack (EDGE-ELB-1) fails a plaintext listener unless
       * `plaintextReason` declares it.
       * @default - a TCP listener
       */
      tls: z
        .strictObject({
          /** The name clients connect to, e.g. `edge.example.com`. */
          domainName: z.string(),
          /** Public Route 53 hosted zone (`Z…`) that holds the name: validation records go there. */
          hostedZoneId: z.string(),
          /** @default "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09" (EdgeEndpoint's EDGE_TLS_POLICY) */
          sslPolicy: z.string().optional(),
        })
        .optional(),
      /**
       * Why the endpoint serves plain TCP, when it has no `tls` (declares the listener to the
       * policy pack, EDGE-ELB-1).
       * @default - none
       */
      plaintextReason: z.string().optional(),
    })
    .default({}),
});

export type RegionHubConfig = z.input<typeof RegionHubConfigSchema>;

/** S3 location of the OSv image of application `version` in the environment's account. */
const osvImage = (account: string, version: string) => ({
  s3Bucket: `edge-blueprints-osv-images-${account}`,
  s3Key: `osv/app-${version}.raw`,
  format: "RAW",
});

/**
 * TLS for the public name of global-dns in the environment. The hosted zone id is a typed
 * placeholder, as in global-dns: synth lists it, deploy and publish refuse the stack until it is
 * set.
 */
const edgeTls = (domainName: string) => ({
  domainName,
  hostedZoneId: placeholder("hosted zone id"),
});

/**
 * The hub in each environment. The VPC CIDR and this site's address block come from the
 * environment's network plan (`@edge/core` environments); everything else is here.
 */
export const regionHubEnvironments: Record<string, RegionHubConfig> = {
  dev: {
    vpc: {
      availabilityZones: ["us-east-1a", "us-east-1b"],
      natGateways: "single",
      flowLogRetentionDays: 30,
    },
    multicast: {
      senderInstanceTypes: ["t3.medium"],
      vxlan: { vni: 1001, overlayCidr: "172.16.0.0/16" },
    },
    osv: {
      image: osvImage("111111111111", "1.4.0"),
      instanceType: "t3.medium",
      appPort: 8080,
      minSize: 1,
      maxSize: 2,
    },
    edgeEndpoint: {
      plaintextReason:
        "dev serves plain TCP on purpose: test clients only, no certificate for the dev name",
    },
    containers: {
      instanceType: "t3.medium",
      maxSizePerZone: 1,
      services: {
        api: { imageTag: "1.0.0", containerPort: 8080, cpu: 256, memoryMiB: 512, desiredCount: 2 },
      },
    },
  },
  staging: {
    vpc: {
      availabilityZones: ["us-east-1a", "us-east-1b", "us-east-1c"],
      natGateways: "single",
      flowLogRetentionDays: 90,
    },
    multicast: {
      senderInstanceTypes: ["c5.large"],
      vxlan: { vni: 2001, overlayCidr: "172.17.0.0/16" },
    },
    osv: {
      image: osvImage("222222222222", "1.4.0"),
      instanceType: "c5.large",
      appPort: 8080,
      minSize: 2,
      desiredCapacity: 2,
      maxSize: 4,
    },
    edgeEndpoint: { tls: edgeTls("edge.staging.example.com") },
    containers: {
      instanceType: "c5.large",
      services: {
        api: { imageTag: "1.0.0", containerPort: 8080, cpu: 512, memoryMiB: 1024, desiredCount: 3 },
        web: {
          imageTag: "1.0.0",
          containerPort: 8080,
          cpu: 256,
          memoryMiB: 512,
          desiredCount: 2,
          edgeEndpoint: true,
        },
      },
    },
  },
  prod: {
    vpc: {
      availabilityZones: ["us-east-1a", "us-east-1b", "us-east-1c"],
      natGateways: "per-az",
      flowLogRetentionDays: 365,
      flowLogAggregationSeconds: 60,
    },
    multicast: {
      groups: [{ address: "239.255.10.1", udpPort: 5004 }],
      senderInstanceTypes: ["c5n.large"],
      vxlan: { vni: 3001, overlayCidr: "172.18.0.0/16" },
    },
    osv: {
      image: osvImage("333333333333", "1.3.2"),
      instanceType: "c5.large",
      appPort: 8080,
      // One host per AZ at rest; room to double under load.
      minSize: 3,
      desiredCapacity: 3,
      maxSize: 6,
    },
    edgeEndpoint: { tls: edgeTls("edge.example.com") },
    containers: {
      instanceType: "c5.large",
      maxSizePerZone: 3,
      services: {
        api: {
          imageTag: "1.0.0",
          containerPort: 8080,
          cpu: 512,
          memoryMiB: 1024,
          desiredCount: 3,
          environment: { LOG_LEVEL: "info" },
          secrets: { DB_PASSWORD: { ssmParameter: "/region-hub/prod/api/db-password" } },
        },
        web: {
          imageTag: "1.0.0",
          containerPort: 8080,
          cpu: 256,
          memoryMiB: 512,
          desiredCount: 3,
          edgeEndpoint: true,
        },
      },
    },
  },
};

/**
 * The hub homed in us-west-2 (each environment lists region-hub in `network.regions["us-west-2"]`
 * too): its own VPC, transit gateway and OSv fleet, for the sites homed there (local-zone-lax).
 * The VXLAN overlays of the two hubs of an environment use separate ranges.
 */
export const regionHubRegions: Record<string, Record<string, RegionHubConfig>> = {
  "us-west-2": {
    dev: {
      ...regionHubEnvironments.dev,
      vpc: { ...regionHubEnvironments.dev.vpc, availabilityZones: ["us-west-2a", "us-west-2b"] },
      multicast: { ...regionHubEnvironments.dev.multicast, vxlan: { vni: 1002, overlayCidr: "172.19.0.0/16" } },
    },
    staging: {
      ...regionHubEnvironments.staging,
      vpc: { ...regionHubEnvironments.staging.vpc, availabilityZones: ["us-west-2a", "us-west-2b", "us-west-2c"] },
      multicast: { ...regionHubEnvironments.staging.multicast, vxlan: { vni: 2002, overlayCidr: "172.20.0.0/16" } },
    },
    prod: {
      ...regionHubEnvironments.prod,
      vpc: { ...regionHubEnvironments.prod.vpc, availabilityZones: ["us-west-2a", "us-west-2b", "us-west-2c"] },
      multicast: { ...regionHubEnvironments.prod.multicast, vxlan: { vni: 3002, overlayCidr: "172.21.0.0/16" } },
    },
  },
};
