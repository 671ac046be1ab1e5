/**
 * The site generator's Outpost kind (`nx g @edge/nx:site <name> --kind outpost --zone <az>`) on a
 * temporary copy of this workspace (node_modules linked, not copied): the site is generated with
 * the Nx CLI, its own test and entry run as they are, and the new stacks' Terraform JSON checked.
 * What only the Outpost's owner knows is a typed placeholder: synth lists it, deploy and publish
 * refuse it.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { COMMAND_ENV as env, firstFreeBlock, generateInCopy, plain, synthGeneratedSite, unusedSiteName } from "./support/generator-workspace";

const root = path.resolve(__dirname, "../..");
// A name nothing uses yet, so the test holds after users add their own sites.
const SITE = unusedSiteName(root, "outpost-lab");
const AZ = "us-east-1a";

let copy: string;
let generatorOutput: string;
let table: string;
let stacks: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

beforeAll(() => {
  ({ copy, output: generatorOutput } = generateInCopy(root, "edge-site-generator-outpost-", [SITE, "--kind", "outpost", "--zone", AZ]));
  ({ table, stacks } = synthGeneratedSite(copy, SITE, env));
}, 240_000);

afterAll(() => {
  if (copy) fs.rmSync(copy, { recursive: true, force: true });
});

const read = (file: string) => fs.readFileSync(path.join(copy, file), "utf8");

describe("nx g @edge/nx:site (outpost)", () => {
  it("writes the app and its contract library, composing the Outpost helpers of @edge/outposts", () => {
    const written = plain(generatorOutput)
      .split("\n")
      .filter((l) => /^CREATE apps\//.test(l))
      .sort();
    expect(written).toEqual(
      [
        `CREATE apps/${SITE}/project.json`,
        `CREATE apps/${SITE}/src/main.ts`,
        `CREATE apps/${SITE}/src/site.ts`,
        `CREATE apps/${SITE}/test/${SITE}.test.ts`,
        `CREATE apps/${SITE}/tsconfig.json`,
      ].sort(),
    );
    expect(read(`apps/${SITE}/src/main.ts`)).toContain(
      `extendHubOntoOutpost(stack, "outpost-network", {`,
    );
    const refs = JSON.parse(read(`apps/${SITE}/tsconfig.json`)).references.map(
      (r: { path: string }) => r.path,
    );
    expect(refs).toEqual(
      expect.arrayContaining(["../../libs/outposts", "../../libs/region-hub-contract"]),
    );
  });

  it("writes the Outpost ARN, local gateway route table and CoIP pool as typed placeholders", () => {
    const site = read(`apps/${SITE}/src/site.ts`);
    for (const what of [
      "Outpost ARN",
      "local gateway route table id",
      "customer-owned IPv4 pool id",
    ]) {
      expect(site).toContain(`placeholder("${what}")`);
    }
  });

  it("synthesizes every environment, one table line each", () => {
    for (const e of ["dev", "staging", "prod"])
      expect(plain(table)).toMatch(new RegExp(`^\\s*${SITE}-${e}\\b`, "m"));
  });

  it.each(["dev", "staging", "prod"])(
    "%s: a subnet on the Outpost from the site's block of the hub VPC, egress through the hub's NAT",
    (e) => {
      const json = stacks[e];
      // The site's block is the first free /20 of the hub VPC (10.x.96.0/20 with the shipped sites).
      expect(Object.values(json.resource.aws_subnet)).toEqual([
        expect.objectContaining({
          availability_zone: AZ,
          cidr_block: `${firstFreeBlock(e)}/24`,
          outpost_arn: "PLACEHOLDER(Outpost ARN)",
          customer_owned_ipv4_pool: "PLACEHOLDER(customer-owned IPv4 pool id)",
          vpc_id: "${data.terraform_remote_state.region-hub-outputs.outputs.vpc_id}",
        }),
      ]);
      expect(
        json.resource.aws_route["outpost-network_region-default-route-workload"],
      ).toMatchObject({
        destination_cidr_block: "0.0.0.0/0",
        nat_gateway_id: `\${data.terraform_remote_state.region-hub-outputs.outputs.nat_gateway_ids["${AZ}"]}`,
      });
    },
  );

  it("lists the placeholders per stack, so deploy and publish refuse the stack until they are set", () => {
    const listed = JSON.parse(read(`cdktf.out/stacks/${SITE}-prod/placeholders.json`));
    expect(JSON.stringify(listed)).toContain("Outpost ARN");
    expect(JSON.stringify(listed)).toContain("local gateway route table id");
    expect(JSON.stringify(listed)).toContain("customer-owned IPv4 pool id");
  });

  it.each([`apps/${SITE}`, `libs/${SITE}-contract`])(
    "%s passes its own generated test",
    (dir) => {
      const run = spawnSync(
        path.join(copy, "node_modules", ".bin", "jest"),
        ["-c", "jest.preset.js", "--rootDir", dir, "--runInBand"],
        {
          cwd: copy,
          env,
          encoding: "utf8",
        },
      );
      expect(plain(run.stderr)).toMatch(/^Tests:\s+\d+ passed, \d+ total$/m);
      expect(run.status).toBe(0);
    },
    120_000,
  );
});
