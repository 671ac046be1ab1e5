import { ContainersSiteConfigSchema } from "@edge/containers";
import { bucketNameRule, instanceTypeRule, placeholder, rule } from "@edge/core";
import { OsvAutoScalingConfigSchema } from "@edge/osv";
import { z } from "zod";

/** One environment's config of the local-zone-bos site. */
export const LocalZoneBosConfigSchema = z.strictObject({
  /** The Local Zones the hub VPC is extended into. */
  zones: z
    .array(
      z.strictObject({
        /** Local Zone name, e.g. `us-east-1-bos-1a`. */
        name: z.string(),
        /**
         * Hub availability zone whose NAT gateway the zone's private subnets use when the zone has
         * no NAT gateway of its own: the zone's parent AZ where the hub has a NAT there (look it up
         * with `aws ec2 describe-availability-zones --all-availability-zones --zone-names <zone>`,
         * field ParentZoneName).
         * @default - none: the zone needs an in-zone NAT gateway or privateEgress "none"
         */
        egressAvailabilityZone: z.string().optional(),
      }),
    )
    .min(1),
  /** @default "auto" */
  privateEgress: z.enum(["auto", "zone-nat", "region-nat", "none"]).optional(),
  /** Manage the zone group opt-in. @default false */
  manageOptIn: z.boolean().optional(),
  /** Instance types the site runs in the zones. @default [] */
  instanceTypes: z.array(instanceTypeRule(z.string())).optional(),
  /** @default 24 */
  publicSubnetPrefixLength: z.number().int().optional(),
  /** @default 22 */
  privateSubnetPrefixLength: z.number().int().optional(),
  /**
   * The OSv fleet: an Auto Scaling group in the Local Zones' private subnets, behind the edge
   * endpoint. Its instance type is one of `instanceTypes` (and of the zone catalog's list); its
   * root volumes are gp2, the type the catalog lists for us-east-1-bos-1a.
   */
  osv: OsvAutoScalingConfigSchema,
  /**
   * Container services on ECS, alongside the OSv fleet: EC2 capacity in the Local Zone private
   * subnets (no Fargate here); services that serve internet clients join the edge endpoint.
   * @default - no containers
   */
  containers: ContainersSiteConfigSchema.optional(),
  /**
   * The internet-facing edge endpoint: an Application Load Balancer in the Local Zones' public
   * subnets (Network Load Balancers are not offered in Local Zones), published for global DNS.
   */
  edgeEndpoint: z
    .strictObject({
      /**
       * Listener port. Global DNS spreads one name over every site's endpoint, so clients use
       * one port everywhere: region-hub's NLB listens on its application port.
       * @default osv.appPort
       */
      port: z.number().int().min(1).max(65535).optional(),
      /**
       * ACM certificate in the stack's region, or IAM server certificate: the listener speaks
       * HTTPS instead of HTTP.
       * @default - an HTTP listener, or the certificate `tls` requests
       */
      certificateArn: z.string().optional(),
      /**
       * TLS on the listener port with an ACM certificate the endpoint requests for the name
       * clients connect to (global-dns's public name), validated by DNS in the environment's
       * public hosted zone; plain HTTP on port 80 is redirected to HTTPS. The policy pack
       * (EDGE-ELB-1) fails a plaintext listener unless `plaintextReason` declares it.
       * @default - an HTTP listener (or HTTPS with `certificateArn`)
       */
      tls: z
        .strictObject({
          /** The name clients connect to, e.g. `edge.example.com`. */
          domainName: z.string(),
          /** Public Route 53 hosted zone (`Z…`) that holds the name: validation records go there. */
          hostedZoneId: z.string(),
          /** @default "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09" (EdgeEndpoint's EDGE_TLS_POLICY) */
          sslPolicy: z.string().optional(),
          /** Port of the HTTP listener that redirects to HTTPS; `false` for none. @default 80 */
          httpRedirectPort: z.union([z.number().int().min(1).max(65535), z.literal(false)]).optional(),
        })
        .optional(),
      /**
       * Why the endpoint serves plain HTTP, when it has no TLS (declares the listener to the
       * policy pack, EDGE-ELB-1).
       * @default - none
       */
      plaintextReason: z.string().optional(),
      /**
       * Path the target group checks on the application port: starts with "/", at most 1024
       * characters (ELB API CreateTargetGroup, HealthCheckPath).
       * @default "/"
       */
      healthCheckPath: z
        .string()
        .refine((p) => p.startsWith("/") && p.length <= 1024, {
          message: "a health check path starts with / and has at most 1024 characters",
          params: rule(
            "EDGE_CONFIG_VALUE",
            'give the path the application answers health checks on, such as "/healthz"',
          ),
        })
        .optional(),
      /** @default true in production environments, false otherwise */
      deletionProtection: z.boolean().optional(),
      /**
       * Access logs to S3 (same region; the bucket policy must let ELB log delivery write).
       * @default - none
       */
      accessLogs: z
        .strictObject({
          bucket: bucketNameRule(z.string()),
          // "The prefix that you specify must not include AWSLogs. We add the portion of the file
          // name starting with AWSLogs after the bucket name and prefix that you specify." (ELB
          // ALB guide, enable-access-logging, bucket requirements)
          prefix: z
            .string()
            .refine((prefix) => !prefix.includes("AWSLogs"), {
              message: "an access-log prefix must not include AWSLogs: ELB adds AWSLogs/<account>/... after it",
              params: rule("EDGE_LB_LOG_PREFIX", 'give the folder the logs go under without "AWSLogs", such as "edge/local-zone-bos"'),
            })
            .optional(),
        })
        .optional(),
    })
    .default({}),
})
  // The fleet runs one of the types the site lists for its zones (whose offering LocalZoneSubnets
  // checks at plan time): a reference inside the config, checked with its shape.
  .superRefine((config, ctx) => {
    const listed = config.instanceTypes ?? [];
    if (listed.includes(config.osv.instanceType)) return;
    ctx.addIssue({
      code: "custom",
      path: ["osv", "instanceType"],
      message:
        "the OSv fleet's instance type is not one of the types the site runs in the zones (instanceTypes), whose offering is checked at plan time",
      params: rule(
        "EDGE_SITE_INSTANCE_TYPE",
        `add ${config.osv.instanceType} to instanceTypes or use one of: ${listed.join(", ") || "(none listed)"}`,
      ),
      input: config.osv.instanceType,
    });
  });

export type LocalZoneBosConfig = z.input<typeof LocalZoneBosConfigSchema>;
/** One environment's config after validation, defaults applied. */
export type LocalZoneBosSettings = z.output<typeof LocalZoneBosConfigSchema>;

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
const edgeTls = (domainName: string) => ({ domainName, hostedZoneId: placeholder("hosted zone id") });

/**
 * The Boston Local Zone in each environment. The subnets come from this site's address block in
 * the environment's plan (inside the hub VPC CIDR). The hub's NAT gateways: dev and staging have
 * a single one in us-east-1a, prod one per AZ; set egressAvailabilityZone in prod to the zone's
 * parent AZ name in your account.
 */
export const localZoneBosEnvironments: Record<string, LocalZoneBosConfig> = {
  dev: {
    zones: [{ name: "us-east-1-bos-1a", egressAvailabilityZone: "us-east-1a" }],
    manageOptIn: true,
    instanceTypes: ["t3.medium"],
    osv: {
      image: osvImage("111111111111", "1.4.0"),
      instanceType: "t3.medium",
      appPort: 8080,
      minSize: 1,
      maxSize: 2,
    },
    edgeEndpoint: {
      plaintextReason:
        "dev serves plain HTTP on purpose: test clients only, no certificate for the dev name",
    },
    containers: {
      instanceType: "t3.medium",
      services: {
        web: {
          imageTag: "1.0.0",
          containerPort: 8080,
          cpu: 512,
          memoryMiB: 1024,
          desiredCount: 1,
          edgeEndpoint: true,
        },
      },
    },
  },
  staging: {
    zones: [{ name: "us-east-1-bos-1a", egressAvailabilityZone: "us-east-1a" }],
    manageOptIn: true,
    instanceTypes: ["t3.medium", "t3.xlarge"],
    osv: {
      image: osvImage("222222222222", "1.4.0"),
      instanceType: "t3.xlarge",
      appPort: 8080,
      minSize: 1,
      desiredCapacity: 2,
      maxSize: 3,
    },
    edgeEndpoint: { healthCheckPath: "/healthz", tls: edgeTls("edge.staging.example.com") },
    containers: {
      instanceType: "t3.xlarge",
      services: {
        web: {
          imageTag: "1.0.0",
          containerPort: 8080,
          cpu: 512,
          memoryMiB: 1024,
          desiredCount: 2,
          edgeEndpoint: true,
        },
      },
    },
  },
  prod: {
    zones: [{ name: "us-east-1-bos-1a", egressAvailabilityZone: "us-east-1a" }],
    manageOptIn: true,
    instanceTypes: ["t3.xlarge", "r5.2xlarge"],
    osv: {
      image: osvImage("333333333333", "1.3.2"),
      instanceType: "t3.xlarge",
      appPort: 8080,
      minSize: 2,
      desiredCapacity: 2,
      maxSize: 4,
    },
    edgeEndpoint: { healthCheckPath: "/healthz", tls: edgeTls("edge.example.com") },
    containers: {
      instanceType: "t3.xlarge",
      minSizePerZone: 2,
      maxSizePerZone: 3,
      services: {
        web: {
          imageTag: "1.0.0",
          containerPort: 8080,
          cpu: 512,
          memoryMiB: 1024,
          desiredCount: 2,
          edgeEndpoint: true,
        },
      },
    },
  },
};
