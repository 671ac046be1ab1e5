/**
 * The site generator (`nx g @edge/nx:site`, tools/nx-plugin/generators/site) on a temporary copy
 * of this workspace (node_modules linked, not copied): one Local Zone site generated with the Nx
 * CLI, then synthesized by its own entry, and the new stacks' Terraform JSON checked. Bad options
 * are checked in-process on the same copy: each fails with its code and message, and nothing is
 * written.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { FsTree } from "nx/src/generators/tree";
import {
  COMMAND_ENV as env,
  firstFreeBlock,
  generateInCopy,
  offsetIp,
  plain,
  synthGeneratedSite,
  unusedSiteName,
} from "./support/generator-workspace";

const root = path.resolve(__dirname, "../..");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const siteGenerator = require(path.join(root, "tools/nx-plugin/generators/site/generator")) as (
  tree: FsTree,
  options: Record<string, unknown>,
) => Promise<unknown>;

// A name no app, contract or plan uses yet, so the test holds after users add their own sites.
const SITE = unusedSiteName(root, "local-zone-bos2");
const ZONE = "us-east-1-bos-1a";
/** The shipped environments' address plan: the environments library, or core before it. */
const PLAN = ["libs/environments/src/lib/shipped-environments.ts", "libs/core/src/lib/environment.ts"].find((f) =>
  fs.existsSync(path.join(root, f)),
)!;

let copy: string;
let generatorOutput: string;
let generatorStderr: string;

beforeAll(() => {
  ({ copy, output: generatorOutput, stderr: generatorStderr } = generateInCopy(root, "edge-site-generator-", [
    SITE,
    "--kind",
    "local-zone",
    "--zone",
    ZONE,
  ]));
}, 120_000);

afterAll(() => {
  if (copy) fs.rmSync(copy, { recursive: true, force: true });
});

const read = (file: string) => fs.readFileSync(path.join(copy, file), "utf8");

describe("nx g @edge/nx:site (local-zone)", () => {
  // Nx registers a TypeScript transpiler for a generator collection it resolves as a local
  // plugin, and warns "Unable to locate swc-node or ts-node" when none is installed
  // (nx/dist/src/project-graph/plugins/in-process-loader.js, plugins/js/utils/register.js). The
  // workspace plugin is plain JavaScript and installed as the package @edge/nx (package.json
  // "file:tools/nx-plugin"), so a user's `nx g` prints no such warning.
  it("prints no transpiler warning", () => {
    expect(plain(generatorStderr)).not.toMatch(/swc-node|ts-node|Unable to/);
  });

  it("writes the app, its contract library, and the address plan and path entries", () => {
    const written = plain(generatorOutput)
      .split("\n")
      .filter((l) => /^(CREATE|UPDATE) /.test(l))
      .sort();
    expect(written).toEqual(
      [
        `CREATE apps/${SITE}/project.json`,
        `CREATE apps/${SITE}/src/main.ts`,
        `CREATE apps/${SITE}/src/site.ts`,
        `CREATE apps/${SITE}/test/${SITE}.test.ts`,
        `CREATE apps/${SITE}/tsconfig.json`,
        `CREATE libs/${SITE}-contract/project.json`,
        `CREATE libs/${SITE}-contract/src/${SITE}-outputs.ts`,
        `CREATE libs/${SITE}-contract/src/index.ts`,
        `CREATE libs/${SITE}-contract/test/${SITE}-outputs.test.ts`,
        `CREATE libs/${SITE}-contract/tsconfig.json`,
        `UPDATE ${PLAN}`,
        "UPDATE tsconfig.base.json",
      ].sort(),
    );
    expect(read("tsconfig.base.json")).toContain(
      `"@edge/${SITE}-contract": ["./libs/${SITE}-contract/src/index.ts"],`,
    );
    const refs = JSON.parse(read(`apps/${SITE}/tsconfig.json`)).references.map((r: { path: string }) => r.path);
    expect(refs).toEqual(expect.arrayContaining([`../../libs/${SITE}-contract`, "../../libs/region-hub-contract"]));
  });

  it("reserves the first free /20 of each environment's us-east-1 hub VPC, as one more entry of its plan", () => {
    const before = fs.readFileSync(path.join(root, PLAN), "utf8").split("\n");
    const after = read(PLAN).split("\n");
    const added = after.filter((l) => !before.includes(l));
    // The first /20 of each hub VPC that no site's block overlaps (10.x.96.0/20 with the shipped
    // sites: region-hub's 10.x.0.0/18, local-zone-bos's 10.x.64.0/20, outpost-factory's 10.x.80.0/20).
    expect(added.map((l) => l.trim())).toEqual(["dev", "staging", "prod"].map((e) => `"${SITE}": "${firstFreeBlock(e)}/20",`));
    expect(after).toHaveLength(before.length + 3);
  });

  describe("synthesized by its own entry", () => {
    let stacks: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    let table: string;

    beforeAll(() => {
      ({ table, stacks } = synthGeneratedSite(copy, SITE, env));
    }, 120_000);

    it("prints one table line per environment", () => {
      for (const e of ["dev", "staging", "prod"]) expect(plain(table)).toMatch(new RegExp(`^\\s*${SITE}-${e}\\b`, "m"));
    });

    it.each(["dev", "staging", "prod"])("%s: subnets in the zone, from the site's block, in the hub VPC", (e) => {
      const block = firstFreeBlock(e);
      const json = stacks[e];
      expect(json.provider.aws[0].region).toBe("us-east-1");
      expect(json.provider.aws[0].default_tags[0].tags).toMatchObject({ site: SITE, environment: e });
      const subnets = Object.values(json.resource.aws_subnet) as { availability_zone: string; cidr_block: string; vpc_id: string }[];
      // The private /22 at the start of the block, then the public /24 after it.
      expect(subnets.map((s) => [s.availability_zone, s.cidr_block]).sort()).toEqual(
        [
          [ZONE, `${block}/22`],
          [ZONE, `${offsetIp(block, 1024)}/24`],
        ].sort(),
      );
      for (const s of subnets) expect(s.vpc_id).toBe("${data.terraform_remote_state.region-hub-outputs.outputs.vpc_id}");
      // local-zone-bos already manages the zone group's opt-in: the new site leaves it alone.
      expect(json.resource.aws_ec2_availability_zone_group).toBeUndefined();
      expect(Object.keys(json.output).sort()).toEqual(
        [
          "ebs_volume_types",
          "nat_gateway_ids",
          "network_border_groups",
          "private_route_table_ids",
          "private_subnet_ids",
          "public_route_table_id",
          "public_subnet_ids",
          "workload_security_group_id",
        ],
      );
    });
  });
});

describe("nx g @edge/nx:site with bad options", () => {
  // In-process on the copy: the generator throws before it writes anything to the tree.
  const attempt = async (options: Record<string, unknown>) => {
    const tree = new FsTree(copy, false);
    const error = await siteGenerator(tree, { skipDiagram: true, ...options }).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(tree.listChanges()).toEqual([]);
    return error?.message;
  };

  it("refuses a bad name, naming the rule", async () => {
    expect(await attempt({ name: "Bos_2", kind: "local-zone", zone: ZONE })).toBe(
      'EDGE_GEN_NAME at name: not a valid site name: lowercase letters and digits in words joined by single dashes, starting with a letter, at most 32 characters (stacks are <site>-<env>) (got "Bos_2"); fix: use a name such as "local-zone-mia"',
    );
  });

  // homesOf (@edge/core) names a site's stacks in its second and later home Regions
  // <site>-<region>-<env>: region-hub is homed in us-west-2 too, as region-hub-us-west-2.
  it("refuses the name of another site's stacks in a further home Region", async () => {
    expect(await attempt({ name: "region-hub-us-west-2", kind: "local-zone", zone: ZONE })).toBe(
      'EDGE_GEN_NAME_TAKEN at name: the name is taken: ' +
        ["dev", "staging", "prod"]
          .map((e) => `site region-hub is also homed in us-west-2 in environment ${e}, where its stack is region-hub-us-west-2-${e}`)
          .join("; ") +
        ' (got "region-hub-us-west-2"); fix: choose another site name',
    );
  });

  // us-east-1-zzz-9a is a well-formed Local Zone name that no AWS zone list names.
  it("refuses a taken name and a zone the catalog does not know, both at once", async () => {
    expect(await attempt({ name: "local-zone-bos", kind: "local-zone", zone: "us-east-1-zzz-9a" })).toBe(
      [
        "2 problems with the site options; nothing was written",
        '  EDGE_GEN_NAME_TAKEN at name: the name is taken: apps/local-zone-bos exists; libs/local-zone-bos-contract exists; environment dev has an address block for local-zone-bos in us-east-1; environment staging has an address block for local-zone-bos in us-east-1; environment prod has an address block for local-zone-bos in us-east-1 (got "local-zone-bos"); fix: choose another site name',
        '  EDGE_ZONE_UNKNOWN at --zone: the zone catalog has no entry for us-east-1-zzz-9a and no AWS zone list read into it names it, so nothing is known of what it offers (NAT gateways, load balancers, instance and volume types) (got "us-east-1-zzz-9a"); fix: check the name; if AWS lists it, add its row from that page to libs/core/src/lib/catalogs/local-zones.ts first (ARCHITECTURE.md, "How to add a zone fact"), or use a zone the catalog knows',
      ].join("\n"),
    );
  });

  it("refuses a Wavelength Zone no AWS zone list names, pointing at the Wavelength list", async () => {
    expect(await attempt({ name: "wl-x", kind: "wavelength", zone: "us-east-1-wl1-zzz-wlz-9" })).toBe(
      'EDGE_ZONE_UNKNOWN at --zone: the zone catalog has no entry for us-east-1-wl1-zzz-wlz-9 and no AWS zone list read into it names it, so nothing is known of what it offers (NAT gateways, load balancers, instance and volume types) (got "us-east-1-wl1-zzz-wlz-9"); fix: check the name; if AWS lists it, add its row from that page to libs/core/src/lib/catalogs/wavelength-zones.ts first (ARCHITECTURE.md, "How to add a zone fact"), or use a zone the catalog knows',
    );
  });

  it("refuses a zone of another kind than --kind", async () => {
    expect(await attempt({ name: "lz-x", kind: "local-zone", zone: "us-east-1-wl1-bos-wlz-1" })).toBe(
      'EDGE_ZONE_KIND at --zone: us-east-1-wl1-bos-wlz-1 is a Wavelength Zone, and a local-zone site is placed in a Local Zone (got "us-east-1-wl1-bos-wlz-1"); fix: use a Local Zone such as us-east-1-bos-1a, or --kind wavelength',
    );
  });

  it("refuses a zone of a Region no environment homes sites in", async () => {
    expect(await attempt({ name: "vpc-x", kind: "region", zone: "eu-west-1a" })).toMatch(
      /^EDGE_ZONE_REGION at --zone: eu-west-1a belongs to eu-west-1, which is not a home Region of environment dev, staging, prod \(home Regions: us-east-1(, us-west-2)?\) \(got "eu-west-1a"\); fix: use a zone of us-east-1( or us-west-2)?, or give every environment a plan for eu-west-1 under network.regions first$/,
    );
  });

  it("refuses an unknown kind", async () => {
    expect(await attempt({ name: "lz-x", kind: "lz", zone: ZONE })).toBe(
      'EDGE_GEN_KIND at --kind: not a kind of site (got "lz"); fix: use one of: region, local-zone, wavelength, outpost',
    );
  });
});
