/**
 * docs/sites/<site>.md is generated from the synthesized stacks; this keeps it current. When it
 * fails, run `npm run diagram` and commit the result.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { edgePolicyPack } from "@edge/policy";
import { synthesizeSites } from "@edge/synth";
import { defaultEnvironments, environmentCatalog } from "@edge/environments";
import { pathsTable, sitePages, stackDiagram } from "../src/diagram";
import { loadSites } from "../src/sites";

const root = path.resolve(__dirname, "../..");

describe("site diagrams", () => {
  const sites = loadSites(root);
  let pages: Map<string, string>;

  beforeAll(() => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "edge-diagrams-test-"));
    try {
      const result = synthesizeSites(sites, { repoRoot: root, outdir: path.join(out, "cdktf.out"), mode: "full", policy: edgePolicyPack, catalog: environmentCatalog });
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

  it("draw no unlabeled node: everything an edge touches is declared with a label or is a subgraph", () => {
    for (const [site, page] of pages) {
      const declared = new Set([...page.matchAll(/^\s*(?:subgraph )?([A-Za-z0-9_]+)[[({]/gm)].map((m) => m[1]));
      const used = [...page.matchAll(/^\s*([A-Za-z0-9_]+) (?:--|-\.|---)[^\n]*?([A-Za-z0-9_]+)$/gm)].flatMap((m) => [m[1], m[2]]);
      expect({ site, undeclared: [...new Set(used.filter((u) => !declared.has(u)))] }).toEqual({ site, undeclared: [] });
    }
  });

  it("show the load balancers, endpoints and Lambda functions, and the transit gateway attachments that exist", () => {
    expect(pages.get("region-hub")).toMatch(/aws_lb_edge_endpoint_load_balancer\(\["NLB region-hub-dev-edge \(internet-facing\)"\]\)/);
    expect(pages.get("region-hub")).toContain('aws_lb_edge_endpoint_load_balancer -- "TCP 8080" --> aws_lb_target_group_edge_endpoint_target_group');
    expect(pages.get("region-hub")).toContain('aws_vpc_endpoint_hub_s3_gateway_endpoint(["gateway endpoint s3"])');
    expect(pages.get("region-hub")).toContain("TGW attachment multicast_attachment-hub");
    expect(pages.get("local-zone-bos")).toContain('aws_lb_edge_endpoint_load_balancer -- "HTTP 8080" --> aws_lb_target_group_edge_endpoint_target_group');
    expect(pages.get("wavelength-bos")).toContain('aws_cloudwatch_event_rule_dns_updater_rule -- "invokes" --> aws_lambda_function_dns_updater_function');
    // prod's us-west-2 hub requests a peering with the us-east-1 hub's transit gateway.
    expect(pages.get("region-hub")).toContain(
      'aws_ec2_transit_gateway_peering_attachment_hub_peering_attachment -- "peering" --- peer_us_east_1',
    );
    expect(pages.get("region-hub")).toContain('peer_us_east_1("transit gateway of the hub in us-east-1")');
    // The Wavelength VPC has no transit gateway attachment, so none is drawn.
    expect(pages.get("wavelength-bos")).not.toMatch(/TGW attachment|transit gateway/);
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

  it("draws an ECS service from the target group it registers in to the capacity providers' groups it runs on", () => {
    const diagram = stackDiagram({
      resource: {
        aws_lb_target_group: { tg: { name: "site-dev-osv", protocol: "TCP", port: 8080 } },
        aws_autoscaling_group: {
          g: { min_size: 1, max_size: 2, vpc_zone_identifier: ["subnet-a"] },
          h: { min_size: 1, max_size: 2, vpc_zone_identifier: ["subnet-b"] },
        },
        aws_ecs_capacity_provider: {
          cp: { name: "cp", auto_scaling_group_provider: { auto_scaling_group_arn: "${aws_autoscaling_group.g.arn}" } },
          cp2: { name: "site-dev-cp2", auto_scaling_group_provider: { auto_scaling_group_arn: "${aws_autoscaling_group.h.arn}" } },
        },
        aws_ecs_service: {
          web: {
            name: "site-dev-web",
            desired_count: 2,
            load_balancer: [{ target_group_arn: "${aws_lb_target_group.tg.arn}", container_name: "web", container_port: 8080 }],
            // By reference, and by the provider's literal name (as EdgeContainerService writes it).
            capacity_provider_strategy: [
              { capacity_provider: "${aws_ecs_capacity_provider.cp.name}", weight: 1, base: 0 },
              { capacity_provider: "site-dev-cp2", weight: 1, base: 0 },
            ],
          },
        },
      },
    });
    expect(diagram).toContain('aws_ecs_service_web(["ECS service site-dev-web (2 tasks)"])');
    expect(diagram).toContain("aws_lb_target_group_tg --> aws_ecs_service_web");
    expect(diagram).toContain('aws_ecs_service_web -- "runs on" --> aws_autoscaling_group_g');
    expect(diagram).toContain('aws_ecs_service_web -- "runs on" --> aws_autoscaling_group_h');
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
    expect(diagram).toContain('remote_region_hub_outputs_nat_gateway_ids("NAT gateway of region-hub (nat_gateway_ids)")');
    expect(pathsTable(paths)).toEqual([
      "| workload | need | from subnet | carried by |",
      "| --- | --- | --- | --- |",
      "| s-dev/hosts | clients: carrier-network | aws_subnet.wl | carrier gateway x (aws_route.r) |",
      "| s-dev/hosts | calls: monitoring | aws_subnet.wl | public monitoring endpoint through carrier gateway x (aws_route.r) |",
    ]);
  });

  it("gives every output read from another site its own labelled node", () => {
    const diagram = stackDiagram({
      resource: {
        aws_subnet: { s: { vpc_id: "${data.terraform_remote_state.region-hub-outputs.outputs.vpc_id}", availability_zone: "us-east-1-bos-1a", cidr_block: "10.0.64.0/22" } },
        aws_route_table: { rt: {} },
        aws_route_table_association: { a: { subnet_id: "${aws_subnet.s.id}", route_table_id: "${aws_route_table.rt.id}" } },
        aws_route: {
          nat: { route_table_id: "${aws_route_table.rt.id}", destination_cidr_block: "0.0.0.0/0", nat_gateway_id: "${data.terraform_remote_state.region-hub-outputs.outputs.nat_gateway_ids.us-east-1a}" },
          tgw: { route_table_id: "${aws_route_table.rt.id}", destination_cidr_block: "10.0.0.0/8", transit_gateway_id: "${data.terraform_remote_state.region-hub-outputs.outputs.transit_gateway_id}" },
        },
      },
      data: { terraform_remote_state: { "region-hub-outputs": {} } },
    });
    expect(diagram).toContain('remote_region_hub_outputs_nat_gateway_ids("NAT gateway of region-hub (nat_gateway_ids)")');
    expect(diagram).toContain('aws_subnet_s -- "0.0.0.0/0" --> remote_region_hub_outputs_nat_gateway_ids');
    expect(diagram).toContain('aws_subnet_s -- "10.0.0.0/8" --> remote_region_hub_outputs_transit_gateway_id');
    expect(diagram).not.toContain("data_terraform_remote_state");
  });
});
