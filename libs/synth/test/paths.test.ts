/**
 * The runner proves a network path for every need a site declares (core's reachability,
 * docs/network-paths.md): `paths.json` beside each `cdk.tf.json`, a summary line per stack, and a
 * failed synth, with nothing written, when a need has no path.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Route } from "@cdktf/provider-aws/lib/route";
import { RouteTable } from "@cdktf/provider-aws/lib/route-table";
import { RouteTableAssociation } from "@cdktf/provider-aws/lib/route-table-association";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { declareNeeds, defineSite } from "@edge/core";
import { z } from "zod";
import { formatSummary, synthesizeSites } from "../src";
import { FIXTURE_CATALOG } from "@edge/core/testing";
import { passAll } from "./support/fixtures";

/** A site whose Outpost subnet has a local gateway route, and hosts that call CloudWatch. */
const outpostSite = (withRegionRoute: boolean) =>
  defineSite({
    name: "gamma",
    schema: z.strictObject({ cidr: z.string() }),
    environments: { dev: { cidr: "10.0.0.0/24" } },
    build(stack) {
      const subnet = new Subnet(stack, "line", {
        vpcId: "vpc-1",
        cidrBlock: "10.0.0.0/24",
        availabilityZone: "us-east-1a",
        outpostArn: "arn:aws:outposts:us-east-1:111111111111:outpost/op-0123456789abcdef0",
      });
      const table = new RouteTable(stack, "line-table", { vpcId: "vpc-1" });
      new RouteTableAssociation(stack, "line-association", { subnetId: subnet.id, routeTableId: table.id });
      new Route(stack, "factory", { routeTableId: table.id, destinationCidrBlock: "192.168.0.0/16", localGatewayId: "lgw-0123456789abcdef0" });
      if (withRegionRoute) {
        new Route(stack, "region", { routeTableId: table.id, destinationCidrBlock: "0.0.0.0/0", natGatewayId: "nat-0123456789abcdef0" });
      }
      declareNeeds(stack, { subnetIds: [subnet.id], clients: [{ onPremises: ["192.168.0.0/16"] }], calls: [{ service: "monitoring" }] });
    },
  });

describe("network paths in the synth", () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "edge-paths-"));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it("writes paths.json beside cdk.tf.json with each need's route, and a line under the table", () => {
    const result = synthesizeSites([outpostSite(true)], { repoRoot: root, catalog: FIXTURE_CATALOG, environments: ["dev"], policy: passAll() });
    if (!result.ok) throw new Error(result.errors.join("\n"));
    expect(result.stacks[0].paths).toEqual({ workloads: 1, needs: 2, proven: 2, missing: 0, unneeded: 0 });
    const report = JSON.parse(fs.readFileSync(path.join(root, "cdktf.out", "stacks", "gamma-dev", "paths.json"), "utf8"));
    expect(report.paths.map((p: { need: string; carriedBy: string[] }) => [p.need, p.carriedBy])).toEqual([
      ["on-premises 192.168.0.0/16", ["aws_route.factory"]],
      ["monitoring", ["aws_route.region"]],
    ]);
    expect(formatSummary(result.stacks, 1).split("\n").slice(-3)).toEqual([
      "paths (every need and route: paths.json beside each cdk.tf.json):",
      "  gamma-dev: 2/2 paths proven (one per need and subnet) for 1 workload, 0 routes nothing needs",
      "synthesized 1 stack in 1.0 s",
    ]);
  });

  it("fails, writing nothing, when a need has no path", () => {
    const result = synthesizeSites([outpostSite(false)], { repoRoot: root, catalog: FIXTURE_CATALOG, environments: ["dev"], policy: passAll() });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toEqual([
      expect.stringMatching(/^gamma-dev: error EDGE_PATH_OUTPOST_REGION at gamma-dev\n {2}call "monitoring" from aws_subnet\.line \(outpost\), route table aws_route_table\.line-table: /),
    ]);
    expect(fs.existsSync(path.join(root, "cdktf.out"))).toBe(false);
  });
});
