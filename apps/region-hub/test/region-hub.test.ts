import { checkStackPaths, displayText, placeholder } from "@edge/core";
import { outputName, siteConfigFor, siteConfigPath, type EdgeStack } from "@edge/core";
import { defaultEnvironments, environmentCatalog } from "@edge/environments";
import { regionHubOutputs } from "@edge/region-hub-contract";
import {
  addressSummary,
  buildSite,
  configError,
  resourcesOf,
  shippedSite,
  synthJson,
  testStack,
} from "@edge/core/testing";
import { edgePolicyPack, policyReportOf } from "@edge/policy";
import { elbName } from "@edge/endpoint";
import { regionHub } from "../src/main";
import type { RegionHubConfig } from "../src/site";

/** Synthesizes a shipped environment (aspects and the policy pack run) and returns its report. */
function policyReport(env: string) {
  const stack = testStack({ site: "region-hub", env, catalog: environmentCatalog, policy: edgePolicyPack });
  regionHub.build(stack, siteConfigFor(regionHub, stack.environment), siteConfigPath(regionHub, stack.environment));
  synthJson(stack);
  const report = policyReportOf(stack);
  if (!report) throw new Error("the policy pack did not run");
  return report;
}

// The shipped config is synthesized once per environment and shared by this file's tests.
const synthSite = (env: string, environments = regionHub.environments) =>
  environments === regionHub.environments
    ? shippedSite(regionHub, env, { catalog: environmentCatalog, policy: edgePolicyPack }).json
    : buildSite(regionHub, env, { environments, catalog: environmentCatalog, policy: edgePolicyPack }).json;

describe.each(defaultEnvironments())("region-hub-%s", (env) => {
  const json = synthSite(env);

  it("keeps its resource addresses", () => {
    expect(addressSummary(json)).toMatchSnapshot();
  });

  it("publishes every output of the region-hub contract", () => {
    expect(Object.keys(json.output ?? {}).sort()).toEqual(
      Object.keys(regionHubOutputs.outputs).map(outputName).sort(),
    );
    expect(json.output?.vpc_id.value).toBe("${aws_vpc.hub_vpc.id}");
    expect(json.output?.private_subnet_ids.value["us-east-1b"]).toBe(
      "${aws_subnet.hub_private-subnet-us-east-1b.id}",
    );
  });

  it("publishes the NLB's DNS name and hosted zone id as the edge endpoint", () => {
    expect(json.output?.edge_endpoint_dns_name.value).toBe(
      "${aws_lb.edge-endpoint_load-balancer.dns_name}",
    );
    expect(json.output?.edge_endpoint_zone_id.value).toBe(
      "${aws_lb.edge-endpoint_load-balancer.zone_id}",
    );
  });

  // Containers on ECS (EC2 capacity per AZ of the private subnets) in every environment. A
  // service that serves internet clients registers in the edge endpoint's target group: the
  // site's one load balancer and listener (TCP in dev by declaration, TLS in staging and prod).
  it("runs its container services on the site's cluster, web behind the edge endpoint", () => {
    expect(Object.values(resourcesOf(json, "aws_ecs_cluster")).map((c) => c.name)).toEqual([
      `region-hub-${env}-containers`,
    ]);
    const services = resourcesOf(json, "aws_ecs_service");
    expect(Object.keys(services).sort()).toEqual(
      env === "dev" ? ["containers_api_service"] : ["containers_api_service", "containers_web_service"],
    );
    expect(Object.keys(resourcesOf(json, "aws_lb"))).toEqual(["edge-endpoint_load-balancer"]);
    expect(Object.keys(resourcesOf(json, "aws_lb_listener"))).toEqual(["edge-endpoint_listener"]);
    expect(resourcesOf(json, "aws_lb_listener")["edge-endpoint_listener"].protocol).toBe(
      env === "dev" ? "TCP" : "TLS",
    );
    if (env !== "dev") {
      expect(services["containers_web_service"].load_balancer).toEqual([
        {
          target_group_arn: "${aws_lb_target_group.edge-endpoint_target-group.arn}",
          container_name: "web",
          container_port: 8080,
        },
      ]);
    }
  });

  // A rule is its group, protocol, ports and peer (a CIDR or a referenced group): the endpoint
  // sends the target port to the OSv hosts' group and to the container instances' group in two
  // rules that differ only in the referenced group, which AWS keeps apart (VPC user guide,
  // security group rules: the source or destination is part of the rule).
  it("never declares the same security-group rule twice (AWS rejects duplicates at apply)", () => {
    const rules = [
      "aws_vpc_security_group_ingress_rule",
      "aws_vpc_security_group_egress_rule",
    ].flatMap((type) =>
      Object.values(resourcesOf(json, type)).map((r) =>
        [
          type,
          r.security_group_id,
          r.ip_protocol,
          r.cidr_ipv4,
          r.referenced_security_group_id,
          r.from_port,
          r.to_port,
        ].join(" "),
      ),
    );
    expect(rules.length).toBeGreaterThan(5);
    expect(new Set(rules).size).toBe(rules.length);
  });

  it("builds the VPC from the environment's network plan", () => {
    const vpc = resourcesOf(json, "aws_vpc").hub_vpc;
    const x = { dev: "10", staging: "20", prod: "30" }[env];
    expect(vpc.cidr_block).toBe(`10.${x}.0.0/16`);
    for (const subnet of Object.values(resourcesOf(json, "aws_subnet"))) {
      expect(subnet.cidr_block.startsWith(`10.${x}.`)).toBe(true);
    }
  });
});

const AZS: Record<string, string[]> = {
  dev: ["us-east-1a", "us-east-1b"],
  staging: ["us-east-1a", "us-east-1b", "us-east-1c"],
  prod: ["us-east-1a", "us-east-1b", "us-east-1c"],
};

describe.each([
  ["dev", "t3.medium", 1, 1, 2],
  ["staging", "c5.large", 2, 2, 4],
  ["prod", "c5.large", 3, 3, 6],
])("region-hub-%s OSv fleet behind the NLB", (env, instanceType, min, desired, max) => {
  const json = synthSite(env);
  const azs = AZS[env];
  const ingress = resourcesOf(json, "aws_vpc_security_group_ingress_rule");
  const egress = resourcesOf(json, "aws_vpc_security_group_egress_rule");

  it("imports the OSv image from the environment's bucket as an encrypted snapshot and AMI", () => {
    const account = { dev: "111111111111", staging: "222222222222", prod: "333333333333" }[env];
    const version = env === "prod" ? "1.3.2" : "1.4.0";
    const snapshot = resourcesOf(json, "aws_ebs_snapshot_import")["osv-image_snapshot-import"];
    expect(snapshot.encrypted).toBe(true);
    expect(snapshot.disk_container).toMatchObject({
      format: "RAW",
      user_bucket: {
        s3_bucket: `edge-blueprints-osv-images-${account}`,
        s3_key: `osv/app-${version}.raw`,
      },
    });
    expect(resourcesOf(json, "aws_ami")["osv-image_ami"]).toMatchObject({
      architecture: "x86_64",
      ena_support: true,
      root_device_name: "/dev/xvda",
    });
  });

  it("launches hosts with IMDSv2 required, hop limit 1, encrypted root, detailed monitoring, no public IP", () => {
    const lt = resourcesOf(json, "aws_launch_template")["osv_launch-template"];
    expect(lt.image_id).toBe("${aws_ami.osv-image_ami.id}");
    expect(lt.instance_type).toBe(instanceType);
    expect(lt.metadata_options).toMatchObject({
      http_tokens: "required",
      http_put_response_hop_limit: 1,
    });
    expect(lt).not.toHaveProperty("user_data");
    expect(lt.block_device_mappings[0].ebs).toMatchObject({
      encrypted: "true",
      volume_type: "gp3",
    });
    expect(lt.monitoring).toEqual({ enabled: true });
    expect(lt.network_interfaces).toEqual([
      expect.objectContaining({
        associate_public_ip_address: "false",
        security_groups: ["${aws_security_group.osv-hosts_security-group.id}"],
      }),
    ]);
  });

  it("runs an Auto Scaling group across the private subnets, registered with the NLB's target group", () => {
    const group = resourcesOf(json, "aws_autoscaling_group").osv_group;
    expect(group).toMatchObject({ min_size: min, desired_capacity: desired, max_size: max });
    expect(group.vpc_zone_identifier).toEqual(
      azs.map((az) => `\${aws_subnet.hub_private-subnet-${az}.id}`),
    );
    expect(group.target_group_arns).toEqual([
      "${aws_lb_target_group.edge-endpoint_target-group.arn}",
    ]);
    expect(group.health_check_type).toBe("ELB");
    // Recovery alarms are for fixed instances only; the group replaces unhealthy hosts.
    const alarms = Object.values(resourcesOf(json, "aws_cloudwatch_metric_alarm"));
    expect(alarms.filter((a) => a.metric_name === "StatusCheckFailed_System")).toEqual([]);
  });

  it("fronts the group with an internet-facing NLB in one public subnet per AZ", () => {
    const lb = resourcesOf(json, "aws_lb")["edge-endpoint_load-balancer"];
    expect(lb).toMatchObject({
      name: `region-hub-${env}-edge`,
      load_balancer_type: "network",
      internal: false,
      enable_cross_zone_load_balancing: true,
      enable_deletion_protection: env !== "dev",
      security_groups: ["${aws_security_group.edge-endpoint_security-group.id}"],
    });
    expect(lb.subnets).toEqual(azs.map((az) => `\${aws_subnet.hub_public-subnet-${az}.id}`));
    // staging and prod (production profile) serve TLS on the same port, in place: the address
    // and port stay, the protocol, certificate and policy change (Terraform AWS provider,
    // aws_lb_listener: certificate_arn and ssl_policy are required for TLS).
    const tls =
      env === "dev"
        ? {}
        : {
            certificate_arn:
              "${aws_acm_certificate_validation.edge-endpoint_certificate-validation.certificate_arn}",
            ssl_policy: "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
          };
    expect(resourcesOf(json, "aws_lb_listener")).toEqual({
      "edge-endpoint_listener": {
        load_balancer_arn: "${aws_lb.edge-endpoint_load-balancer.arn}",
        port: 8080,
        protocol: env === "dev" ? "TCP" : "TLS",
        ...tls,
        default_action: [
          {
            type: "forward",
            target_group_arn: "${aws_lb_target_group.edge-endpoint_target-group.arn}",
          },
        ],
      },
    });
    if (env !== "dev") {
      const domain = env === "prod" ? "edge.example.com" : "edge.staging.example.com";
      expect(resourcesOf(json, "aws_acm_certificate")["edge-endpoint_certificate"]).toMatchObject({
        domain_name: domain,
        validation_method: "DNS",
      });
      expect(
        resourcesOf(json, "aws_route53_record")["edge-endpoint_certificate-validation-record"]
          .zone_id,
      ).toBe(displayText(placeholder("hosted zone id")));
    }
    expect(resourcesOf(json, "aws_lb_target_group")["edge-endpoint_target-group"]).toMatchObject({
      name: `region-hub-${env}-osv`,
      target_type: "instance",
      protocol: "TCP",
      port: 8080,
      vpc_id: "${aws_vpc.hub_vpc.id}",
      health_check: { protocol: "TCP", port: "traffic-port" },
    });
    expect(resourcesOf(json, "aws_autoscaling_attachment")).toEqual({});
  });

  it("admits the app port to the hosts only from the NLB's group, and SSH only from the Instance Connect Endpoint", () => {
    const toHosts = Object.values(ingress).filter(
      (r) => r.security_group_id === "${aws_security_group.osv-hosts_security-group.id}",
    );
    expect(
      toHosts.map((r) => [r.from_port, r.referenced_security_group_id, r.cidr_ipv4]).sort(),
    ).toEqual([
      [22, "${aws_security_group.hub_instance-connect-security-group.id}", undefined],
      [8080, "${aws_security_group.edge-endpoint_security-group.id}", undefined],
    ]);
    expect(ingress["edge-endpoint_public-ingress"]).toMatchObject({
      security_group_id: "${aws_security_group.edge-endpoint_security-group.id}",
      cidr_ipv4: "0.0.0.0/0",
      ip_protocol: "tcp",
      from_port: 8080,
      to_port: 8080,
    });
    // Health checks obey the NLB's outbound rules: only the app port, only to the hosts.
    expect(egress["edge-endpoint_hosts-egress"]).toMatchObject({
      security_group_id: "${aws_security_group.edge-endpoint_security-group.id}",
      referenced_security_group_id: "${aws_security_group.osv-hosts_security-group.id}",
      from_port: 8080,
      to_port: 8080,
    });
  });

  it("passes the policy pack: no unsuppressed error, the NLB's public port declared with its reason", () => {
    const report = policyReport(env);
    expect(
      report.results.filter((r) => r.level === "error" && r.status === "non-compliant"),
    ).toEqual([]);
    expect(report.summary.errors).toBe(0);
    // The task definitions reference the repository and log group inside their JSON; the
    // pack still reads their plain environment (EDGE-ECS-1), and finds no secret there.
    expect(
      report.results
        .filter((r) => r.rule === "EDGE-ECS-1")
        .map((r) => [r.address, r.status]),
    ).toEqual([
      ["aws_ecs_task_definition.containers_api_task-definition", "compliant"],
      ...(env === "dev" ? [] : [["aws_ecs_task_definition.containers_web_task-definition", "compliant"]]),
    ]);
    const declared = report.results.filter((r) => r.status === "suppressed");
    expect(declared).toEqual([
      // dev keeps its plaintext TCP listener by declaration (EDGE-ELB-1); staging and prod
      // serve TLS, so the rule finds nothing to accept there.
      ...(env === "dev"
        ? [
            expect.objectContaining({
              rule: "EDGE-ELB-1",
              address: "aws_lb_listener.edge-endpoint_listener",
              suppression: expect.objectContaining({
                reason: expect.stringContaining("dev serves plain TCP on purpose"),
              }),
            }),
          ]
        : []),
      expect.objectContaining({
        rule: "EDGE-SG-4",
        address: "aws_vpc_security_group_ingress_rule.edge-endpoint_public-ingress",
        suppression: expect.objectContaining({
          reason: expect.stringContaining("public edge endpoint"),
        }),
      }),
    ]);
    expect(
      report.results.filter((r) => r.rule === "EDGE-ELB-1").map((r) => [r.address, r.status]),
    ).toEqual([
      ["aws_lb_listener.edge-endpoint_listener", env === "dev" ? "suppressed" : "compliant"],
    ]);
    expect(report.unused_suppressions).toEqual([]);
  });
});

const withEnv = (env: string, change: (c: RegionHubConfig) => RegionHubConfig) => ({
  ...regionHub.environments,
  [env]: change(structuredClone(regionHub.environments[env])),
});

describe("region-hub per-environment choices", () => {
  it("uses a NAT gateway per AZ in prod and a single one in dev and staging", () => {
    expect(Object.keys(resourcesOf(synthSite("prod"), "aws_nat_gateway"))).toHaveLength(3);
    expect(Object.keys(resourcesOf(synthSite("staging"), "aws_nat_gateway"))).toHaveLength(1);
    expect(Object.keys(resourcesOf(synthSite("dev"), "aws_nat_gateway"))).toHaveLength(1);
  });

  it("has no SSH rule on the OSv hosts when the hub runs without an Instance Connect Endpoint", () => {
    const json = synthSite(
      "staging",
      withEnv("staging", (c) => ({ ...c, vpc: { ...c.vpc, instanceConnectEndpoint: false } })),
    );
    const rules = Object.values(resourcesOf(json, "aws_vpc_security_group_ingress_rule"));
    expect(rules.filter((r) => r.from_port === 22)).toEqual([]);
    expect(json.output?.instance_connect_security_group_id.value).toBe("");
  });

  it("keeps load balancer and target group names within 32 characters for long ad-hoc environments", () => {
    const json = synthSite("feature-long-branch-name");
    const lb = resourcesOf(json, "aws_lb")["edge-endpoint_load-balancer"].name;
    const tg = resourcesOf(json, "aws_lb_target_group")["edge-endpoint_target-group"].name;
    for (const name of [lb, tg]) {
      expect(name.length).toBeLessThanOrEqual(32);
      expect(name).toMatch(/^region-hub-feature-long-[0-9a-f]{8}$/);
    }
    expect(lb).not.toBe(tg);
    const stack = (env: string): EdgeStack => testStack({ site: "region-hub", env, catalog: environmentCatalog, policy: edgePolicyPack });
    expect(elbName(stack("dev"), "edge")).toBe("region-hub-dev-edge");
    expect(elbName(stack("feature-long-branch-a"), "edge")).not.toBe(
      elbName(stack("feature-long-branch-b"), "edge"),
    );
  });

  it("synthesizes an ad-hoc environment with dev's config", () => {
    const json = synthSite("feature-42");
    expect(json.provider.aws[0].default_tags[0].tags.environment).toBe("feature-42");
    expect(json.terraform.backend.local.path).toBe("../../../state/region-hub/feature-42.tfstate");
  });
});

describe("region-hub bad input", () => {
  it("rejects a qcow2 OSv image at its config path, with the qemu-img fix", () => {
    const err = configError(() =>
      synthSite(
        "prod",
        withEnv("prod", (c) => ({
          ...c,
          osv: { ...c.osv, image: { ...c.osv.image, format: "qcow2" } },
        })),
      ),
    );
    expect(err.code).toBe("EDGE_OSV_IMAGE_FORMAT");
    expect(err.path).toBe("environments.prod.osv.image.format");
    expect(err.fix).toContain("qemu-img convert -O raw");
  });

  it("rejects a Graviton instance type for the OSv fleet at its config path", () => {
    const err = configError(() =>
      synthSite(
        "dev",
        withEnv("dev", (c) => ({ ...c, osv: { ...c.osv, instanceType: "c7g.large" } })),
      ),
    );
    expect(err.code).toBe("EDGE_OSV_ARCH");
    expect(err.path).toBe("environments.dev.osv.instanceType");
  });

  it("rejects fleet sizes out of order at their config path", () => {
    const err = configError(() =>
      synthSite(
        "staging",
        withEnv("staging", (c) => ({ ...c, osv: { ...c.osv, minSize: 5 } })),
      ),
    );
    expect(err.code).toBe("EDGE_OSV_ASG_SIZE");
    expect(err.path.startsWith("environments.staging.osv.")).toBe(true);
  });

  it("rejects a misspelled key in the site config with a did-you-mean", () => {
    const err = configError(() =>
      synthSite("dev", {
        ...regionHub.environments,
        dev: {
          ...regionHub.environments.dev,
          vpc: { availabilityZones: ["us-east-1a"], natGateway: "single" } as never,
        },
      }),
    );
    expect(err.message).toBe(
      'EDGE_CONFIG_UNKNOWN_KEY at environments.dev.vpc.natGateway: unknown key "natGateway" (got "single"); fix: did you mean "natGateways"? remove "natGateway" or use one of: availabilityZones, natGateways, publicSubnetPrefixLength, privateSubnetPrefixLength, flowLogRetentionDays, flowLogAggregationSeconds, instanceConnectEndpoint',
    );
  });

  it("names the site config path when a construct rejects a value", () => {
    const err = configError(() =>
      synthSite("prod", {
        ...regionHub.environments,
        prod: {
          ...regionHub.environments.prod,
          vpc: { availabilityZones: ["us-east-1a", "us-east-1-wl1-bos-wlz-1"] },
        },
      }),
    );
    expect(err.message).toBe(
      'EDGE_ZONE_KIND at environments.prod.vpc.availabilityZones[1]: us-east-1-wl1-bos-wlz-1 is a Wavelength Zone, expected an availability zone (got "us-east-1-wl1-bos-wlz-1"); fix: put us-east-1-wl1-bos-wlz-1 in the Wavelength Zone site\'s config, not here',
    );
  });
});

describe("region-hub without containers", () => {
  it("leaves them out when the config has none: the OSv fleet alone behind the edge endpoint", () => {
    const { containers: _none, ...dev } = regionHub.environments.dev;
    const json = synthSite("dev", { ...regionHub.environments, dev });
    const types = Object.keys(json.resource ?? {});
    expect(types.filter((t) => /^aws_ec(s|r)_/.test(t))).toEqual([]);
    expect(Object.keys(resourcesOf(json, "aws_vpc_security_group_egress_rule"))).not.toContain(
      "edge-endpoint_containers-egress",
    );
    expect(Object.keys(resourcesOf(json, "aws_autoscaling_group"))).toEqual(["osv_group"]);
  });
});

// Synth proves a path for every declared need (docs/network-paths.md); these are the prod paths.
describe("region-hub-prod network paths", () => {
  const { stack } = buildSite(regionHub, "prod");
  const { report, failures } = checkStackPaths(stack);
  const rows = [...new Set(report.paths.map((p) => `${p.workload.split("/").slice(1).join("/")} ${p.direction} ${p.need}: ${p.via}`))];

  it("proves every need, with the route that carries it", () => {
    expect(failures).toEqual([]);
    expect(rows).toEqual([
      "osv call monitoring: public monitoring endpoint through NAT gateway aws_nat_gateway.hub_nat-gateway-us-east-1a",
      "osv call monitoring: public monitoring endpoint through NAT gateway aws_nat_gateway.hub_nat-gateway-us-east-1b",
      "osv call monitoring: public monitoring endpoint through NAT gateway aws_nat_gateway.hub_nat-gateway-us-east-1c",
      "containers/cluster call ecs: public ecs endpoint through NAT gateway aws_nat_gateway.hub_nat-gateway-us-east-1a",
      "containers/cluster call ecs-agent: public ecs-agent endpoint through NAT gateway aws_nat_gateway.hub_nat-gateway-us-east-1a",
      "containers/cluster call ecs-telemetry: public ecs-telemetry endpoint through NAT gateway aws_nat_gateway.hub_nat-gateway-us-east-1a",
      "containers/cluster call ecr.api: public ecr.api endpoint through NAT gateway aws_nat_gateway.hub_nat-gateway-us-east-1a",
      "containers/cluster call ecr.dkr: public ecr.dkr endpoint through NAT gateway aws_nat_gateway.hub_nat-gateway-us-east-1a",
      "containers/cluster call s3: gateway endpoint aws_vpc_endpoint.hub_s3-gateway-endpoint",
      "containers/cluster call logs: public logs endpoint through NAT gateway aws_nat_gateway.hub_nat-gateway-us-east-1a",
      "containers/cluster call ecs: public ecs endpoint through NAT gateway aws_nat_gateway.hub_nat-gateway-us-east-1b",
      "containers/cluster call ecs-agent: public ecs-agent endpoint through NAT gateway aws_nat_gateway.hub_nat-gateway-us-east-1b",
      "containers/cluster call ecs-telemetry: public ecs-telemetry endpoint through NAT gateway aws_nat_gateway.hub_nat-gateway-us-east-1b",
      "containers/cluster call ecr.api: public ecr.api endpoint through NAT gateway aws_nat_gateway.hub_nat-gateway-us-east-1b",
      "containers/cluster call ecr.dkr: public ecr.dkr endpoint through NAT gateway aws_nat_gateway.hub_nat-gateway-us-east-1b",
      "containers/cluster call logs: public logs endpoint through NAT gateway aws_nat_gateway.hub_nat-gateway-us-east-1b",
      "containers/cluster call ecs: public ecs endpoint through NAT gateway aws_nat_gateway.hub_nat-gateway-us-east-1c",
      "containers/cluster call ecs-agent: public ecs-agent endpoint through NAT gateway aws_nat_gateway.hub_nat-gateway-us-east-1c",
      "containers/cluster call ecs-telemetry: public ecs-telemetry endpoint through NAT gateway aws_nat_gateway.hub_nat-gateway-us-east-1c",
      "containers/cluster call ecr.api: public ecr.api endpoint through NAT gateway aws_nat_gateway.hub_nat-gateway-us-east-1c",
      "containers/cluster call ecr.dkr: public ecr.dkr endpoint through NAT gateway aws_nat_gateway.hub_nat-gateway-us-east-1c",
      "containers/cluster call logs: public logs endpoint through NAT gateway aws_nat_gateway.hub_nat-gateway-us-east-1c",
      "containers/api call ssm: public ssm endpoint through NAT gateway aws_nat_gateway.hub_nat-gateway-us-east-1a",
      "containers/api call ssm: public ssm endpoint through NAT gateway aws_nat_gateway.hub_nat-gateway-us-east-1b",
      "containers/api call ssm: public ssm endpoint through NAT gateway aws_nat_gateway.hub_nat-gateway-us-east-1c",
      "hub/nat-gateway-us-east-1a call internet: internet gateway aws_internet_gateway.hub_internet-gateway",
      "hub/nat-gateway-us-east-1b call internet: internet gateway aws_internet_gateway.hub_internet-gateway",
      "hub/nat-gateway-us-east-1c call internet: internet gateway aws_internet_gateway.hub_internet-gateway",
      "edge-endpoint/load-balancer client internet: internet gateway aws_internet_gateway.hub_internet-gateway",
    ]);
  });

  it("lists the routes nothing needs", () => {
    // The S3 gateway endpoint carries the container instances' image layers (ECR stores them in S3).
    expect(report.unneeded.map((u) => u.address)).toEqual([]);
  });
});
