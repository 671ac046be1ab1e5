/**
 * The site generator in a Local Zone that only the zone list of libs/core knows: us-east-1-atl-2a
 * has no entry of its own in the zone catalog, but AWS's "Available Local Zones" page lists it
 * (Local Zone ID use1-atl2-az1, network border group us-east-1-atl-2, parent Region us-east-1;
 * https://docs.aws.amazon.com/local-zones/latest/ug/available-local-zones.html). The generator
 * accepts it, and the new site synthesizes with the conservative Local Zone defaults.
 */
import * as fs from "node:fs";
import * as path from "node:path";
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
const SITE = unusedSiteName(root, "local-zone-atl2");
const ZONE = "us-east-1-atl-2a";

let copy: string;
let stacks: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
let table: string;

beforeAll(() => {
  ({ copy } = generateInCopy(root, "edge-site-generator-atl-", [SITE, "--kind", "local-zone", "--zone", ZONE]));
  ({ table, stacks } = synthGeneratedSite(copy, SITE, env));
}, 240_000);

afterAll(() => {
  if (copy) fs.rmSync(copy, { recursive: true, force: true });
});

describe(`nx g @edge/nx:site --kind local-zone --zone ${ZONE} (a zone known from the Local Zones list)`, () => {
  it("prints one table line per environment", () => {
    for (const e of ["dev", "staging", "prod"]) expect(plain(table)).toMatch(new RegExp(`^\\s*${SITE}-${e}\\b`, "m"));
  });

  it.each(["dev", "staging", "prod"])("%s: subnets in the zone from the site's block, and the zone group's opt-in", (e) => {
    const json = stacks[e];
    const block = firstFreeBlock(e);
    expect(json.provider.aws[0].region).toBe("us-east-1");
    const subnets = Object.values(json.resource.aws_subnet) as { availability_zone: string; cidr_block: string }[];
    expect(subnets.map((s) => [s.availability_zone, s.cidr_block]).sort()).toEqual(
      [
        [ZONE, `${block}/22`],
        [ZONE, `${offsetIp(block, 1024)}/24`],
      ].sort(),
    );
    // No other site uses the zone, so this one opts in to its zone group (the name without its
    // final letter; EC2 API reference, AvailabilityZone groupName: "us-west-2-lax-1").
    const optIns = Object.values(json.resource.aws_ec2_availability_zone_group) as { group_name: string; opt_in_status: string }[];
    expect(optIns).toEqual([expect.objectContaining({ group_name: "us-east-1-atl-2", opt_in_status: "opted-in" })]);
    // Conservative Local Zone defaults: no NAT gateway in the zone (the fact is unverified).
    expect(json.resource.aws_nat_gateway).toBeUndefined();
  });

  it("outputs the zone's documented network border group", () => {
    const value = stacks.dev.output.network_border_groups.value;
    expect(value).toEqual({ [ZONE]: "us-east-1-atl-2" });
  });
});
