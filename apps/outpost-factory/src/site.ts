import { ContainersSiteConfigSchema } from "@edge/containers";
import { countRule, instanceTypeRule, placeholder, rule } from "@edge/core";
import { OsvImageConfigSchema } from "@edge/osv";
import type { SiteAdHocPolicy } from "@edge/core";
import { z } from "zod";

/**
 * Upper bound of `outpost.racks`. No AWS document read gives a maximum number of racks per
 * logical Outpost, so this is the project's sanity bound: it stops a typo (100000 racks) from
 * printing an uplink plan. Raise it here for a larger Outpost.
 */
export const OUTPOST_RACKS_BOUND = 100;
const OUTPOST_RACKS_WHY = `no AWS limit is documented; ${OUTPOST_RACKS_BOUND} is this project's sanity bound, OUTPOST_RACKS_BOUND in apps/outpost-factory/src/site.ts`;

/**
 * One environment's config of the outpost-factory site. Keys mirror the props of
 * `@edge/outposts` (`Outpost`, `OutpostSubnets`, `SpreadPlacementGroup`), so the config paths in
 * their errors point at the right line here.
 */
export const OutpostFactoryConfigSchema = z.strictObject({
  /** The Outpost: an existing, ordered Outpost homed to the environment's region. */
  outpost: z.strictObject({
    /** `arn:aws:outposts:<region>:<account>:outpost/op-<17 hex>`. */
    arn: z.string(),
    /** The availability zone the Outpost is homed to. */
    availabilityZone: z.string(),
    /** Compute racks, not counting an ACE rack; drives the printed uplink plan. */
    racks: countRule(OUTPOST_RACKS_BOUND, OUTPOST_RACKS_WHY),
    /** @default false */
    aceRack: z.boolean().optional(),
    /** Instance types the Outpost was ordered with. */
    instanceTypes: z.array(instanceTypeRule(z.string())),
  }),
  /** Subnets on the Outpost and how they reach the factory network. */
  network: z.strictObject({
    routingMode: z.enum(["coip", "direct-vpc-routing"]),
    /** @default - looked up by Outpost ARN */
    localGatewayRouteTableId: z.string().optional(),
    /** CoIP mode only. @default - looked up from the local gateway route table */
    customerOwnedIpv4Pool: z.string().optional(),
    /** @default true in CoIP mode */
    mapCustomerOwnedIpOnLaunch: z.boolean().optional(),
    /** Factory networks routed to the local gateway. */
    onPremisesCidrs: z.array(z.string()),
    /** @default false */
    defaultRouteToLocalGateway: z.boolean().optional(),
    subnets: z.array(
      z.strictObject({
        name: z.string(),
        /** @default 24 */
        prefixLength: z.number().optional(),
        /** @default the Outpost's availability zone */
        availabilityZone: z.string().optional(),
        /** @default the Outpost's ARN */
        outpostArn: z.string().optional(),
        mapCustomerOwnedIpOnLaunch: z.boolean().optional(),
      }),
    ),
  }),
  /** Spread placement groups for instances on the Outpost, by key. @default {} */
  placementGroups: z
    .record(
      z.string().regex(/^[a-z][a-z0-9-]{0,30}$/),
      z.strictObject({
        /** @default "rack" */
        spreadLevel: z.enum(["host", "rack"]).optional(),
        /** Running instances planned in the group. */
        instances: z.number().optional(),
      }),
    )
    .default({}),
  /**
   * The OSv line hosts: fixed instances on the Outpost, each with an auto-recovery alarm. In
   * CoIP mode the subnet's map_customer_owned_ip_on_launch gives them their customer-owned IPs.
   */
  osv: z.strictObject({
    /** The converted OSv disk image in S3 (`qemu-img convert -O raw` first: qcow2 is rejected). */
    image: OsvImageConfigSchema,
    /** x86_64 instance type the Outpost was ordered with (outpost.instanceTypes). */
    instanceType: instanceTypeRule(z.string()),
    /** TCP port the application listens on, reached from the factory networks (onPremisesCidrs). */
    appPort: z.number().int(),
    /** Fixed instances, placed round-robin over `subnets`. */
    instanceCount: z.number().int(),
    /** Names of `network.subnets` the hosts launch in. */
    subnets: z.array(z.string()).min(1),
    /** Key of `placementGroups` the hosts launch in. @default - no placement group */
    placementGroup: z.string().optional(),
  }),
  /**
   * Container services on ECS: EC2 capacity on the Outpost (no Fargate on Outposts). Services
   * with onPremisesClients are reached from the factory networks (network.onPremisesCidrs).
   * @default - no containers
   */
  containers: ContainersSiteConfigSchema.extend({
    /** Names of `network.subnets` the container instances launch in. */
    subnets: z.array(z.string()).min(1),
  }).optional(),
})
  // References inside the config are checked with its shape: the OSv hosts name subnets and a
  // placement group of this config, the container capacity names subnets.
  .superRefine((config, ctx) => {
    const subnetNames = config.network.subnets.map((s) => s.name);
    config.osv.subnets.forEach((name, i) => {
      if (subnetNames.includes(name)) return;
      ctx.addIssue({
        code: "custom",
        path: ["osv", "subnets", i],
        message: "no subnet of network.subnets has this name",
        params: rule("EDGE_SITE_REFERENCE", `use one of: ${subnetNames.join(", ") || "(no subnets)"}`),
        input: name,
      });
    });
    config.containers?.subnets.forEach((name, i) => {
      if (subnetNames.includes(name)) return;
      ctx.addIssue({
        code: "custom",
        path: ["containers", "subnets", i],
        message: "no subnet of network.subnets has this name",
        params: rule("EDGE_SITE_REFERENCE", `use one of: ${subnetNames.join(", ") || "(no subnets)"}`),
        input: name,
      });
    });
    const group = config.osv.placementGroup;
    const keys = Object.keys(config.placementGroups);
    if (group !== undefined && !keys.includes(group)) {
      ctx.addIssue({
        code: "custom",
        path: ["osv", "placementGroup"],
        message: "no placement group of placementGroups has this key",
        params: rule(
          "EDGE_SITE_REFERENCE",
          `use one of: ${keys.join(", ") || "(none: add one to placementGroups or leave placementGroup out)"}`,
        ),
        input: group,
      });
    }
  });

export type OutpostFactoryConfig = z.input<typeof OutpostFactoryConfigSchema>;
/** One environment's config after validation, defaults applied. */
export type OutpostFactorySettings = z.output<typeof OutpostFactoryConfigSchema>;

/** S3 location of the OSv image of application `version` in the environment's account. */
const osvImage = (account: string, version: string) => ({
  s3Bucket: `edge-blueprints-osv-images-${account}`,
  s3Key: `osv/app-${version}.raw`,
  format: "RAW",
});

/**
 * The containers of the factory line: a collector for the line's on-premises clients, on m5.xlarge
 * capacity in the line subnet (up to 2 instances), with `desiredCount` tasks.
 */
const lineCollector = (desiredCount: number): z.input<typeof OutpostFactoryConfigSchema>["containers"] => ({
  instanceType: "m5.xlarge",
  subnets: ["line"],
  maxSizePerZone: 2,
  services: {
    collector: {
      imageTag: "1.0.0",
      containerPort: 9090,
      cpu: 512,
      memoryMiB: 1024,
      desiredCount,
      // Bridge: the line instances' CoIP (or VPC address) reaches the collector.
      networkMode: "bridge",
      onPremisesClients: true,
    },
  },
});

// The Outposts, one per environment account, are not known to this repository: typed
// placeholders, so every environment synthesizes, synth lists them (placeholders.json), and deploy
// and publish refuse the stack until they are set. Outposts are homed to one availability zone of
// the Region; set availabilityZone to your Outpost's (here us-east-1a, where the hub has subnets).
const OUTPOST_ARN = placeholder("Outpost ARN");

/**
 * The factory Outpost in each environment. Subnets come from the environment's
 * `outpost-factory` address block inside the hub VPC.
 *
 * - dev: one rack, direct VPC routing (no CoIP pool to manage), the local gateway looked up.
 * - staging: two racks in CoIP mode, the pool looked up from the local gateway route table.
 * - prod: four racks behind an ACE rack (AWS recommends one beyond three), CoIP with the
 *   route table and pool pinned by id, host-level spread for the line controllers.
 */
export const outpostFactoryEnvironments: Record<string, OutpostFactoryConfig> = {
  dev: {
    outpost: {
      arn: OUTPOST_ARN,
      availabilityZone: "us-east-1a",
      racks: 1,
      instanceTypes: ["m5.xlarge", "c5.2xlarge"],
    },
    network: {
      routingMode: "direct-vpc-routing",
      onPremisesCidrs: ["192.168.0.0/16"],
      subnets: [{ name: "line", prefixLength: 24 }],
    },
    placementGroups: {
      controllers: { spreadLevel: "host" },
    },
    osv: {
      image: osvImage("111111111111", "1.4.0"),
      instanceType: "m5.xlarge",
      appPort: 8080,
      instanceCount: 1,
      subnets: ["line"],
      placementGroup: "controllers",
    },
    containers: lineCollector(1),
  },
  staging: {
    outpost: {
      arn: OUTPOST_ARN,
      availabilityZone: "us-east-1a",
      racks: 2,
      instanceTypes: ["m5.xlarge", "c5.2xlarge", "r5.2xlarge"],
    },
    network: {
      routingMode: "coip",
      onPremisesCidrs: ["192.168.0.0/16", "172.20.0.0/16"],
      subnets: [
        { name: "line", prefixLength: 24 },
        { name: "historian", prefixLength: 26 },
      ],
    },
    placementGroups: {
      controllers: { spreadLevel: "host" },
      historian: { spreadLevel: "rack", instances: 2 },
    },
    osv: {
      image: osvImage("222222222222", "1.4.0"),
      instanceType: "m5.xlarge",
      appPort: 8080,
      instanceCount: 2,
      subnets: ["line"],
      placementGroup: "controllers",
    },
    containers: lineCollector(1),
  },
  prod: {
    outpost: {
      arn: OUTPOST_ARN,
      availabilityZone: "us-east-1a",
      racks: 4,
      aceRack: true,
      instanceTypes: ["m5.xlarge", "m5.2xlarge", "c5.2xlarge", "r5.2xlarge"],
    },
    network: {
      routingMode: "coip",
      // Pinned by id in prod (placeholders until set: aws ec2 describe-local-gateway-route-tables
      // and describe-coip-pools on the Outpost's account).
      localGatewayRouteTableId: placeholder("local gateway route table id"),
      customerOwnedIpv4Pool: placeholder("customer-owned IPv4 pool id"),
      onPremisesCidrs: ["192.168.0.0/16", "172.20.0.0/16"],
      subnets: [
        { name: "line", prefixLength: 23 },
        { name: "historian", prefixLength: 25 },
        // Quality-camera hosts get no CoIP at launch; they are reached through the line hosts.
        { name: "vision", prefixLength: 25, mapCustomerOwnedIpOnLaunch: false },
      ],
    },
    placementGroups: {
      controllers: { spreadLevel: "host" },
      historian: { spreadLevel: "rack", instances: 4 },
    },
    osv: {
      image: osvImage("333333333333", "1.3.2"),
      instanceType: "m5.xlarge",
      appPort: 8080,
      // Two line controllers on different hosts (host-level spread), each recovered in place.
      instanceCount: 2,
      subnets: ["line"],
      placementGroup: "controllers",
    },
    containers: lineCollector(2),
  },
};

/** An Outpost is hardware of one environment: ad-hoc environments leave the site out. */
export const outpostFactoryAdHoc: SiteAdHocPolicy<typeof OutpostFactoryConfigSchema> = {
  refuse:
    "its Outpost is one physical rack in dev's account, whose capacity and local gateway an ad-hoc environment cannot share",
};
