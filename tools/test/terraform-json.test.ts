/**
 * What every shipped stack (and the state-bucket bootstrap stack) hands to Terraform and to the
 * cdktf CLI, checked offline against their documented contracts; no terraform binary, no
 * provider schema (those checks run in CI: tools/terraform-checks.ts).
 *
 * - Terraform, JSON Configuration Syntax
 *   (https://developer.hashicorp.com/terraform/language/syntax/json).
 * - cdktf-cli 0.21 parses each stack it diffs or deploys with `terraformJsonSchema`
 *   (`@cdktf/cli-core` src/lib/terraform-json.js) and runs `plan` without `-out` for a stack
 *   whose `terraform` block has `cloud` or `backend.remote` (`isCloudStack`, cdktf-cli
 *   bundle/bin/cmds/handlers.js).
 * - Terraform AWS Provider Version 6 Upgrade Guide
 *   (https://registry.terraform.io/providers/hashicorp/aws/latest/docs/guides/version-6-upgrade).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { terraformJsonSchema } from "@cdktf/cli-core/src/lib/terraform-json";
import { resolveEnvironment } from "@edge/core";
import { environmentCatalog } from "@edge/environments";
import { edgePolicyPack } from "@edge/policy";
import { synthesizeSites } from "@edge/synth";
import { BOOTSTRAP_OUTDIR, synthesizeBootstrap } from "../src/bootstrap";
import { loadSites } from "../src/sites";

const root = path.resolve(__dirname, "../..");

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Every stack's `cdk.tf.json` under `<outdir>/stacks`, by stack name. */
function stacksIn(outdir: string): [string, Json][] {
  const dir = path.join(outdir, "stacks");
  return fs
    .readdirSync(dir)
    .sort()
    .map((name) => [
      name,
      JSON.parse(fs.readFileSync(path.join(dir, name, "cdk.tf.json"), "utf8")) as Json,
    ]);
}

/** `<type>.<name>` of every resource and `data.<type>.<name>` of every data source. */
function addresses(json: Json): Set<string> {
  const out = new Set<string>();
  for (const [kind, prefix] of [
    ["resource", ""],
    ["data", "data."],
  ] as const) {
    for (const [type, byName] of Object.entries((json[kind] ?? {}) as Json)) {
      for (const name of Object.keys(byName as Json)) out.add(`${prefix}${type}.${name}`);
    }
  }
  return out;
}

/** Every block body of a resource or data source: [address, body]. */
function blocks(json: Json): [string, Json][] {
  return (["resource", "data"] as const).flatMap((kind) =>
    Object.entries((json[kind] ?? {}) as Json).flatMap(([type, byName]) =>
      Object.entries(byName as Json).map(
        ([name, body]) =>
          [`${kind === "data" ? "data." : ""}${type}.${name}`, body as Json] as [string, Json],
      ),
    ),
  );
}

/** Every string in `value`, with its path. */
function strings(value: unknown, at: string, out: [string, string][] = []): [string, string][] {
  if (typeof value === "string") out.push([at, value]);
  else if (Array.isArray(value)) value.forEach((v, i) => strings(v, `${at}[${i}]`, out));
  else if (value && typeof value === "object")
    for (const [k, v] of Object.entries(value)) strings(v, `${at}.${k}`, out);
  return out;
}

/** Paths of every `"//"` property in `value`. */
function commentPaths(value: unknown, at: string, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v, i) => commentPaths(v, `${at}[${i}]`, out));
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (k === "//") out.push(at);
      else commentPaths(v, `${at}.${k}`, out);
    }
  }
  return out;
}

/**
 * A provider source address as Terraform reads it: `[<HOSTNAME>/]<NAMESPACE>/<TYPE>`, where a bare
 * `<TYPE>` means the `hashicorp` namespace of the public registry (terraform-registry-address
 * `ParseProviderSource`: "name", "namespace/name" and "hostname/namespace/name" are valid).
 */
function fullSource(source: string): string {
  const parts = source.split("/");
  if (parts.length === 1) return `registry.terraform.io/hashicorp/${parts[0]}`;
  if (parts.length === 2) return `registry.terraform.io/${source}`;
  return source;
}

/** The provider the bindings were generated from (@cdktf/provider-aws package.json, `cdktf.provider`). */
const PROVIDER = (
  JSON.parse(fs.readFileSync(require.resolve("@cdktf/provider-aws/package.json"), "utf8")) as {
    cdktf: { provider: { name: string; version: string } };
  }
).cdktf.provider;

/**
 * Arguments the AWS provider v6 removed (Version 6 Upgrade Guide, sections per resource), and the
 * inline `aws_s3_bucket` arguments deprecated in favour of their own resources since v4 (provider
 * docs, `aws_s3_bucket`: "Use the aws_s3_bucket_versioning resource instead", and so on).
 */
const REMOVED_OR_DEPRECATED: Record<string, readonly string[]> = {
  // "Remove `vpc`—it is no longer supported. Use `domain` instead."
  aws_eip: ["vpc"],
  // "Remove `log_group_name`—it is no longer supported. Use `log_destination` instead."
  aws_flow_log: ["log_group_name"],
  // "Remove `cpu_core_count` and `cpu_threads_per_core`—they are no longer supported."
  aws_instance: ["cpu_core_count", "cpu_threads_per_core"],
  // "Remove `elastic_gpu_specifications`" / "Remove `elastic_inference_accelerator`"
  aws_launch_template: ["elastic_gpu_specifications", "elastic_inference_accelerator"],
  // "Remove `inference_accelerator`—it is no longer supported."
  aws_ecs_task_definition: ["inference_accelerator"],
  aws_s3_bucket: [
    "acl",
    "grant",
    "versioning",
    "server_side_encryption_configuration",
    "logging",
    "lifecycle_rule",
    "website",
    "cors_rule",
    "replication_configuration",
    "object_lock_configuration",
    "policy",
    "acceleration_status",
    "request_payer",
  ],
};

/**
 * "Update your configuration to _only_ use `""`, `true`, or `false`" for these launch template
 * arguments (Version 6 Upgrade Guide, "Nullable Boolean Validation Update").
 */
const LAUNCH_TEMPLATE_NULLABLE_BOOLS = [
  "block_device_mappings.ebs.delete_on_termination",
  "block_device_mappings.ebs.encrypted",
  "ebs_optimized",
  "network_interfaces.associate_carrier_ip_address",
  "network_interfaces.associate_public_ip_address",
  "network_interfaces.delete_on_termination",
  "network_interfaces.primary_ipv6",
];

/** Values at a dotted path, through nested block lists. */
function valuesAt(body: unknown, dotted: string): unknown[] {
  let current: unknown[] = [body];
  for (const key of dotted.split(".")) {
    current = current
      .flatMap((v) => (Array.isArray(v) ? v : [v]))
      .filter((v): v is Json => !!v && typeof v === "object")
      .map((v) => v[key])
      .filter((v) => v !== undefined);
  }
  return current;
}

/** "Each top-level object property must match the name of one of the expected top-level block types." */
const TOP_LEVEL_BLOCK_TYPES = new Set([
  "//",
  "terraform",
  "provider",
  "resource",
  "data",
  "output",
  "variable",
  "locals",
  "module",
  "moved",
  "import",
  "removed",
  "check",
]);

/**
 * "In any object that represents a block body, properties named "//" are ignored by Terraform
 * entirely. This exception does _not_ apply to objects that are being interpreted as expressions,
 * where this would be interpreted as an object type attribute named "//"." Allowed here: the root
 * and the body of a resource or data source (where cdktf writes its metadata).
 */
function misplacedComments(json: Json): string[] {
  return Object.entries(json)
    .filter(([k]) => k !== "//")
    .flatMap(([k, v]) =>
      k === "resource" || k === "data"
        ? blocks({ [k]: v }).flatMap(([a, body]) =>
            Object.entries(body)
              .filter(([p]) => p !== "//")
              .flatMap(([p, x]) => commentPaths(x, `${a}.${p}`)),
          )
        : commentPaths(v, k),
    );
}

/**
 * `depends_on`: "an array of strings containing references to named entities, like
 * ["aws_instance.example"]"; `provider`: "a `<PROVIDER>.<ALIAS>` reference to a provider
 * configuration ... presented as a string"; `ignore_changes`: "a single string "all"" or "an
 * array of JSON strings containing property references". Each must name what the stack declares.
 */
function metaArgumentProblems(json: Json): string[] {
  const declared = addresses(json);
  const aliases = new Set(
    Object.entries((json.provider ?? {}) as Json).flatMap(([type, configs]) =>
      (configs as Json[]).map((c) => (c.alias ? `${type}.${String(c.alias)}` : type)),
    ),
  );
  const problems: string[] = [];
  for (const [address, body] of blocks(json)) {
    for (const dep of (body.depends_on ?? []) as string[])
      if (!declared.has(dep)) problems.push(`${address} depends_on ${dep}`);
    if (body.provider !== undefined && !aliases.has(body.provider))
      problems.push(`${address} provider ${body.provider}`);
    const ignore = body.lifecycle?.ignore_changes;
    if (
      ignore !== undefined &&
      ignore !== "all" &&
      !(
        Array.isArray(ignore) &&
        ignore.every((a) => typeof a === "string" && /^[a-z_][a-z0-9_.[\]]*$/.test(a))
      )
    ) {
      problems.push(`${address} ignore_changes ${JSON.stringify(ignore)}`);
    }
  }
  return problems;
}

/**
 * Resources and data sources named inside `${…}` interpolations that the stack does not declare
 * (Terraform: "Reference to undeclared resource").
 */
function danglingReferences(json: Json): string[] {
  const reference = /\b(data\.)?([a-z][a-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_-]*)\b/g;
  const declared = addresses(json);
  const types = new Set([...declared].map((a) => a.replace(/\.[^.]+$/, "")));
  const dangling = new Set<string>();
  for (const [at, text] of strings(
    { resource: json.resource, data: json.data, output: json.output },
    "",
  )) {
    if (at.includes(".//")) continue;
    for (const interpolation of text.match(/\$\{[^}]*\}/g) ?? []) {
      for (const m of interpolation.matchAll(reference)) {
        const type = `${m[1] ?? ""}${m[2]}`;
        const address = `${type}.${m[3]}`;
        if ((m[1] || types.has(type)) && !declared.has(address)) dangling.add(address);
      }
    }
  }
  return [...dangling];
}

/** Arguments of {@link REMOVED_OR_DEPRECATED} that a resource sets. */
function removedArguments(json: Json): string[] {
  const used: string[] = [];
  for (const [type, args] of Object.entries(REMOVED_OR_DEPRECATED)) {
    for (const [resourceName, body] of Object.entries((json.resource?.[type] ?? {}) as Json)) {
      for (const arg of args)
        if (arg in (body as Json)) used.push(`${type}.${resourceName}.${arg}`);
    }
  }
  return used;
}

describe("the offline checks", () => {
  it("flag what Terraform or the v6 provider would refuse", () => {
    const bad: Json = {
      resource: {
        aws_eip: { a: { vpc: true, tags: { "//": "a tag, not a comment" } } },
        aws_subnet: {
          b: {
            vpc_id: "${aws_vpc.missing.id}",
            depends_on: ["aws_eip.gone"],
            provider: "aws.nowhere",
            lifecycle: { ignore_changes: "${all}" },
          },
        },
      },
      output: { o: { value: "${data.aws_ami.none.id}" } },
      provider: { aws: [{ region: "us-east-1" }] },
    };
    expect(misplacedComments(bad)).toEqual(["aws_eip.a.tags"]);
    expect(metaArgumentProblems(bad)).toEqual([
      "aws_subnet.b depends_on aws_eip.gone",
      "aws_subnet.b provider aws.nowhere",
      'aws_subnet.b ignore_changes "${all}"',
    ]);
    expect(
      danglingReferences({ ...bad, resource: { ...bad.resource, aws_vpc: { main: {} } } }),
    ).toEqual(["aws_vpc.missing", "data.aws_ami.none"]);
    expect(removedArguments(bad)).toEqual(["aws_eip.a.vpc"]);
  });
});

describe("the Terraform JSON of every stack", () => {
  let tmp: string;
  let stacks: [string, Json][];

  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "edge-terraform-json-"));
    const outdir = path.join(tmp, "cdktf.out");
    const result = synthesizeSites(loadSites(root), {
      repoRoot: tmp,
      outdir,
      mode: "full",
      catalog: environmentCatalog,
      policy: edgePolicyPack,
    });
    if (!result.ok) throw new Error(result.errors.join("\n"));
    const prod = resolveEnvironment("prod", environmentCatalog);
    synthesizeBootstrap(
      {
        ...prod,
        backend: {
          type: "s3",
          bucket: "edge-blueprints-tfstate-333333333333",
          kmsKeyId: "alias/tfstate",
        },
      },
      tmp,
      edgePolicyPack,
    );
    stacks = [...stacksIn(outdir), ...stacksIn(path.join(tmp, BOOTSTRAP_OUTDIR))];
  }, 300_000);
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it("covers every shipped site x environment and the bootstrap stack", () => {
    expect(stacks.length).toBeGreaterThanOrEqual(22);
    expect(stacks.map(([name]) => name)).toEqual(
      expect.arrayContaining(["region-hub-dev", "global-dns-prod", "state-bootstrap-prod"]),
    );
  });

  it("has only Terraform's top-level block types at its root", () => {
    for (const [name, json] of stacks) {
      expect([name, Object.keys(json).filter((k) => !TOP_LEVEL_BLOCK_TYPES.has(k))]).toEqual([
        name,
        [],
      ]);
    }
  });

  it("puts '//' comments only at the root and in resource and data block bodies, never in a value", () => {
    for (const [name, json] of stacks) expect([name, misplacedComments(json)]).toEqual([name, []]);
  });

  it("requires the provider the bindings were generated from, terraform >= 1.10, and exactly one state location", () => {
    for (const [name, json] of stacks) {
      const tf = json.terraform as Json;
      const aws = tf.required_providers.aws as Json;
      expect([name, fullSource(aws.source), aws.version]).toEqual([
        name,
        PROVIDER.name,
        PROVIDER.version,
      ]);
      expect([name, tf.required_version]).toEqual([name, ">= 1.10"]);
      // "only one `backend` block is allowed per `terraform` block", given as one property naming its type.
      const where = [
        ...(tf.backend ? Object.keys(tf.backend as Json) : []),
        ...(tf.cloud ? ["cloud"] : []),
      ];
      expect([name, where.length]).toEqual([name, 1]);
    }
  });

  it("passes cdktf-cli's own parse and tells it the same backend as the terraform block", () => {
    for (const [name, json] of stacks) {
      const parsed = terraformJsonSchema.safeParse(json);
      expect([name, parsed.success ? [] : parsed.error.issues]).toEqual([name, []]);
      const tf = json.terraform as Json;
      const backend = tf.cloud ? "cloud" : Object.keys(tf.backend as Json)[0];
      expect([name, json["//"].metadata.backend, json["//"].metadata.stackName]).toEqual([
        name,
        backend,
        name,
      ]);
    }
  });

  it("gives depends_on, provider and ignore_changes as bare references to what the stack declares", () => {
    for (const [name, json] of stacks)
      expect([name, metaArgumentProblems(json)]).toEqual([name, []]);
  });

  it("references in expressions only resources and data sources the stack declares", () => {
    for (const [name, json] of stacks) expect([name, danglingReferences(json)]).toEqual([name, []]);
  });

  it("uses no argument the AWS provider v6 removed, nor the inline S3 bucket arguments", () => {
    for (const [name, json] of stacks) expect([name, removedArguments(json)]).toEqual([name, []]);
  });

  it("gives the launch template's nullable booleans only as true, false or their strings", () => {
    const allowed = new Set<unknown>([true, false, "true", "false", ""]);
    let checked = 0;
    for (const [name, json] of stacks) {
      for (const [resourceName, body] of Object.entries(
        (json.resource?.aws_launch_template ?? {}) as Json,
      )) {
        for (const arg of LAUNCH_TEMPLATE_NULLABLE_BOOLS) {
          for (const value of valuesAt(body, arg)) {
            checked++;
            expect([
              name,
              resourceName,
              arg,
              allowed.has(value) || (typeof value === "string" && value.startsWith("${")),
            ]).toEqual([name, resourceName, arg, true]);
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(0);
  });
});
