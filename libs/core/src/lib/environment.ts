import { z } from "zod";
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
    const blocks = Object.entries(env.network.sites).map(([site, cidr]) => ({
      name: site,
      cidr,
      path: `network.sites.${site}`,
    }));
    for (const err of safeOverlaps(blocks)) {
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
/** A validated environment. */
export type Environment = z.output<typeof EnvironmentSchema>;

/**
 * The environments this repository ships. Account ids and the Terraform Cloud organization are
 * placeholders; replace them with yours. The two delivery paths: `dev` is delivered with
 * `cdktf deploy` and keeps its state locally, so everything works with no cloud setup; `staging`
 * and `prod` are delivered by Terraform Cloud (one organization, one project per environment),
 * which keeps their state in its workspaces. The S3 backend stays an option for teams that
 * deploy with the CLI (`{ type: "s3", bucket, … }`).
 */
export const SHIPPED_ENVIRONMENTS: Readonly<Record<string, EnvironmentInput>> = {
  dev: {
    name: "dev",
    account: "111111111111",
    region: "us-east-1",
    profile: "development",
    tags: { "cost-center": "edge-dev" },
    network: {
      vpcCidr: "10.10.0.0/16",
      sites: {
        "region-hub": "10.10.0.0/18",
        "local-zone-bos": "10.10.64.0/20",
        "outpost-factory": "10.10.80.0/20",
        // Wavelength sites get a VPC of their own: instances in two Wavelength Zones of one VPC
        // cannot reach each other (Wavelength quotas and considerations).
        "wavelength-bos": "10.11.0.0/20",
      },
    },
  },
  staging: {
    name: "staging",
    account: "222222222222",
    region: "us-east-1",
    assumeRoleArn: "arn:aws:iam::222222222222:role/edge-blueprints-deploy",
    permissionsBoundaryArn: "arn:aws:iam::222222222222:policy/edge-blueprints-boundary",
    profile: "production",
    backend: { type: "tfc", organization: "edge-blueprints", workspacePrefix: "edge", project: "edge-staging" },
    tags: { "cost-center": "edge-staging" },
    network: {
      vpcCidr: "10.20.0.0/16",
      sites: {
        "region-hub": "10.20.0.0/18",
        "local-zone-bos": "10.20.64.0/20",
        "outpost-factory": "10.20.80.0/20",
        // Wavelength sites get a VPC of their own: instances in two Wavelength Zones of one VPC
        // cannot reach each other (Wavelength quotas and considerations).
        "wavelength-bos": "10.21.0.0/20",
      },
    },
  },
  prod: {
    name: "prod",
    account: "333333333333",
    region: "us-east-1",
    assumeRoleArn: "arn:aws:iam::333333333333:role/edge-blueprints-deploy",
    permissionsBoundaryArn: "arn:aws:iam::333333333333:policy/edge-blueprints-boundary",
    profile: "production",
    backend: { type: "tfc", organization: "edge-blueprints", workspacePrefix: "edge", project: "edge-prod" },
    tags: { "cost-center": "edge-prod" },
    network: {
      vpcCidr: "10.30.0.0/16",
      sites: {
        "region-hub": "10.30.0.0/18",
        "local-zone-bos": "10.30.64.0/20",
        "outpost-factory": "10.30.80.0/20",
        // Wavelength sites get a VPC of their own: instances in two Wavelength Zones of one VPC
        // cannot reach each other (Wavelength quotas and considerations).
        "wavelength-bos": "10.31.0.0/20",
      },
    },
  },
};

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
  return env;
}

/**
 * Returns the environment called `name`: a shipped one, or an ad-hoc one (a branch, a
 * developer's sandbox) with `dev`'s settings under its own name, and so its own state.
 */
export function resolveEnvironment(
  name: string,
  environments: Readonly<Record<string, EnvironmentInput>> = SHIPPED_ENVIRONMENTS,
): Environment {
  if (typeof name !== "string" || !ENV_NAME.test(name)) {
    throw new EdgeConfigError({
      code: "EDGE_ENV_NAME",
      path: "EDGE_ENVS",
      value: name,
      problem: "not a valid environment name",
      fix: "use lowercase letters, digits and dashes, starting with a letter, at most 24 characters",
    });
  }
  const shipped = environments[name];
  if (shipped) return defineEnvironment(shipped, name);
  const base = environments.dev;
  if (!base) {
    throw new EdgeConfigError({
      code: "EDGE_ENV_UNKNOWN",
      path: "EDGE_ENVS",
      value: name,
      problem: `no environment "${name}" and no "dev" environment to derive it from`,
      fix: `use one of ${Object.keys(environments).join(", ")}`,
    });
  }
  return defineEnvironment({ ...base, name }, name);
}

/** True when `name` is one of the shipped environments rather than an ad-hoc one. */
export function isShippedEnvironment(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(SHIPPED_ENVIRONMENTS, name);
}
