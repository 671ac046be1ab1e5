import { z } from "zod";
import { accountMismatches } from "./account-check";
import { findOverlaps, parseCidr } from "./cidr";
import { parseConfig, rule } from "./config-schema";
import { EdgeConfigError, throwAll } from "./errors";
import { TAG_KEY_FIX, TAG_RULES_SOURCE, tagKeyProblem, tagValueProblem } from "./catalogs/tag-keys";
import { bucketNameRule, regionRule } from "./validation/catalog-rules";

const ENV_NAME = /^[a-z][a-z0-9-]{0,23}$/;
const SITE_NAME = /^[a-z][a-z0-9-]{1,40}$/;

const cidrString = z.string().superRefine((value, ctx) => {
  try {
    parseCidr(value, "");
  } catch (err) {
    if (!(err instanceof EdgeConfigError)) throw err;
    ctx.addIssue({ code: "custom", message: err.problem, params: rule(err.code, err.fix), input: value });
  }
});

/** Local state under `state/<site>/<env>.tfstate` at the repository root. */
const LocalBackendSchema = z.strictObject({ type: z.literal("local") });

/** S3 state with S3-native locking. */
const S3BackendSchema = z.strictObject({
  type: z.literal("s3"),
  bucket: bucketNameRule(z.string()),
  /** @default the environment's region */
  region: regionRule(z.string()).optional(),
  /** KMS key for state encryption. @default - SSE-S3 */
  kmsKeyId: z.string().min(1).optional(),
  /** Role the backend assumes to read and write state. @default - the caller's credentials */
  roleArn: z.string().regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/).optional(),
  /** Prefix of every state key. @default - none: keys are `<site>/<env>/terraform.tfstate` */
  keyPrefix: z.string().regex(/^[\w.-]+(\/[\w.-]+)*$/).optional(),
});

/** Terraform Cloud / HCP Terraform (or Terraform Enterprise) workspaces `<prefix>-<site>-<env>`. */
const TfcBackendSchema = z.strictObject({
  type: z.literal("tfc"),
  organization: z.string().regex(/^[\w-]+$/),
  workspacePrefix: z.string().regex(/^[\w-]+$/),
  /** @default "app.terraform.io" */
  hostname: z.string().regex(/^[a-z0-9.-]+(:\d+)?$/).default("app.terraform.io"),
  /** HCP Terraform project the workspaces belong to. @default - the organization's default project */
  project: z.string().min(1).optional(),
  /**
   * Runs apply without confirmation. Sent as `auto-apply` on every run, whatever the
   * workspace's own setting (runs API: a run without it takes the workspace's). @default false
   */
  autoApply: z.boolean().optional(),
});

export const BackendSchema = z.discriminatedUnion("type", [LocalBackendSchema, S3BackendSchema, TfcBackendSchema]);

/** Backend settings of an environment. */
export type BackendConfig = z.output<typeof BackendSchema>;

export const EnvironmentSchema = z
  .strictObject({
    /** Environment name: lowercase, digits and dashes, e.g. `prod` or `feature-42`. */
    name: z.string().regex(ENV_NAME),
    /** AWS account id the stacks deploy to (the provider refuses any other). */
    account: z.string().regex(/^\d{12}$/),
    /** Home Region of every site in the environment. */
    region: regionRule(z.string()),
    /** Role the AWS provider assumes. @default - the caller's credentials */
    assumeRoleArn: z.string().regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/).optional(),
    /** Managed policy set as permissions boundary on every IAM role. @default - none */
    permissionsBoundaryArn: z.string().regex(/^arn:aws[a-z-]*:iam::(\d{12}|aws):policy\/[\w+=,.@/-]+$/).optional(),
    /** Where state lives. @default local */
    backend: BackendSchema.default({ type: "local" }),
    /** Extra default tags on every resource. @default {} */
    tags: z.record(z.string(), z.string()).default({}),
    /** `production` makes sites choose resilient defaults (a NAT gateway per AZ, longer log retention). */
    profile: z.enum(["development", "production"]),
    /** Address plan of the environment. */
    network: z.strictObject({
      /** CIDR of the hub VPC that Region, Local Zone and Outpost subnets share. */
      vpcCidr: cidrString,
      /**
       * Address block of each site, by site name. Blocks never overlap, so no two subnets of
       * an environment can collide, whichever sites are synthesized.
       */
      sites: z.record(z.string().regex(SITE_NAME), cidrString),
      /**
       * Further home Regions of the environment's sites, each with a hub VPC and site blocks of
       * its own. A site listed here is homed in that Region (a site listed in several Regions,
       * such as `region-hub`, gets a stack in each). @default {} (every site in `region`)
       */
      regions: z
        .record(
          regionRule(z.string()),
          z.strictObject({
            /** CIDR of the hub VPC in that Region. */
            vpcCidr: cidrString,
            /** Address block of each site homed in that Region, by site name. */
            sites: z.record(z.string().regex(SITE_NAME), cidrString),
            /**
             * Peer the transit gateway of this Region's hub with the hub of the environment's
             * own Region: a peering attachment owned by this Region's hub stack, static routes
             * both ways (peering attachments take no propagated routes), and routes to the
             * other hub VPC in both hubs' private route tables. Unicast only: multicast does not
             * cross a peering. @default false
             */
            peerWithHome: z.boolean().optional(),
          }),
        )
        .default({}),
    }),
  })
  .superRefine((env, ctx) => {
    const reserved = new Set(["region", "name"]);
    for (const [key, value] of Object.entries(env.tags)) {
      const keyProblem = tagKeyProblem(key);
      if (keyProblem) {
        ctx.addIssue({
          code: "custom",
          path: ["tags", key],
          message: `tag key ${JSON.stringify(key)}: ${keyProblem}`,
          params: rule("EDGE_TAG_KEY", TAG_KEY_FIX),
          input: key,
        });
      }
      const valueProblem = tagValueProblem(value);
      if (valueProblem) {
        ctx.addIssue({
          code: "custom",
          path: ["tags", key],
          message: valueProblem,
          params: rule(
            "EDGE_TAG_VALUE",
            `use at most 256 letters, numbers, spaces and _ . : / = + - @ (${TAG_RULES_SOURCE})`,
          ),
          input: value,
        });
      }
    }
    for (const key of Object.keys(env.tags)) {
      if (["site", "environment", "managed-by"].includes(key) || reserved.has(key)) {
        ctx.addIssue({
          code: "custom",
          path: ["tags", key],
          message: `tag "${key}" is set by edge-blueprints itself`,
          params: rule("EDGE_TAG_RESERVED", `remove tags.${key}; the stack sets it`),
          input: env.tags[key],
        });
      }
    }
    for (const [region, plan] of Object.entries(env.network.regions)) {
      if (region === env.region) {
        ctx.addIssue({
          code: "custom",
          path: ["network", "regions", region],
          message: `${region} is the environment's own Region, whose plan is network.vpcCidr and network.sites`,
          params: rule("EDGE_ENV_REGION_PLAN", `move these blocks to network.sites and remove network.regions.${region}`),
          input: plan,
        });
      }
    }
    // Every block of every Region is checked against every other: hubs of one environment can be
    // peered, so no two of their VPCs (nor two sites' blocks) may overlap.
    const blocks = [
      ...Object.entries(env.network.sites).map(([site, cidr]) => ({ name: site, cidr, path: `network.sites.${site}` })),
      ...Object.entries(env.network.regions).flatMap(([region, plan]) =>
        Object.entries(plan.sites).map(([site, cidr]) => ({
          name: `${site} (${region})`,
          cidr,
          path: `network.regions.${region}.sites.${site}`,
        })),
      ),
    ];
    const hubs = [
      { name: `the hub VPC of ${env.region}`, cidr: env.network.vpcCidr, path: "network.vpcCidr" },
      ...Object.entries(env.network.regions).map(([region, plan]) => ({
        name: `the hub VPC of ${region}`,
        cidr: plan.vpcCidr,
        path: `network.regions.${region}.vpcCidr`,
      })),
    ];
    for (const err of [...safeOverlaps(blocks), ...safeOverlaps(hubs)]) {
      ctx.addIssue({
        code: "custom",
        path: err.path.split(".").map((p) => p),
        message: err.problem,
        params: rule(err.code, err.fix),
        input: err.value,
      });
    }
  });

function safeOverlaps(blocks: { name: string; cidr: string; path: string }[]): EdgeConfigError[] {
  try {
    return findOverlaps(blocks);
  } catch {
    return []; // malformed blocks are reported by the field schema
  }
}

/** An input environment, as written in config. */
export type EnvironmentInput = z.input<typeof EnvironmentSchema>;

/** What resolution adds to a validated environment (never written in config). */
export interface EnvironmentContext {
  /**
   * Set on an ad-hoc environment: the shipped environment it was derived from. Sites then use
   * that environment's config, with the names {@link SiteDefinition.adHoc} derives.
   */
  readonly derivedFrom?: string;
  /** What was derived from where, one line each, for the note synth prints. */
  readonly derivation?: readonly string[];
  /**
   * Set on the view of a site homed in another Region (see `homesOf`): the whole environment,
   * whose `region` and `network` are the environment's own.
   */
  readonly home?: Environment;
}

/** A validated environment. */
export type Environment = z.output<typeof EnvironmentSchema> & EnvironmentContext;

/** Validates an environment; errors are reported under `environments.<name>`. */
export function defineEnvironment(input: unknown, key?: string): Environment {
  const name =
    key ?? (typeof input === "object" && input !== null ? String((input as { name?: unknown }).name) : "?");
  const env = parseConfig(EnvironmentSchema, input, `environments.${name}`);
  if (key !== undefined && env.name !== key) {
    throwAll([
      new EdgeConfigError({
        code: "EDGE_ENV_NAME",
        path: `environments.${key}.name`,
        value: env.name,
        problem: `environment is listed as "${key}" but named "${env.name}"`,
        fix: `set name to "${key}"`,
      }),
    ]);
  }
  // Role ARNs and the state bucket belong to the environment's account.
  const { assumeRoleArn, permissionsBoundaryArn, backend } = env;
  throwAll(accountMismatches({ assumeRoleArn, permissionsBoundaryArn, backend }, env, `environments.${env.name}`));
  return env;
}

