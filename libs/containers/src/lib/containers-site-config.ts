import { instanceTypeRule } from "@edge/core";
import { z } from "zod";

const SecretSourceSchema = z.union([
  z.strictObject({ ssmParameter: z.string().startsWith("/") }),
  z.strictObject({ secretsManagerArn: z.string().startsWith("arn:") }),
]);

/** Site config of one container service. */
export const ContainerServiceConfigSchema = z.strictObject({
  /** Tag of the image in the site's ECR repository (tags are immutable). */
  imageTag: z.string(),
  containerPort: z.number().int().min(1).max(65535),
  /** CPU units of the task (1024 = one vCPU). */
  cpu: z.number().int().positive(),
  memoryMiB: z.number().int().positive(),
  desiredCount: z.number().int().min(0),
  /** @default "awsvpc" where the zone kind allows it and the service is not behind the edge endpoint, else "bridge" */
  networkMode: z.enum(["awsvpc", "bridge"]).optional(),
  /** Plain configuration, never secrets. @default {} */
  environment: z.record(z.string(), z.string()).optional(),
  /** Secrets by environment variable name, from SSM SecureString parameters or Secrets Manager. @default {} */
  secrets: z.record(z.string(), SecretSourceSchema).optional(),
  /** Run on Fargate (availability zones only). @default false */
  fargate: z.boolean().optional(),
  /**
   * Serve internet clients through the site's edge endpoint: the tasks register in its target
   * group (instance targets, so bridge tasks on the endpoint's target port) and get its TLS.
   * @default false
   */
  edgeEndpoint: z.boolean().optional(),
  /** Serve the clients of the site's `clientCidrs` (on-premises networks) directly. @default false */
  onPremisesClients: z.boolean().optional(),
  /**
   * Serve the carrier network's clients directly on the container instances' carrier IPs
   * (Wavelength Zones): the bridge task publishes the container port on its instance, which
   * admits it from the site's carrier network (`EdgeContainers` carrierClients). @default false
   */
  carrierClients: z.boolean().optional(),
});

/**
 * Site config of a site's containers: the EC2 capacity (per zone), the site's ECR repository
 * and the services, by name.
 */
export const ContainersSiteConfigSchema = z.strictObject({
  /** x86_64 instance type offered in the site's zones. */
  instanceType: instanceTypeRule(z.string()),
  /** @default 1 */
  minSizePerZone: z.number().int().min(0).optional(),
  /** @default 2 */
  maxSizePerZone: z.number().int().min(1).optional(),
  /** @default - the zone catalog's default */
  rootVolumeType: z.string().optional(),
  /** Cache an upstream registry's images in the account's ECR (pull-through cache). @default - none */
  pullThroughCache: z
    .strictObject({ ecrRepositoryPrefix: z.string(), upstreamRegistryUrl: z.string() })
    .optional(),
  /** The services, by name (the Service Connect name other services use). */
  services: z.record(z.string().regex(/^[a-z][a-z0-9-]{0,30}$/), ContainerServiceConfigSchema),
});

export type ContainersSiteConfig = z.output<typeof ContainersSiteConfigSchema>;
export type ContainerServiceConfig = z.output<typeof ContainerServiceConfigSchema>;
