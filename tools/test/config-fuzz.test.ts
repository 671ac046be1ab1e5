/**
 * Fuzzing of the config schemas: whatever a user writes, the pipeline either synthesizes (and the
 * result passes the policy pack) or rejects it with EdgeConfigErrors at config paths. Anything
 * else (a TypeError, a stack trace, a silently ignored key) is a bug.
 *
 * Runs are reproducible: every property uses one fixed seed, EDGE_FUZZ_SEED overrides it
 * (`EDGE_FUZZ_SEED=$RANDOM npx jest ... config-fuzz` to explore), and a failure prints the seed
 * and the counterexample's path to replay it (fast-check's report: `{ seed: ..., path: ... }`).
 */
import { edgePolicyPack } from "@edge/policy";
import * as path from "node:path";
import {
  configErrorsOf,
  homesOf,
  defineEnvironment,
  ENVIRONMENT_CATALOG_FILE,
  siteConfigFile,
  resolveEnvironment,
  siteConfigFor,
  type EdgeConfigError,
  type SiteDefinition,
} from "@edge/core";
import { environmentCatalog } from "@edge/environments";
import fc from "fast-check";
import { loadSites } from "../src/sites";
import { clone, runPipeline, shippedEnv, withConfig } from "./support/bad-input";
import { DELETE, entriesOf, pathParts } from "./support/config-edits";
import { runInProcess } from "./support/corpus-harness";

/** The seed of every property here: fixed, so a run is reproducible, unless EDGE_FUZZ_SEED is set. */
const FUZZ_SEED = fuzzSeed(process.env.EDGE_FUZZ_SEED);

function fuzzSeed(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === "") return 20261130;
  const seed = Number(raw);
  if (!Number.isSafeInteger(seed)) throw new Error(`EDGE_FUZZ_SEED must be an integer, got ${JSON.stringify(raw)}`);
  return seed;
}
// fast-check prints the seed (and the path of the counterexample) in every failure report.
fc.configureGlobal({ seed: FUZZ_SEED });

const root = path.resolve(__dirname, "../..");
const regionHub = loadSites(root).find((s) => s.name === "region-hub") as SiteDefinition;

/** Runs `fn`; returns its config errors, `undefined` when it succeeded, and rethrows anything else. */
function outcome(fn: () => unknown): EdgeConfigError[] | undefined {
  try {
    fn();
    return undefined;
  } catch (err) {
    const found = configErrorsOf(err);
    if (!found) throw err;
    return found;
  }
}

const wrongFor = {
  string: fc.oneof(
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.integer(), { maxLength: 2 }),
    fc.object({ maxDepth: 1 }),
  ),
  object: fc.oneof(
    fc.integer(),
    fc.string(),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.string(), { maxLength: 2 }),
  ),
};

describe("environment schema fuzzing", () => {
  it("rejects any value with EdgeConfigErrors under environments.dev, or accepts it", () => {
    fc.assert(
      fc.property(fc.anything({ maxDepth: 3 }), (input) => {
        const errors = outcome(() => defineEnvironment(input, "dev"));
        for (const e of errors ?? []) expect(e.path.startsWith("environments.dev")).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("rejects near-valid environments field by field with errors at the broken field", () => {
    const fields = [
      ["account", wrongFor.string],
      ["region", wrongFor.string],
      ["profile", wrongFor.string],
      ["name", wrongFor.string],
      ["assumeRoleArn", wrongFor.string],
      ["network", wrongFor.object],
      ["backend", wrongFor.object],
      ["tags", wrongFor.object],
    ] as const;
    fc.assert(
      fc.property(
        fc.constantFrom(...fields).chain(([key, arb]) => arb.map((bad) => [key, bad] as const)),
        ([key, bad]) => {
          const env = { ...shippedEnv("prod"), [key]: bad };
          const errors = outcome(() => defineEnvironment(env, "prod"));
          expect(errors).toBeDefined();
          expect(
            errors!.some(
              (e) =>
                e.path === `environments.prod.${key}` ||
                e.path.startsWith(`environments.prod.${key}.`),
            ),
          ).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("rejects an unknown key at any level instead of ignoring it", () => {
    const allowed = new Set([
      "name",
      "account",
      "region",
      "assumeRoleArn",
      "permissionsBoundaryArn",
      "backend",
      "tags",
      "profile",
      "network",
      "type",
      "bucket",
      "kmsKeyId",
      "roleArn",
      "keyPrefix",
      "vpcCidr",
      "sites",
      "regions",
    ]);
    fc.assert(
      fc.property(
        fc.constantFrom("", "backend", "network"),
        fc
          .string({ minLength: 1, maxLength: 12 })
          .filter((k) => !allowed.has(k) && k !== "__proto__" && k !== "constructor"),
        fc.jsonValue(),
        (where, key, value) => {
          const env = shippedEnv("prod") as Record<string, Record<string, unknown>>;
          const target = where === "" ? env : env[where];
          target[key] = value;
          const errors = outcome(() => defineEnvironment(env, "prod"));
          expect(errors?.map((e) => e.code)).toContain("EDGE_CONFIG_UNKNOWN_KEY");
          const unknown = errors!.find((e) => e.code === "EDGE_CONFIG_UNKNOWN_KEY")!;
          expect(
            unknown.path.startsWith(where ? `environments.prod.${where}` : "environments.prod"),
          ).toBe(true);
          expect(unknown.message).toContain(unknown.path);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("accepts a CIDR only when it is an IPv4 network block, and says why otherwise", () => {
    const octet = fc.oneof(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 256, max: 999 }));
    const cidrLike = fc
      .tuple(octet, octet, octet, octet, fc.integer({ min: 0, max: 40 }))
      .map(([a, b, c, d, n]) => `${a}.${b}.${c}.${d}/${n}`);
    fc.assert(
      fc.property(fc.oneof(cidrLike, fc.string({ maxLength: 20 })), (cidr) => {
        const env = shippedEnv("dev") as { network: { vpcCidr: string } };
        env.network.vpcCidr = cidr;
        const errors = outcome(() => defineEnvironment(env, "dev"));
        const atCidr = (errors ?? []).filter((e) => e.path === "environments.dev.network.vpcCidr");
        const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(cidr);
        const valid =
          m !== null &&
          m.slice(1, 5).every((o) => Number(o) <= 255 && String(Number(o)) === o) &&
          Number(m[5]) <= 32 &&
          m.slice(1, 5).reduce((n, o) => n * 256 + Number(o), 0) % 2 ** (32 - Number(m[5])) === 0;
        if (valid) expect(atCidr).toEqual([]);
        else expect(atCidr.map((e) => e.code)).toEqual(["EDGE_CIDR_INVALID"]);
      }),
      { numRuns: 300 },
    );
  });
});

describe("valid configs synthesize, and pass the policy pack", () => {
  const regions = [
    "us-east-1",
    "us-east-2",
    "us-west-2",
    "eu-west-1",
    "eu-central-1",
    "ap-southeast-2",
    "ap-northeast-1",
  ];
  const validEnv = fc.record({
    account: fc.stringMatching(/^\d{12}$/),
    region: fc.constantFrom(...regions),
    profile: fc.constantFrom("development", "production"),
    second: fc.integer({ min: 0, max: 254 }),
    boundary: fc.boolean(),
    backend: fc.constantFrom("local", "s3", "tfc"),
    tags: fc.dictionary(
      fc
        .stringMatching(/^[a-z][a-z0-9-]{0,15}$/)
        .filter((k) => !["site", "environment", "managed-by", "region", "name"].includes(k)),
      // Tag values: letters, numbers, spaces and _ . : / = + - @ (Tagging AWS Resources, "Tag
      // naming limits and requirements").
      fc.stringMatching(/^[\p{L}\p{N} _.:/=+@-]{0,20}$/u),
      { maxKeys: 3 },
    ),
  });

  it("synthesizes region-hub in any valid environment with zero unsuppressed policy errors", () => {
    fc.assert(
      fc.property(validEnv, (g) => {
        const x = g.second;
        const env = {
          name: "dev",
          account: g.account,
          region: g.region,
          profile: g.profile,
          tags: g.tags,
          ...(g.boundary
            ? { permissionsBoundaryArn: `arn:aws:iam::${g.account}:policy/boundary` }
            : {}),
          backend:
            g.backend === "s3"
              ? { type: "s3", bucket: `state-${g.account}` }
              : g.backend === "tfc"
                ? { type: "tfc", organization: "acme", workspacePrefix: "edge" }
                : { type: "local" },
          network: {
            vpcCidr: `10.${x}.0.0/16`,
            sites: {
              "region-hub": `10.${x}.0.0/18`,
              "local-zone-bos": `10.${x}.64.0/20`,
              "wavelength-bos": `10.${x + 1}.0.0/20`,
            },
          },
        };
        const config = clone(regionHub.environments.dev) as {
          vpc: { availabilityZones: string[] };
          osv: { image: { s3Bucket: string } };
        };
        config.vpc.availabilityZones = [`${g.region}a`, `${g.region}b`];
        // The image bucket is the environment's account's (EDGE_ACCOUNT_MISMATCH otherwise).
        config.osv.image.s3Bucket = `edge-blueprints-osv-images-${g.account}`;
        const stack = runPipeline(withConfig(regionHub, "dev", config), "dev", env);
        expect(edgePolicyPack.outcomeOf(stack)?.failures).toEqual([]);
      }),
      { numRuns: 12 },
    );
  });

  it("either synthesizes a region-hub VPC config cleanly or rejects it at environments.dev.vpc", () => {
    const az = fc.constantFrom(
      "us-east-1a",
      "us-east-1b",
      "us-east-1c",
      "us-east-1d",
      "us-east-1-bos-1a",
      "us-west-2a",
      "use1-az1",
      "",
    );
    const chaotic = fc.record(
      {
        availabilityZones: fc.oneof(
          fc.array(az, { minLength: 0, maxLength: 4 }),
          fc.constant("us-east-1a"),
        ),
        natGateways: fc.constantFrom("per-az", "single", "none", "two"),
        publicSubnetPrefixLength: fc.integer({ min: 14, max: 30 }),
        privateSubnetPrefixLength: fc.integer({ min: 14, max: 30 }),
        flowLogRetentionDays: fc.constantFrom(1, 7, 30, 365, 3653, 0, 10, 30.5),
        flowLogAggregationSeconds: fc.constantFrom(60, 600, 120),
        instanceConnectEndpoint: fc.boolean(),
        natGateway: fc.constant("single"), // a typo of natGateways: must never be ignored
      },
      { requiredKeys: [] },
    );
    const valid = fc.record(
      {
        availabilityZones: fc.shuffledSubarray(["us-east-1a", "us-east-1b", "us-east-1c"], {
          minLength: 1,
        }),
        natGateways: fc.constantFrom("per-az", "single", "none"),
        publicSubnetPrefixLength: fc.integer({ min: 24, max: 28 }),
        privateSubnetPrefixLength: fc.integer({ min: 20, max: 26 }),
        flowLogRetentionDays: fc.constantFrom(1, 7, 30, 90, 365, 3653),
        flowLogAggregationSeconds: fc.constantFrom(60, 600),
        instanceConnectEndpoint: fc.boolean(),
      },
      { requiredKeys: ["availabilityZones"] },
    );
    let synthesized = 0;
    let rejected = 0;
    fc.assert(
      fc.property(
        fc.oneof(
          {
            arbitrary: valid.map((vpc) => ({ vpc: vpc as Record<string, unknown>, valid: true })),
            weight: 1,
          },
          {
            arbitrary: chaotic.map((vpc) => ({
              vpc: vpc as Record<string, unknown>,
              valid: false,
            })),
            weight: 2,
          },
        ),
        ({ vpc, valid: isValid }) => {
          const config = { ...(clone(regionHub.environments.dev) as Record<string, unknown>), vpc };
          let stack: ReturnType<typeof runPipeline> | undefined;
          const errors = outcome(
            () => (stack = runPipeline(withConfig(regionHub, "dev", config), "dev")),
          );
          if (isValid) expect(errors?.map((e) => e.message)).toBeUndefined();
          if (errors) {
            rejected++;
            // Subnets that do not fit name the site's block, written in the environment catalog.
            for (const e of errors) {
              expect(
                e.path.startsWith("environments.dev.vpc") ||
                  e.path === "environments.dev.network.sites.region-hub",
              ).toBe(true);
            }
            if ("natGateway" in vpc)
              expect(errors.map((e) => e.path)).toContain("environments.dev.vpc.natGateway");
          } else {
            synthesized++;
            expect("natGateway" in vpc).toBe(false);
            expect(edgePolicyPack.outcomeOf(stack!)?.failures).toEqual([]);
          }
        },
      ),
      { numRuns: 45 },
    );
    expect(synthesized).toBeGreaterThan(0);
    expect(rejected).toBeGreaterThan(0);
  });
});

/** Paths of every leaf and object of `value` (`a.b[0].c`), for picking what to break. */
function pathsOf(value: unknown, prefix = ""): { path: string; isObject: boolean }[] {
  if (Array.isArray(value)) {
    return [
      { path: prefix, isObject: false },
      ...value.flatMap((v, i) => pathsOf(v, `${prefix}[${i}]`)),
    ];
  }
  if (value !== null && typeof value === "object") {
    return [
      ...(prefix ? [{ path: prefix, isObject: true }] : []),
      // Keys as errors print them: `.name`, or `["a key"]` when not an identifier.
      ...Object.entries(value).flatMap(([k, v]) =>
        pathsOf(v, /^[A-Za-z_][\w-]*$/.test(k) ? (prefix ? `${prefix}.${k}` : k) : `${prefix}[${JSON.stringify(k)}]`),
      ),
    ];
  }
  return [{ path: prefix, isObject: false }];
}

describe("every site schema, fuzzed through synth's own checks", () => {
  const sites = new Map(loadSites(root).map((s) => [s.name, s]));
  const files = [ENVIRONMENT_CATALOG_FILE, ...[...sites.keys()].map(siteConfigFile)];

  // Every config entry of every site for dev, whatever the site's shape: the environment's own
  // (`environments.dev`) and each further home Region's (`regions.us-west-2.dev`,
  // local-zone-lax's only entry, region-hub's second).
  const fuzzed = [...sites.values()].flatMap((s) =>
    entriesOf(s)
      .filter((e) => e.env === "dev")
      .map((e) => [`${s.name} ${e.configPath}`, s.name, e] as const),
  );

  it("reaches every site, and the entries of sites homed in another Region", () => {
    expect(new Set(fuzzed.map(([, name]) => name))).toEqual(new Set(sites.keys()));
    expect(fuzzed.map(([label]) => label)).toEqual(
      expect.arrayContaining([
        "local-zone-lax regions.us-west-2.dev",
        "region-hub regions.us-west-2.dev",
      ]),
    );
  });

  it.each(fuzzed)(
    "%s: any value at any key ends in synthesized stacks or coded errors naming a path and a file",
    (_label, name, listed) => {
      // The entry as it is now (edits are undone by replacing entries, not the objects listed).
      const entry = entriesOf(sites.get(name)!).find((e) => e.configPath === listed.configPath)!;
      const targets = pathsOf(entry.config).filter((p) => p.path !== "");
      let rejected = 0;
      fc.assert(
        fc.property(
          fc.constantFrom(...targets),
          fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant(DELETE)),
          (target, bad) => {
            const outcomeOf = runInProcess(
              { sites: { [name]: { [entry.configPath]: { [target.path]: bad } } } },
              sites,
              [name],
              ["dev"],
            );
            if (outcomeOf.errors.length > 0) rejected++;
            for (const e of outcomeOf.errors) {
              expect(e.code).toMatch(/^EDGE_[A-Z0-9_]+$/);
              // The entry edited, the environment's own entry it shares values with, or the
              // environment catalog.
              expect(
                e.path.startsWith(entry.configPath) || e.path.startsWith("environments.dev"),
              ).toBe(true);
              expect(files).toContain(e.file);
              expect(e.fix).not.toMatch(/^correct /);
              // The value printed is the value written at the path printed (or, for a key, the key).
              if (e.written) {
                const shown = e.value === e.written.key ? e.written.key : e.written.value;
                expect([e.code, e.path, e.value]).toEqual([e.code, e.path, shown]);
              }
            }
          },
        ),
        { numRuns: 20 },
      );
      expect(rejected).toBeGreaterThan(0);
    },
    120_000,
  );

  it.each(fuzzed)(
    "%s: an unknown key at any level is reported, never ignored",
    (_label, name, listed) => {
      const site = sites.get(name)!;
      const entry = entriesOf(site).find((e) => e.configPath === listed.configPath)!;
      const objects = [
        "",
        ...pathsOf(entry.config)
          .filter((p) => p.isObject)
          .map((p) => p.path),
      ];
      const whole = resolveEnvironment("dev", environmentCatalog);
      const home = homesOf(name, whole).find((h) => h.region === (entry.region ?? whole.region))!;
      fc.assert(
        fc.property(
          fc.constantFrom(...objects),
          fc.stringMatching(/^[a-z][a-zA-Z]{2,10}$/),
          fc.jsonValue({ maxDepth: 1 }),
          (where, key, value) => {
            const config = clone(entry.config) as Record<string, unknown>;
            let target = config;
            for (const part of pathParts(where)) target = target[part] as Record<string, unknown>;
            // Only keys the schema does not know: a record (placementGroups; the containers'
            // services and a service's environment and secrets) takes any name.
            fc.pre(!(key in target) && !/(placementGroups|containers\.services|\.environment|\.secrets)$/.test(where));
            target[key] = value;
            const edited: SiteDefinition =
              entry.region === undefined
                ? { ...site, environments: { ...site.environments, dev: config } }
                : {
                    ...site,
                    regions: { ...site.regions, [entry.region]: { ...site.regions![entry.region], dev: config } },
                  };
            const errors = outcome(() => siteConfigFor(edited, home.environment));
            const at = where ? `${entry.configPath}.${where}.${key}` : `${entry.configPath}.${key}`;
            expect(
              errors?.filter((e) => e.code === "EDGE_CONFIG_UNKNOWN_KEY").map((e) => e.path),
            ).toContain(at);
          },
        ),
        { numRuns: 60 },
      );
    },
  );
});
