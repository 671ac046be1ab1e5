import { ContainersSiteConfigSchema } from "@edge/containers";
import { instanceTypeRule, placeholder, rule, type SiteAdHocPolicy } from "@edge/core";
import { adHocRecordName } from "@edge/dns";
import { z } from "zod";

/** One environment's config of the wavelength-bos site. */
export const WavelengthBosConfigSchema = z
  .strictObject({
    /** The Wavelength Zone, e.g. `us-east-1-wl1-bos-wlz-1`. */
    zone: z.string(),
    /** Availability zone of the region-side subnets of the site's own VPC. */
    regionAvailabilityZone: z.string(),
    /** @default ["carrier"] */
    tiers: z.array(z.enum(["carrier", "private"])).optional(),
    /** Manage the zone group opt-in (needs the Wavelength access request first). @default false */
    manageOptIn: z.boolean().optional(),
    /** Ports the carrier-IP hosts serve to the carrier network. @default [] */
    publicPorts: z
      .array(
        z.strictObject({ port: z.number().int(), protocol: z.enum(["tcp", "udp"]).optional() }),
      )
      .optional(),
    /** Replaces the zone catalog's instance types; cite where the list was read. @default - the catalog */
    allowedInstanceTypes: z
      .strictObject({
        instanceTypes: z.array(instanceTypeRule(z.string())).min(1),
        source: z.string(),
      })
      .optional(),
    /**
     * The OSv hosts: an Auto Scaling group in the carrier subnet, each host with a carrier IP
     * (`@edge/osv` OsvAutoScalingFleet; the image boots with its command line baked in, IMDSv2).
     */
    hosts: z.strictObject({
      /** A type the Wavelength Zone offers (zone catalog, or `allowedInstanceTypes`). */
      instanceType: instanceTypeRule(z.string()),
      /**
       * The OSv image: a RAW/VHD/VMDK disk image in S3 (imported as an encrypted snapshot and
       * registered as an AMI with a gp2 root, the only EBS type of Wavelength Zones), or an
       * existing OSv AMI. Exactly one of the two.
       */
      image: z.strictObject({
        s3Bucket: z.string().optional(),
        s3Key: z.string().optional(),
        /** @default "RAW" */
        format: z.string().optional(),
        amiId: z.string().optional(),
      }),
      /** @default 1 */
      minSize: z.number().optional(),
      /** @default - the larger of minSize and desiredCapacity */
      maxSize: z.number().optional(),
      /** @default minSize */
      desiredCapacity: z.number().optional(),
      /** @default - the image's size */
      rootVolumeSizeGiB: z.number().optional(),
    }),
    /**
     * Container services on ECS, beside the OSv hosts: EC2 capacity in the carrier subnet, each
     * instance with a carrier IP (no Fargate in Wavelength Zones), bridge tasks only (an awsvpc
     * task's interface gets no carrier IP). A service with `carrierClients` publishes its
     * container port on its instance's carrier IP, which admits it from the carrier network as
     * the hosts' public ports do; its port is one of `publicPorts`, and with `dns` the instances
     * join the hosts' weighted carrier name. Instance type from the zone catalog's list (or
     * `allowedInstanceTypes`), root volumes gp2.
     * @default - no containers
     */
    containers: ContainersSiteConfigSchema.optional(),
    /**
     * The carrier-IP DNS updater (`@edge/dns` CarrierIpDnsUpdater): one weighted A record per
     * running host (set identifier = instance id, value = its carrier IP, with a
     * CLOUDWATCH_METRIC health check on the host's status checks) under the site's carrier name,
     * plus a weight-0 alias to the hub's load balancer that carrier clients get when no host is
     * healthy. Only carrier clients get this name: apps/global-dns answers the public name with
     * it for clients in `carrierClients.cidrBlocks`, and with the internet name for every other
     * client. Keep `hostedZoneId` equal to global-dns's zone of the same environment.
     * @default - no updater: the hosts get no DNS records
     */
    dns: z
      .strictObject({
        /** The environment's public hosted zone (the updater's role can change only this zone). */
        hostedZoneId: z.string(),
        /** The carrier name, e.g. `bos.carrier.edge.example.com`. */
        recordName: z.string(),
        /** Weight of each host's record, 0-255: the site's share is hosts x weight / sum of weights. @default 1 */
        weight: z.number().optional(),
        /**
         * TTL of each host's record in seconds: 60, as the group holds the hub fallback alias
         * (Route 53 guide, "Values specific for weighted records"). @default 60
         */
        ttl: z.number().optional(),
        /**
         * The carrier's clients: Route 53 matches the resolver's address (or the client subnet
         * it forwards), so list the carrier's DNS resolver ranges as well as its client ranges,
         * and say where they came from. IPv4 /1-/24, IPv6 /1-/48.
         */
        carrierClients: z.strictObject({
          cidrBlocks: z.array(z.string()).min(1),
          source: z.string(),
        }),
      })
      .optional(),
  })
  .superRefine((config, ctx) => {
    // Carrier clients reach a service on its instance's carrier IP at its container port, the
    // port the global carrier name serves on every host: it is one of the declared public ports.
    const tcpPorts = (config.publicPorts ?? [])
      .filter((p) => (p.protocol ?? "tcp") === "tcp")
      .map((p) => p.port);
    for (const [name, service] of Object.entries(config.containers?.services ?? {})) {
      if (service.carrierClients !== true || tcpPorts.includes(service.containerPort)) continue;
      ctx.addIssue({
        code: "custom",
        path: ["containers", "services", name, "containerPort"],
        message: `the ${name} service serves carrier clients on tcp/${service.containerPort}, which is not one of the site's public ports`,
        params: rule(
          "EDGE_WLZ_CONTAINER_PORT",
          `declare { port: ${service.containerPort} } in publicPorts, or use one of: ${tcpPorts.join(", ") || "(none declared)"}`,
        ),
        input: service.containerPort,
      });
    }
    // The hosts get carrier IPs, which only the carrier tier's route to the carrier gateway serves.
    if (config.tiers !== undefined && !config.tiers.includes("carrier")) {
      ctx.addIssue({
        code: "custom",
        path: ["tiers"],
        message: "the osv hosts launch in the carrier tier, and the tiers leave it out",
        params: rule("EDGE_WLZ_TIER_MISSING", 'add "carrier" to tiers'),
        input: config.tiers,
      });
    }
    // The updater publishes carrier IPs; with no port open to the carrier network, every answer
    // it adds to the global name would blackhole that share of the traffic.
    if (config.dns !== undefined && (config.publicPorts ?? []).length === 0) {
      ctx.addIssue({
        code: "custom",
        path: ["publicPorts"],
        message:
          "the dns updater publishes the hosts' carrier ips, but no port is open to the carrier network, so that share of the traffic would go nowhere",
        params: rule(
          "EDGE_WLZ_DNS_NO_PUBLIC_PORT",
          "declare the port the osv hosts serve in publicPorts, or remove dns",
        ),
        input: config.publicPorts,
      });
    }
  });

export type WavelengthBosConfig = z.input<typeof WavelengthBosConfigSchema>;

// The environment's public zone (`aws route53 list-hosted-zones-by-name --dns-name
// example.com`) and the carrier's client blocks are not known to this repository: they are typed
// placeholders, so every environment synthesizes, synth lists them, and deploy and publish refuse
// the stack until they are set. apps/global-dns/src/site.ts holds the same zones.
const carrierClients = {
  cidrBlocks: [placeholder("carrier client and resolver CIDR block")],
  source: placeholder("source of the carrier's client CIDR blocks (document or portal, and date)"),
};
const DNS = {
  dev: {
    hostedZoneId: placeholder("hosted zone id"),
    recordName: "bos.carrier.edge.dev.example.com",
    carrierClients,
  },
  staging: {
    hostedZoneId: placeholder("hosted zone id"),
    recordName: "bos.carrier.edge.staging.example.com",
    carrierClients,
  },
  prod: {
    hostedZoneId: placeholder("hosted zone id"),
    recordName: "bos.carrier.edge.example.com",
    carrierClients,
  },
};

// The OSv image of each environment: `qemu-img convert -O raw usr.img usr.raw`, then uploaded
// here (libs/osv README). Bucket names are placeholders like the account ids.
const image = (env: string) => ({ s3Bucket: `edge-osv-images-${env}`, s3Key: "app/usr.raw" });

/**
 * The web container service of an environment: bridge tasks on carrier-IP capacity in the
 * Wavelength Zone, serving carrier clients on tcp/8080 (the hosts' public port, so the carrier
 * name answers either), the image from the site's ECR repository in the Region. The instance
 * type is one of the zone catalog's for us-east-1-wl1-bos-wlz-1; the root volume gp2, the only
 * EBS type the catalog lists for Wavelength Zones (OpenShift Wavelength enhancement: "Only EBS
 * Type gp2 is supported").
 */
const webContainers = (c: {
  instanceType: string;
  desiredCount: number;
  minSizePerZone?: number;
  maxSizePerZone?: number;
}): WavelengthBosConfig["containers"] => ({
  instanceType: c.instanceType,
  rootVolumeType: "gp2",
  ...(c.minSizePerZone !== undefined ? { minSizePerZone: c.minSizePerZone } : {}),
  ...(c.maxSizePerZone !== undefined ? { maxSizePerZone: c.maxSizePerZone } : {}),
  services: {
    web: {
      imageTag: "1.0.0",
      containerPort: 8080,
      cpu: 512,
      memoryMiB: 1024,
      desiredCount: c.desiredCount,
      networkMode: "bridge",
      carrierClients: true,
    },
  },
});

/**
 * The Boston Wavelength Zone (Verizon) in each environment, in a VPC of its own carved from this
 * site's block of the environment's plan (outside the hub VPC, as the Wavelength guide advises).
 * Host instance types come from the zone catalog's list for us-east-1-wl1-bos-wlz-1 (t3.medium,
 * t3.xlarge, r5.2xlarge, g4dn.2xlarge: Verizon 5GEdgeTutorials and the OpenShift Wavelength
 * enhancement, checked against the account's offerings at plan time), all x86_64 as OSv needs;
 * the root volume is gp2, the only EBS type the catalog lists for Wavelength Zones (OpenShift
 * Wavelength enhancement: "Only EBS Type gp2 is supported").
 */
export const wavelengthBosEnvironments: Record<string, WavelengthBosConfig> = {
  dev: {
    zone: "us-east-1-wl1-bos-wlz-1",
    regionAvailabilityZone: "us-east-1a",
    publicPorts: [{ port: 8080 }],
    hosts: { instanceType: "t3.medium", image: image("dev"), minSize: 1, maxSize: 2 },
    containers: webContainers({ instanceType: "t3.medium", desiredCount: 1 }),
    dns: { ...DNS.dev, weight: 10, ttl: 60 },
  },
  staging: {
    zone: "us-east-1-wl1-bos-wlz-1",
    regionAvailabilityZone: "us-east-1a",
    tiers: ["carrier", "private"],
    publicPorts: [{ port: 8080 }],
    hosts: { instanceType: "t3.xlarge", image: image("staging"), minSize: 1, maxSize: 2 },
    containers: webContainers({ instanceType: "t3.xlarge", desiredCount: 1 }),
    dns: { ...DNS.staging, weight: 10, ttl: 60 },
  },
  prod: {
    zone: "us-east-1-wl1-bos-wlz-1",
    regionAvailabilityZone: "us-east-1a",
    tiers: ["carrier", "private"],
    publicPorts: [{ port: 8080 }],
    hosts: {
      instanceType: "r5.2xlarge",
      image: image("prod"),
      minSize: 2,
      desiredCapacity: 2,
      maxSize: 4,
    },
    containers: webContainers({
      instanceType: "t3.xlarge",
      desiredCount: 2,
      minSizePerZone: 2,
      maxSizePerZone: 3,
    }),
    dns: { ...DNS.prod, weight: 10, ttl: 60 },
  },
};

/**
 * In an ad-hoc environment the hosts join `<env>.<dev's carrier name>`, a name of its own
 * (dev's carrier clients never resolve it), so the updater's records and managed tag never touch dev's.
 */
export const wavelengthBosAdHoc: SiteAdHocPolicy<typeof WavelengthBosConfigSchema> = {
  derive: (config, env) => {
    if (config.dns === undefined) return { config, derived: [] };
    const recordName = adHocRecordName(config.dns.recordName, env);
    return {
      config: { ...config, dns: { ...config.dns, recordName } },
      derived: [
        `carrier-ip records and the updater's managed tag use ${recordName} (not ${config.dns.recordName})`,
      ],
    };
  },
};
