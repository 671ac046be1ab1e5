/**
 * docs/sites/<site>.md is generated from the synthesized stacks; this keeps it current. When it
 * fails, run `npm run diagram` and commit the result.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { edgePolicyPack } from "@edge/policy";
import { defaultEnvironments, synthesizeSites } from "@edge/synth";
import { pathsTable, sitePages, stackDiagram } from "../src/diagram";
import { loadSites } from "../src/sites";

const root = path.resolve(__dirname, "../..");

describe("site diagrams", () => {
  const sites = loadSites(root);
  let pages: Map<string, string>;

  beforeAll(() => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "edge-diagrams-test-"));
    try {
      const result = synthesizeSites(sites, { repoRoot: root, outdir: path.join(out, "cdktf.out"), mode: "full", policy: edgePolicyPack });
      if (!result.ok) throw new Error(result.errors.join("\n\n"));
      pages = sitePages(sites.map((s) => s.name), path.join(out, "cdktf.out", "stacks"), defaultEnvironments());
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });

  it("exist for every site and match the synthesized stacks (run `npm run diagram` when this fails)", () => {
    for (const site of sites) {
      const file = path.join(root, "docs", "sites", `${site.name}.md`);
      expect(fs.existsSync(file) ? fs.readFileSync(file, "utf8") : `(missing ${file})`).toBe(pages.get(site.name));
    }
    const extra = fs.readdirSync(path.join(root, "docs", "sites")).filter((f) => !sites.some((s) => `${s.name}.md` === f));
    expect(extra).toEqual([]);
  });
});

describe("stackDiagram", () => {
  it("groups subnets by zone kind and draws default routes to their gateways", () => {
    const diagram = stackDiagram({
      resource: {
        aws_vpc: { v: { cidr_block: "10.0.0.0/16" } },
        aws_subnet: {
          az: { vpc_id: "${aws_vpc.v.id}", availability_zone: "us-east-1a", cidr_block: "10.0.0.0/24" },
          wl: { vpc_id: "${aws_vpc.v.id}", availability_zone: "us-east-1-wl1-bos-wlz-1", cidr_block: "10.0.1.0/24" },
        },
        aws_ec2_carrier_gateway: { cgw: { vpc_id: "${aws_vpc.v.id}" } },
        aws_route_table: { rt: { vpc_id: "${aws_vpc.v.id}" } },
        aws_route_table_association: { a: { subnet_id: "${aws_subnet.wl.id}", route_table_id: "${aws_route_table.rt.id}" } },
        aws_route: { r: { route_table_id: "${aws_route_table.rt.id}", destination_cidr_block: "0.0.0.0/0", carrier_gateway_id: "${aws_ec2_carrier_gateway.cgw.id}" } },
        aws_route53_record: { w: { name: "edge.example.com", weighted_routing_policy: { weight: 40 } } },
      },
    });
    expect(diagram).toContain('subgraph aws_vpc_v_AZ_us_east_1a["AZ us-east-1a"]');
    expect(diagram).toContain('subgraph aws_vpc_v_Wavelength_Zone_us_east_1_wl1_bos_wlz_1["Wavelength Zone us-east-1-wl1-bos-wlz-1"]');
    expect(diagram).toContain('aws_ec2_carrier_gateway_cgw("carrier gateway cgw")');
    expect(diagram).toContain('aws_subnet_wl -- "0.0.0.0/0" --> aws_ec2_carrier_gateway_cgw');
    expect(diagram).toContain('aws_route53_record_w("edge.example.com weight 40")');
  });

  it("draws each proven path from paths.json: clients into the subnet, calls out of it, and a remote gateway by its output", () => {
    const paths = {
      paths: [
        { workload: "s-dev/hosts", direction: "client" as const, need: "carrier-network", subnet: "aws_subnet.wl", via: "carrier gateway x", carriedBy: ["aws_route.r"] },
        { workload: "s-dev/hosts", direction: "call" as const, need: "monitoring", subnet: "aws_subnet.wl", via: "public monitoring endpoint through carrier gateway x", carriedBy: ["aws_route.r"] },
      ],
    };
    const diagram = stackDiagram(
      {
        resource: {
          aws_subnet: { wl: { vpc_id: "vpc-1", availability_zone: "us-east-1-wl1-bos-wlz-1" } },
          aws_route_table_association: { a: { subnet_id: "${aws_subnet.wl.id}", route_table_id: "${aws_route_table.rt.id}" } },
          aws_route: { r: { route_table_id: "${aws_route_table.rt.id}", destination_cidr_block: "0.0.0.0/0", nat_gateway_id: "${data.terraform_remote_state.region-hub-outputs.outputs.nat_gateway_ids[\"us-east-1a\"]}" } },
        },
      },
      paths,
    );
    expect(diagram).toContain("need_client_carrier_network -. client .-> aws_subnet_wl");
    expect(diagram).toContain("aws_subnet_wl -. call .-> need_call_monitoring");
    expect(diagram).toContain('need_client_carrier_network(("carrier-network clients"))');
    expect(diagram).toContain(`remote_nat_gateway_ids__us_east_1a__("nat_gateway_ids['us-east-1a'] (region-hub output)")`);
    expect(pathsTable(paths)).toEqual([
      "| workload | need | from subnet | carried by |",
      "| --- | --- | --- | --- |",
      "| s-dev/hosts | clients: carrier-network | aws_subnet.wl | carrier gateway x (aws_route.r) |",
      "| s-dev/hosts | calls: monitoring | aws_subnet.wl | public monitoring endpoint through carrier gateway x (aws_route.r) |",
    ]);
  });
});
