import { checkStackPaths, displayText, placeholder } from "@edge/core";
import { outputName, placeholdersIn, resolveEnvironment, siteConfigFor, siteConfigPath } from "@edge/core";
import { defaultEnvironments, environmentCatalog } from "@edge/environments";
import { outpostFactoryOutputs } from "@edge/outpost-factory-contract";
import {
  addressSummary,
  buildSite,
  configError,
  configErrors,
  resourcesOf,
  shippedSite,
  synthJson,
  testStack,
} from "@edge/core/testing";
import { edgePolicyPack, policyReportOf } from "@edge/policy";
import { outpostFactory } from "../src/main";
import type { OutpostFactoryConfig } from "../src/site";

/** Builds the site for `env` and returns its JSON and the notes it recorded for the synth output. */
function synthSite(env: string, environments = outpostFactory.environments) {
  // The shipped config is synthesized once per environment and shared by this file's tests.
  const { stack, json } =
    environments === outpostFactory.environments
      ? shippedSite(outpostFactory, env, { catalog: environmentCatalog, policy: edgePolicyPack })
      : buildSite(outpostFactory, env, { environments, catalog: environmentCatalog, policy: edgePolicyPack });
  return { json, printed: stack.notes.join("\n") };
}

const withEnv = (env: string, change: (c: OutpostFactoryConfig) => OutpostFactoryConfig) => ({
  ...outpostFactory.environments,
  [env]: change(structuredClone(outpostFactory.environments[env])),
});

const HUB_STATE = "data.terraform_remote_state.region-hub-outputs.outputs";

describe.each(defaultEnvironments())("outpost-factory-%s", (env) => {
  const { json } = synthSite(env);
  const x = { dev: "10", staging: "20", prod: "30" }[env];

  it("keeps its resource addresses", () => {
    expect(addressSummary(json)).toMatchSnapshot();
  });

  it("publishes every output of the outpost-factory contract", () => {
    expect(Object.keys(json.output ?? {}).sort()).toEqual(
      Object.keys(outpostFactoryOutputs.outputs).map(outputName).sort(),
    );
    expect(json.output?.subnet_ids.value.line).toBe("${aws_subnet.factory-network_subnet-line.id}");
    expect(json.output?.local_gateway_id.value).toBe(
      "${data.aws_ec2_local_gateway_route_table.factory-network_local-gateway_route-table.local_gateway_id}",
    );
  });

  it("extends region-hub's VPC through the hub's outputs", () => {
    expect(Object.keys(json.data?.terraform_remote_state ?? {})).toEqual(["region-hub-outputs"]);
    const vpcId = "${data.terraform_remote_state.region-hub-outputs.outputs.vpc_id}";
    for (const subnet of Object.values(resourcesOf(json, "aws_subnet")))
      expect(subnet.vpc_id).toBe(vpcId);
    expect(
      resourcesOf(json, "aws_ec2_local_gateway_route_table_vpc_association")[
        "factory-network_local-gateway_vpc-association"
      ].vpc_id,
    ).toBe(vpcId);
  });

  it("carves the Outpost subnets from the environment's outpost-factory block, on the Outpost", () => {
    for (const subnet of Object.values(resourcesOf(json, "aws_subnet"))) {
      expect(subnet.cidr_block.startsWith(`10.${x}.8`)).toBe(true);
      // The Outpost ARN is a typed placeholder until the user sets theirs (deploy refuses it).
      expect(subnet.outpost_arn).toBe(displayText(placeholder("Outpost ARN")));
      expect(subnet.availability_zone).toBe("us-east-1a");
    }
  });

  it("orders every local gateway route after the VPC association", () => {
    const routes = Object.values(resourcesOf(json, "aws_route")).filter((r) => r.local_gateway_id !== undefined);
    expect(routes.length).toBeGreaterThan(0);
    for (const route of routes) {
      expect(route.depends_on).toEqual([
        "aws_ec2_local_gateway_route_table_vpc_association.factory-network_local-gateway_vpc-association",
      ]);
    }
  });

  // The Region path of the Outpost subnets: Region targets are reached over the service link
  // (Outposts UG, service links; Outposts high availability whitepaper), S3 through the hub's
  // gateway endpoint on each subnet's table (Amazon VPC UG, gateway endpoints).
  it("routes every Outpost subnet to the hub's NAT gateway in the Outpost's AZ and to the hub's S3 gateway endpoint", () => {
    const names = Object.keys(resourcesOf(json, "aws_subnet")).map((k) => k.replace("factory-network_subnet-", ""));
    const routes = resourcesOf(json, "aws_route");
    const associations = resourcesOf(json, "aws_vpc_endpoint_route_table_association");
    for (const name of names) {
      expect(routes[`factory-network_region-default-route-${name}`]).toEqual({
        route_table_id: `\${aws_route_table.factory-network_route-table-${name}.id}`,
        destination_cidr_block: "0.0.0.0/0",
        nat_gateway_id: `\${${HUB_STATE}.nat_gateway_ids["us-east-1a"]}`,
      });
      expect(associations[`factory-network_s3-gateway-endpoint-${name}`]).toEqual({
        route_table_id: `\${aws_route_table.factory-network_route-table-${name}.id}`,
        vpc_endpoint_id: `\${${HUB_STATE}.s3_gateway_endpoint_id}`,
      });
    }
  });
});

describe("outpost-factory egress through the factory network", () => {
  it("routes 0.0.0.0/0 to the local gateway, not the hub's NAT, when the site says so", () => {
    const { json } = synthSite(
      "prod",
      withEnv("prod", (c) => ({ ...c, network: { ...c.network, defaultRouteToLocalGateway: true } })),
    );
    const routes = resourcesOf(json, "aws_route");
    expect(Object.keys(routes).filter((k) => k.includes("region-default-route"))).toEqual([]);
    expect(routes["factory-network_local-gateway-route-line-default"].destination_cidr_block).toBe("0.0.0.0/0");
  });
});


describe.each([
  ["dev", 1, false],
  ["staging", 2, true],
  ["prod", 2, true],
])("outpost-factory-%s OSv line hosts", (env, count, production) => {
  const { json } = synthSite(env);
  const instances = resourcesOf(json, "aws_instance");
  const alarms = resourcesOf(json, "aws_cloudwatch_metric_alarm");
  const numbers = Array.from({ length: count }, (_, i) => i + 1);

  it("runs fixed instances on the Outpost's line subnet, in the controllers' host-spread group", () => {
    expect(Object.keys(instances).sort()).toEqual(numbers.map((n) => `osv-line_instance-${n}`));
    // The OSv hosts are fixed instances; the only Auto Scaling group is the container capacity's.
    expect(Object.keys(resourcesOf(json, "aws_autoscaling_group"))).toEqual([
      "containers_cluster_group-us-east-1a",
    ]);
    for (const n of numbers) {
      expect(instances[`osv-line_instance-${n}`]).toMatchObject({
        ami: "${aws_ami.osv-image_ami.id}",
        instance_type: "m5.xlarge",
        subnet_id: "${aws_subnet.factory-network_subnet-line.id}",
        vpc_security_group_ids: ["${aws_security_group.osv-hosts_security-group.id}"],
        placement_group: "${aws_placement_group.placement-group-controllers_placement-group.name}",
        metadata_options: { http_tokens: "required", http_put_response_hop_limit: 1 },
        root_block_device: { encrypted: true, volume_type: "gp2" },
        monitoring: true,
        disable_api_termination: production,
        instance_initiated_shutdown_behavior: "stop",
      });
    }
    const lt = resourcesOf(json, "aws_launch_template")["osv-line_launch-template"];
    expect(lt.metadata_options).toMatchObject({
      http_tokens: "required",
      http_put_response_hop_limit: 1,
    });
    expect(lt.block_device_mappings[0].ebs).toMatchObject({
      encrypted: "true",
      volume_type: "gp2",
    });
    expect(lt.monitoring).toEqual({ enabled: true });
  });

  it("gives every instance an auto-recovery alarm on the system status check", () => {
    for (const n of numbers) {
      expect(alarms[`osv-line_recovery-alarm-${n}`]).toMatchObject({
        namespace: "AWS/EC2",
        metric_name: "StatusCheckFailed_System",
        dimensions: { InstanceId: `\${aws_instance.osv-line_instance-${n}.id}` },
        alarm_actions: [
          "arn:aws:automate:us-east-1:ec2:recover",
          "${aws_sns_topic.osv-line_alarm-topic.arn}",
        ],
      });
    }
    expect(Object.keys(alarms).filter((a) => a.includes("recovery-alarm"))).toHaveLength(count);
  });

  it("takes IPs from the subnet: CoIP where the subnet maps one, never an IP flag in the template", () => {
    const line = resourcesOf(json, "aws_subnet")["factory-network_subnet-line"];
    if (env === "dev") expect(line).not.toHaveProperty("map_customer_owned_ip_on_launch");
    else expect(line.map_customer_owned_ip_on_launch).toBe(true);
    const lt = resourcesOf(json, "aws_launch_template")["osv-line_launch-template"];
    expect(lt).not.toHaveProperty("network_interfaces");
    for (const instance of Object.values(instances)) {
      expect(instance).not.toHaveProperty("associate_public_ip_address");
    }
  });

  it("admits the app port only from the factory networks, and SSH only from the hub's endpoint group when it has one", () => {
    const ingress = Object.fromEntries(
      Object.entries(resourcesOf(json, "aws_vpc_security_group_ingress_rule")).filter(([k]) =>
        k.startsWith("osv-hosts_"),
      ),
    );
    const cidrs = outpostFactory.environments[env].network.onPremisesCidrs;
    expect(Object.keys(ingress).sort()).toEqual([
      ...cidrs.map((_, i) => `osv-hosts_app-ingress-cidr-${i}`),
      "osv-hosts_ssh-ingress",
    ]);
    cidrs.forEach((cidr, i) =>
      expect(ingress[`osv-hosts_app-ingress-cidr-${i}`]).toMatchObject({
        cidr_ipv4: cidr,
        from_port: 8080,
        to_port: 8080,
      }),
    );
    expect(ingress["osv-hosts_ssh-ingress"]).toMatchObject({
      from_port: 22,
      referenced_security_group_id: `\${${HUB_STATE}.instance_connect_security_group_id}`,
      count: `\${min(length(${HUB_STATE}.instance_connect_security_group_id), 1)}`,
    });
  });

  it("passes the policy pack with no unsuppressed error and no suppression", () => {
    const stack = testStack({ site: "outpost-factory", env, catalog: environmentCatalog, policy: edgePolicyPack });
    outpostFactory.build(
      stack,
      siteConfigFor(outpostFactory, stack.environment),
      siteConfigPath(outpostFactory, stack.environment),
    );
    synthJson(stack);
    const report = policyReportOf(stack)!;
    expect(report.summary.errors).toBe(0);
    expect(report.summary.suppressed).toBe(0);
  });
});

describe("outpost-factory per-environment choices", () => {
  it("uses direct VPC routing in dev: no CoIP pool anywhere", () => {
    const { json } = synthSite("dev");
    expect(resourcesOf(json, "aws_subnet")["factory-network_subnet-line"]).not.toHaveProperty(
      "customer_owned_ipv4_pool",
    );
    expect(json.output?.routing_mode.value).toBe("direct-vpc-routing");
    expect(json.output?.customer_owned_ipv4_pool.value).toBe("");
  });

  it("uses CoIP in prod with the configured pool and local gateway route table", () => {
    const { json } = synthSite("prod");
    const subnets = resourcesOf(json, "aws_subnet");
    expect(subnets["factory-network_subnet-line"]).toMatchObject({
      customer_owned_ipv4_pool: displayText(placeholder("customer-owned IPv4 pool id")),
      map_customer_owned_ip_on_launch: true,
    });
    expect(subnets["factory-network_subnet-vision"].map_customer_owned_ip_on_launch).toBe(false);
    expect(json.data?.aws_ec2_local_gateway_route_table).toEqual({
      "factory-network_local-gateway_route-table": {
        outpost_arn: displayText(placeholder("Outpost ARN")),
        local_gateway_route_table_id: displayText(placeholder("local gateway route table id")),
      },
    });
    expect(
      resourcesOf(json, "aws_placement_group")["placement-group-controllers_placement-group"]
        .spread_level,
    ).toBe("host");
  });

  it("looks the CoIP pool up in staging", () => {
    const { json } = synthSite("staging");
    expect(Object.keys(json.data?.aws_ec2_coip_pool ?? {})).toEqual(["factory-network_coip-pool"]);
  });

  it.each([
    [
      "dev",
      "outpost-factory-dev: uplink plan for 1 rack without an ACE rack",
      "  physical ports         2",
    ],
    [
      "staging",
      "outpost-factory-staging: uplink plan for 2 racks without an ACE rack",
      "  physical ports         4",
    ],
    [
      "prod",
      "outpost-factory-prod: uplink plan for 4 racks behind an ACE rack",
      "  ACE rack facility      up to 10 kVA, up to 705 lb",
    ],
  ])("prints the uplink plan for the configured rack count in %s", (env, title, line) => {
    const lines = synthSite(env).printed.split("\n");
    expect(lines[0]).toBe(title);
    expect(lines).toContain(line);
  });

  it("prints the ACE recommendation when an Outpost grows past three racks", () => {
    const { printed } = synthSite(
      "staging",
      withEnv("staging", (c) => ({ ...c, outpost: { ...c.outpost, racks: 5 } })),
    );
    expect(printed).toContain(
      "AWS recommends an ACE rack beyond 3 racks: with one, this Outpost needs 4 physical ports instead of 10, and room for a rack of up to 10 kVA and 705 lb",
    );
  });
});

describe("outpost-factory bad input", () => {
  it("names the site config path when an on-premises CIDR overlaps the hub VPC", () => {
    const err = configError(() =>
      synthSite(
        "prod",
        withEnv("prod", (c) => ({
          ...c,
          network: { ...c.network, onPremisesCidrs: ["10.30.64.0/20"] },
        })),
      ),
    );
    expect(err.message).toBe(
      'EDGE_OUTPOST_ONPREM_OVERLAP at environments.prod.network.onPremisesCidrs[0]: on-premises 10.30.64.0/20 overlaps the VPC 10.30.0.0/16: the VPC\'s local route keeps that traffic inside the VPC (got "10.30.64.0/20"); fix: renumber the on-premises network or remove it; it must not overlap 10.30.0.0/16',
    );
  });

  it("rejects a CoIP pool in dev's direct VPC routing", () => {
    const err = configError(() =>
      synthSite(
        "dev",
        withEnv("dev", (c) => ({
          ...c,
          network: { ...c.network, customerOwnedIpv4Pool: "ipv4pool-coip-0a1b2c3d4e5f60001" },
        })),
      ),
    );
    expect(err.code).toBe("EDGE_OUTPOST_DVR_COIP");
    expect(err.path).toBe("environments.dev.network.customerOwnedIpv4Pool");
  });

  it("rejects an Outpost of another region", () => {
    const err = configError(() =>
      synthSite(
        "dev",
        withEnv("dev", (c) => ({
          ...c,
          outpost: {
            ...c.outpost,
            arn: "arn:aws:outposts:eu-west-1:111111111111:outpost/op-0f1e2d3c4b5a60001",
          },
        })),
      ),
    );
    expect(err.message).toBe(
      'EDGE_ZONE_REGION at environments.dev.outpost.arn: outpost belongs to eu-west-1, not to the stack\'s region us-east-1 (got "arn:aws:outposts:eu-west-1:111111111111:outpost/op-0f1e2d3c4b5a60001"); fix: use an Outpost homed to us-east-1 or deploy this site to eu-west-1',
    );
  });

  // Rack spread puts each instance on a rack of its own (CDK PlacementGroupSpreadLevel.RACK:
  // "Each instance is launched on a separate rack"); prod's Outpost has 4 racks.
  it("rejects a rack spread group of more instances than the Outpost has racks", () => {
    const err = configError(() =>
      synthSite(
        "prod",
        withEnv("prod", (c) => ({
          ...c,
          placementGroups: {
            ...c.placementGroups,
            historian: { spreadLevel: "rack", instances: 9 },
          },
        })),
      ),
    );
    expect(err.message).toBe(
      'EDGE_OUTPOST_SPREAD_RACKS at environments.prod.placementGroups.historian.instances: a rack-level spread group puts each instance on a rack of its own, and the Outpost has 4 racks (environments.prod.outpost.racks), so at most 4 of 9 instances can run in the group (got 9); fix: plan at most 4 instances in the group, use spreadLevel "host" to keep them on distinct hosts, or set environments.prod.outpost.racks to the racks the Outpost really has',
    );
  });

  // The line hosts launched into a rack-level group by name: one host per rack of the Outpost
  // (CDK PlacementGroupSpreadLevel.RACK: "Each instance is launched on a separate rack").
  it("rejects more line hosts in a rack spread group than the Outpost has racks", () => {
    const err = configError(() =>
      synthSite(
        "staging",
        withEnv("staging", (c) => ({ ...c, osv: { ...c.osv, instanceCount: 3, placementGroup: "historian" } })),
      ),
    );
    expect(err.message).toBe(
      'EDGE_OUTPOST_SPREAD_RACKS at environments.staging.osv.instanceCount: the rack-level spread placement group at environments.staging.placementGroups.historian puts each instance on a rack of its own, and the Outpost has 2 racks (environments.staging.outpost.racks), so at most 2 of 3 instances can run (got 3); fix: lower instanceCount to 2, use a host-level spread group to keep the hosts on distinct hosts, or set environments.staging.outpost.racks to the racks the Outpost really has',
    );
    expect(() =>
      synthSite(
        "staging",
        withEnv("staging", (c) => ({ ...c, osv: { ...c.osv, instanceCount: 2, placementGroup: "historian" } })),
      ),
    ).not.toThrow();
  });

  it("rejects a misspelled key in the site config with a did-you-mean", () => {
    const err = configError(() =>
      synthSite(
        "dev",
        withEnv("dev", (c) => ({ ...c, network: { ...c.network, onPremiseCidrs: [] } as never })),
      ),
    );
    expect(err.code).toBe("EDGE_CONFIG_UNKNOWN_KEY");
    expect(err.path).toBe("environments.dev.network.onPremiseCidrs");
    expect(err.fix.startsWith('did you mean "onPremisesCidrs"?')).toBe(true);
  });

  it("rejects OSv hosts on an unknown subnet or placement group, both at once", () => {
    const errors = configErrors(() =>
      synthSite(
        "staging",
        withEnv("staging", (c) => ({
          ...c,
          osv: { ...c.osv, subnets: ["line", "paint"], placementGroup: "controller" },
        })),
      ),
    );
    expect(errors.map((e) => e.message)).toEqual([
      'EDGE_SITE_REFERENCE at environments.staging.osv.subnets[1]: no subnet of network.subnets has this name (got "paint"); fix: use one of: line, historian',
      'EDGE_SITE_REFERENCE at environments.staging.osv.placementGroup: no placement group of placementGroups has this key (got "controller"); fix: use one of: controllers, historian',
    ]);
  });

  it("rejects an OSv instance type the Outpost was not ordered with", () => {
    const err = configError(() =>
      synthSite(
        "dev",
        withEnv("dev", (c) => ({ ...c, osv: { ...c.osv, instanceType: "r5.2xlarge" } })),
      ),
    );
    expect(err.code).toBe("EDGE_OUTPOST_INSTANCE_TYPE");
    expect(err.path).toBe("environments.dev.osv.instanceType");
  });

  it("records no uplink plan when the config is rejected", () => {
    const site = {
      ...outpostFactory,
      environments: withEnv("dev", (c) => ({ ...c, network: { ...c.network, subnets: [] } })),
    };
    const stack = testStack({ site: "outpost-factory", env: "dev", catalog: environmentCatalog, policy: edgePolicyPack });
    const errors = configErrors(() =>
      site.build(stack, siteConfigFor(site, stack.environment), siteConfigPath(site, stack.environment)),
    );
    // The OSv hosts and the container capacity both name the missing "line" subnet.
    expect(errors.map((e) => e.path)).toEqual([
      "environments.dev.osv.subnets[0]",
      "environments.dev.containers.subnets[0]",
    ]);
    expect(stack.notes).toEqual([]);
  });
});

// Synth proves a path for every declared need (docs/network-paths.md); these are the prod paths.
describe("outpost-factory-prod network paths", () => {
  const { stack } = buildSite(outpostFactory, "prod");
  const { report, failures } = checkStackPaths(stack);
  const rows = [...new Set(report.paths.map((p) => `${p.workload.split("/").slice(1).join("/")} ${p.direction} ${p.need}: ${p.via}`))];

  it("proves every need, with the route that carries it", () => {
    expect(failures).toEqual([]);
    expect(rows).toEqual([
      "osv-line client on-premises 192.168.0.0/16, 172.20.0.0/16: local gateway data.aws_ec2_local_gateway_route_table.factory-network_local-gateway_route-table",
      "osv-line client site region-hub: the VPC's local route (region-hub 10.30.0.0/18 is inside 10.30.0.0/16)",
      "osv-line call monitoring: public monitoring endpoint through NAT gateway region-hub-outputs output nat_gateway_ids[\"us-east-1a\"] through the service link",
      "containers/cluster call ecs: public ecs endpoint through NAT gateway region-hub-outputs output nat_gateway_ids[\"us-east-1a\"] through the service link",
      "containers/cluster call ecs-agent: public ecs-agent endpoint through NAT gateway region-hub-outputs output nat_gateway_ids[\"us-east-1a\"] through the service link",
      "containers/cluster call ecs-telemetry: public ecs-telemetry endpoint through NAT gateway region-hub-outputs output nat_gateway_ids[\"us-east-1a\"] through the service link",
      "containers/cluster call ecr.api: public ecr.api endpoint through NAT gateway region-hub-outputs output nat_gateway_ids[\"us-east-1a\"] through the service link",
      "containers/cluster call ecr.dkr: public ecr.dkr endpoint through NAT gateway region-hub-outputs output nat_gateway_ids[\"us-east-1a\"] through the service link",
      "containers/cluster call s3: gateway endpoint region-hub-outputs output s3_gateway_endpoint_id through the service link",
      "containers/cluster call logs: public logs endpoint through NAT gateway region-hub-outputs output nat_gateway_ids[\"us-east-1a\"] through the service link",
      "containers/collector client on-premises 192.168.0.0/16, 172.20.0.0/16: local gateway data.aws_ec2_local_gateway_route_table.factory-network_local-gateway_route-table"
    ]);
  });

  it("lists the routes nothing needs", () => {
    expect(report.unneeded.map((u) => u.address)).toEqual([
      "aws_route.factory-network_local-gateway-route-historian-172-20-0-0-16",
      "aws_route.factory-network_local-gateway-route-historian-192-168-0-0-16",
      "aws_route.factory-network_local-gateway-route-vision-172-20-0-0-16",
      "aws_route.factory-network_local-gateway-route-vision-192-168-0-0-16",
      "aws_route.factory-network_region-default-route-historian",
      "aws_route.factory-network_region-default-route-vision",
      "aws_vpc_endpoint_route_table_association.factory-network_s3-gateway-endpoint-historian",
      "aws_vpc_endpoint_route_table_association.factory-network_s3-gateway-endpoint-vision"
    ]);
  });
});

describe("outpost-factory placeholders", () => {
  // The Outpost and its CoIP ids are the user's: typed placeholders that synth lists per stack
  // (placeholders.json) and deploy and publish refuse, instead of example ids that look real.
  it.each([
    ["dev", []],
    ["staging", []],
    [
      "prod",
      [
        { path: "environments.prod.network.localGatewayRouteTableId", what: "local gateway route table id" },
        { path: "environments.prod.network.customerOwnedIpv4Pool", what: "customer-owned IPv4 pool id" },
      ],
    ],
  ])("%s lists the Outpost ARN and the ids to fill, by config path", (name, ids) => {
    const env = resolveEnvironment(name, environmentCatalog);
    expect(
      placeholdersIn(siteConfigFor(outpostFactory, env), siteConfigPath(outpostFactory, env)),
    ).toEqual([{ path: `environments.${name}.outpost.arn`, what: "Outpost ARN" }, ...ids]);
  });
});
