import { checkStackPaths, displayText, placeholder } from "@edge/core";
import {
  defineEnvironment,
  outputName,
  siteConfigFor,
  siteConfigPath,
  type EnvironmentInput,
} from "@edge/core";
import { defaultEnvironments, environmentCatalog, SHIPPED_ENVIRONMENTS } from "@edge/environments";
import { localZoneBosOutputs } from "@edge/local-zone-bos-contract";
import { edgePolicyPack, evaluateTerraform, policyReportOf } from "@edge/policy";
import {
  addressSummary,
  buildSite,
  configError,
  resourcesOf,
  shippedSite,
  synthJson,
  testStack,
} from "@edge/core/testing";
import { localZoneBos } from "../src/main";
import type { LocalZoneBosConfig } from "../src/site";

const synthSite = (
  env: string,
  environments = localZoneBos.environments,
  environment?: Partial<EnvironmentInput>,
) =>
  // The shipped config is synthesized once per environment and shared by this file's tests.
  environments === localZoneBos.environments && !environment
    ? shippedSite(localZoneBos, env, { catalog: environmentCatalog, policy: edgePolicyPack }).json
    : buildSite(localZoneBos, env, { environments, environment, catalog: environmentCatalog, policy: edgePolicyPack }).json;

const HUB_STATE = "data.terraform_remote_state.region-hub-outputs.outputs";

const withEnv = (env: string, change: (c: LocalZoneBosConfig) => LocalZoneBosConfig) => ({
  ...localZoneBos.environments,
  [env]: change(structuredClone(localZoneBos.environments[env])),
});

describe.each(defaultEnvironments())("local-zone-bos-%s", (env) => {
  const json = synthSite(env);
  const x = { dev: "10", staging: "20", prod: "30" }[env];

  it("keeps its resource addresses", () => {
    expect(addressSummary(json)).toMatchSnapshot();
  });

  it("publishes the ALB's DNS name and hosted zone id as the edge endpoint", () => {
    expect(json.output?.edge_endpoint_dns_name.value).toBe(
      "${aws_lb.edge-endpoint_load-balancer.dns_name}",
    );
    expect(json.output?.edge_endpoint_zone_id.value).toBe(
      "${aws_lb.edge-endpoint_load-balancer.zone_id}",
    );
  });

  it("publishes every output of the local-zone-bos contract", () => {
    expect(Object.keys(json.output ?? {}).sort()).toEqual(
      Object.keys(localZoneBosOutputs.outputs).map(outputName).sort(),
    );
    expect(json.output?.private_subnet_ids.value).toEqual({
      "us-east-1-bos-1a": "${aws_subnet.local-zones_private-subnet-us-east-1-bos-1a.id}",
    });
    expect(json.output?.network_border_groups.value).toEqual({
      "us-east-1-bos-1a": "us-east-1-bos-1",
    });
    expect(json.output?.ebs_volume_types.value).toEqual({ "us-east-1-bos-1a": "gp2" });
  });

  it("extends the hub VPC read from region-hub's outputs, inside this site's block", () => {
    for (const subnet of Object.values(resourcesOf(json, "aws_subnet"))) {
      expect(subnet.vpc_id).toBe(`\${${HUB_STATE}.vpc_id}`);
      expect(subnet.cidr_block.startsWith(`10.${x}.6`)).toBe(true);
      expect(subnet.lifecycle.precondition[0].condition).toBe(
        `\${(${HUB_STATE}.vpc_cidr == "10.${x}.0.0/16")}`,
      );
    }
    expect(resourcesOf(json, "aws_route")["local-zones_public-default-route"].gateway_id).toBe(
      `\${${HUB_STATE}.internet_gateway_id}`,
    );
    expect(
      resourcesOf(json, "aws_route")["local-zones_private-default-route-us-east-1-bos-1a"]
        .nat_gateway_id,
    ).toBe(`\${${HUB_STATE}.nat_gateway_ids["us-east-1a"]}`);
  });

  // Local Zone subnets route like AZ subnets (Amazon VPC UG, local-zone): the hub's S3 gateway
  // endpoint on the zone's private table takes S3 off the Region NAT (Amazon VPC UG, gateway endpoints).
  // Containers on ECS in the Local Zone: the web service registers in the zone's edge endpoint
  // (the ALB, HTTP in dev by declaration, HTTPS with the redirect in staging and prod) and
  // adds no load balancer or listener of its own.
  it("runs the web containers in the Local Zone behind the zone's edge endpoint", () => {
    expect(Object.values(resourcesOf(json, "aws_ecs_cluster")).map((c) => c.name)).toEqual([
      `local-zone-bos-${env}-containers`,
    ]);
    const web = resourcesOf(json, "aws_ecs_service")["containers_web_service"];
    expect(web.load_balancer).toEqual([
      {
        target_group_arn: "${aws_lb_target_group.edge-endpoint_target-group.arn}",
        container_name: "web",
        container_port: 8080,
      },
    ]);
    expect(Object.keys(resourcesOf(json, "aws_lb"))).toEqual(["edge-endpoint_load-balancer"]);
    expect(Object.keys(resourcesOf(json, "aws_lb_listener")).sort()).toEqual(
      env === "dev" ? ["edge-endpoint_listener"] : ["edge-endpoint_http-redirect", "edge-endpoint_listener"],
    );
    expect(resourcesOf(json, "aws_lb_listener")["edge-endpoint_listener"].protocol).toBe(
      env === "dev" ? "HTTP" : "HTTPS",
    );
    expect(
      Object.values(resourcesOf(json, "aws_autoscaling_group"))
        .map((g) => g.name)
        .filter((n) => n.includes("containers")),
    ).toEqual([`local-zone-bos-${env}-containers-us-east-1-bos-1a`]);
  });

  it("associates the hub's S3 gateway endpoint with the zone's private route table", () => {
    expect(resourcesOf(json, "aws_vpc_endpoint_route_table_association")).toEqual({
      "local-zones_s3-gateway-endpoint-us-east-1-bos-1a": {
        route_table_id: "${aws_route_table.local-zones_private-route-table-us-east-1-bos-1a.id}",
        vpc_endpoint_id: `\${${HUB_STATE}.s3_gateway_endpoint_id}`,
      },
    });
  });
});

describe.each([
  ["dev", "t3.medium", 1, 1, 2, "/"],
  ["staging", "t3.xlarge", 1, 2, 3, "/healthz"],
  ["prod", "t3.xlarge", 2, 2, 4, "/healthz"],
])(
  "local-zone-bos-%s OSv fleet behind the ALB",
  (env, instanceType, min, desired, max, healthPath) => {
    const json = synthSite(env);
    const ingress = resourcesOf(json, "aws_vpc_security_group_ingress_rule");
    const egress = resourcesOf(json, "aws_vpc_security_group_egress_rule");

    it("registers the OSv AMI with a gp2 root, the only type the catalog lists in us-east-1-bos-1a", () => {
      expect(resourcesOf(json, "aws_ami")["osv-image_ami"].ebs_block_device[0].volume_type).toBe(
        "gp2",
      );
      expect(
        resourcesOf(json, "aws_ebs_snapshot_import")["osv-image_snapshot-import"],
      ).toMatchObject({
        encrypted: true,
        disk_container: { format: "RAW" },
      });
    });

    it("launches hosts with IMDSv2 required, hop limit 1, encrypted gp2 root, detailed monitoring, no public IP", () => {
      const lt = resourcesOf(json, "aws_launch_template")["osv_launch-template"];
      expect(lt.instance_type).toBe(instanceType);
      expect(lt.metadata_options).toMatchObject({
        http_tokens: "required",
        http_put_response_hop_limit: 1,
      });
      expect(lt.block_device_mappings[0].ebs).toMatchObject({
        encrypted: "true",
        volume_type: "gp2",
      });
      expect(lt.monitoring).toEqual({ enabled: true });
      expect(lt.network_interfaces[0]).toMatchObject({
        associate_public_ip_address: "false",
        security_groups: ["${aws_security_group.osv-hosts_security-group.id}"],
      });
      // The account's offering of the type in the zone is checked at plan time.
      expect(lt.lifecycle.precondition[0].condition).toContain(
        "data.aws_ec2_instance_type_offerings.osv_instance-type-offering-us-east-1-bos-1a",
      );
    });

    it("runs an Auto Scaling group in the Local Zone's private subnet, registered with the ALB's target group", () => {
      expect(resourcesOf(json, "aws_autoscaling_group").osv_group).toMatchObject({
        min_size: min,
        desired_capacity: desired,
        max_size: max,
        vpc_zone_identifier: ["${aws_subnet.local-zones_private-subnet-us-east-1-bos-1a.id}"],
        target_group_arns: ["${aws_lb_target_group.edge-endpoint_target-group.arn}"],
        health_check_type: "ELB",
      });
    });

    it("fronts the group with an internet-facing ALB in the Local Zone's public subnet only", () => {
      expect(resourcesOf(json, "aws_lb")["edge-endpoint_load-balancer"]).toEqual({
        name: `local-zone-bos-${env}-edge`,
        load_balancer_type: "application",
        internal: false,
        ip_address_type: "ipv4",
        subnets: ["${aws_subnet.local-zones_public-subnet-us-east-1-bos-1a.id}"],
        security_groups: ["${aws_security_group.edge-endpoint_security-group.id}"],
        drop_invalid_header_fields: true,
        enable_deletion_protection: env !== "dev",
        tags: { Name: `local-zone-bos-${env}-edge` },
      });
      // staging and prod (production profile) serve HTTPS on the same port, in place (the
      // address and port stay; Terraform AWS provider, aws_lb_listener: certificate_arn and
      // ssl_policy are required for HTTPS), and redirect plain HTTP on port 80 to it (ELB ALB
      // guide, "Listeners for your Application Load Balancers", redirect actions).
      const forward = {
        load_balancer_arn: "${aws_lb.edge-endpoint_load-balancer.arn}",
        port: 8080,
        default_action: [
          {
            type: "forward",
            target_group_arn: "${aws_lb_target_group.edge-endpoint_target-group.arn}",
          },
        ],
      };
      expect(resourcesOf(json, "aws_lb_listener")).toEqual(
        env === "dev"
          ? { "edge-endpoint_listener": { ...forward, protocol: "HTTP" } }
          : {
              "edge-endpoint_listener": {
                ...forward,
                protocol: "HTTPS",
                certificate_arn:
                  "${aws_acm_certificate_validation.edge-endpoint_certificate-validation.certificate_arn}",
                ssl_policy: "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
              },
              "edge-endpoint_http-redirect": {
                load_balancer_arn: "${aws_lb.edge-endpoint_load-balancer.arn}",
                port: 80,
                protocol: "HTTP",
                default_action: [
                  {
                    type: "redirect",
                    redirect: { protocol: "HTTPS", port: "8080", status_code: "HTTP_301" },
                  },
                ],
              },
            },
      );
      if (env !== "dev") {
        expect(
          resourcesOf(json, "aws_acm_certificate")["edge-endpoint_certificate"].domain_name,
        ).toBe(env === "prod" ? "edge.example.com" : "edge.staging.example.com");
        expect(
          resourcesOf(json, "aws_route53_record")["edge-endpoint_certificate-validation-record"]
            .zone_id,
        ).toBe(displayText(placeholder("hosted zone id")));
      }
      expect(resourcesOf(json, "aws_lb_target_group")["edge-endpoint_target-group"]).toMatchObject({
        target_type: "instance",
        protocol: "HTTP",
        port: 8080,
        vpc_id: `\${${HUB_STATE}.vpc_id}`,
        health_check: {
          protocol: "HTTP",
          port: "traffic-port",
          path: healthPath,
          matcher: "200-399",
        },
      });
    });

    it("admits the app port to the hosts only from the ALB's group, and SSH only from the hub's endpoint group when it has one", () => {
      const toHosts = Object.entries(ingress).filter(
        ([, r]) => r.security_group_id === "${aws_security_group.osv-hosts_security-group.id}",
      );
      expect(toHosts.map(([name]) => name).sort()).toEqual([
        "osv-hosts_app-ingress-sg-0",
        "osv-hosts_ssh-ingress",
      ]);
      expect(ingress["osv-hosts_app-ingress-sg-0"]).toMatchObject({
        from_port: 8080,
        to_port: 8080,
        referenced_security_group_id: "${aws_security_group.edge-endpoint_security-group.id}",
      });
      expect(ingress["osv-hosts_ssh-ingress"]).toMatchObject({
        from_port: 22,
        referenced_security_group_id: `\${${HUB_STATE}.instance_connect_security_group_id}`,
        // region-hub publishes "" without an endpoint: no rule then.
        count: `\${min(length(${HUB_STATE}.instance_connect_security_group_id), 1)}`,
      });
      expect(ingress["edge-endpoint_public-ingress"]).toMatchObject({
        cidr_ipv4: "0.0.0.0/0",
        from_port: 8080,
        to_port: 8080,
      });
      expect(egress["edge-endpoint_hosts-egress"]).toMatchObject({
        security_group_id: "${aws_security_group.edge-endpoint_security-group.id}",
        referenced_security_group_id: "${aws_security_group.osv-hosts_security-group.id}",
        from_port: 8080,
        to_port: 8080,
      });
    });

    it("passes the policy pack: no unsuppressed error, the ALB's public port declared with its reason", () => {
      const stack = testStack({ site: "local-zone-bos", env, catalog: environmentCatalog, policy: edgePolicyPack });
      localZoneBos.build(
        stack,
        siteConfigFor(localZoneBos, stack.environment),
        siteConfigPath(localZoneBos, stack.environment),
      );
      synthJson(stack);
      const report = policyReportOf(stack)!;
      expect(report.summary.errors).toBe(0);
      expect(report.results.filter((r) => r.status === "suppressed")).toEqual([
        // dev keeps its plaintext HTTP listener by declaration (EDGE-ELB-1).
        ...(env === "dev"
          ? [
              expect.objectContaining({
                rule: "EDGE-ELB-1",
                address: "aws_lb_listener.edge-endpoint_listener",
                suppression: expect.objectContaining({
                  reason: expect.stringContaining("dev serves plain HTTP on purpose"),
                }),
              }),
            ]
          : []),
        // staging and prod declare port 80 as well: it only redirects to HTTPS.
        ...(env === "dev"
          ? []
          : [
              expect.objectContaining({
                rule: "EDGE-SG-4",
                address: "aws_vpc_security_group_ingress_rule.edge-endpoint_http-redirect-ingress",
                suppression: expect.objectContaining({
                  reason: expect.stringContaining("answers plain HTTP only with a redirect to HTTPS"),
                }),
              }),
            ]),
        expect.objectContaining({
          rule: "EDGE-SG-4",
          address: "aws_vpc_security_group_ingress_rule.edge-endpoint_public-ingress",
          suppression: expect.objectContaining({
            reason: expect.stringContaining("public edge endpoint"),
          }),
        }),
      ]);
      expect(report.unused_suppressions).toEqual([]);
    });
  },
);

describe("local-zone-bos edge endpoint options", () => {
  const CERT =
    "arn:aws:acm:us-east-1:333333333333:certificate/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d";

  it("serves HTTPS with the recommended TLS 1.3 policy when given a certificate", () => {
    const json = synthSite(
      "prod",
      withEnv("prod", (c) => ({
        ...c,
        edgeEndpoint: { ...c.edgeEndpoint, tls: undefined, certificateArn: CERT, port: 443 },
      })),
    );
    expect(resourcesOf(json, "aws_lb_listener")["edge-endpoint_listener"]).toMatchObject({
      port: 443,
      protocol: "HTTPS",
      certificate_arn: CERT,
      ssl_policy: "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
    });
    expect(
      resourcesOf(json, "aws_vpc_security_group_ingress_rule")["edge-endpoint_public-ingress"],
    ).toMatchObject({
      from_port: 443,
      to_port: 443,
    });
    // The hosts still listen on the application port.
    expect(resourcesOf(json, "aws_lb_target_group")["edge-endpoint_target-group"].port).toBe(8080);
  });

  it("writes access logs to the configured bucket", () => {
    const json = synthSite(
      "staging",
      withEnv("staging", (c) => ({
        ...c,
        edgeEndpoint: {
          ...c.edgeEndpoint,
          accessLogs: { bucket: "edge-blueprints-elb-logs-222222222222", prefix: "local-zone-bos" },
        },
      })),
    );
    expect(resourcesOf(json, "aws_lb")["edge-endpoint_load-balancer"].access_logs).toEqual({
      bucket: "edge-blueprints-elb-logs-222222222222",
      prefix: "local-zone-bos",
      enabled: true,
    });
  });

  it("keeps the ALB and target group names within 32 characters for long ad-hoc environments", () => {
    const json = synthSite("feature-long-branch-name");
    for (const name of [
      resourcesOf(json, "aws_lb")["edge-endpoint_load-balancer"].name,
      resourcesOf(json, "aws_lb_target_group")["edge-endpoint_target-group"].name,
    ]) {
      expect(name.length).toBeLessThanOrEqual(32);
      expect(name).toMatch(/^local-zone-bos-feature-[0-9a-f]{8}$/);
    }
  });
});

describe("local-zone-bos reads region-hub's state from the environment's backend", () => {
  const remote = (json: ReturnType<typeof synthSite>) =>
    json.data?.terraform_remote_state?.["region-hub-outputs"];

  it("local: the hub's state file under state/, relative to this stack's directory", () => {
    expect(remote(synthSite("dev"))).toEqual({
      backend: "local",
      config: { path: "../../../state/region-hub/dev.tfstate" },
    });
  });

  // A tested option for CLI-delivered environments (no shipped environment uses it).
  it("s3: the hub's key in the environment's bucket", () => {
    expect(
      remote(
        synthSite("prod", localZoneBos.environments, {
          backend: {
            type: "s3",
            bucket: "edge-blueprints-tfstate-333333333333",
            region: "us-east-1",
          },
        }),
      ),
    ).toEqual({
      backend: "s3",
      config: {
        bucket: "edge-blueprints-tfstate-333333333333",
        key: "region-hub/prod/terraform.tfstate",
        region: "us-east-1",
        encrypt: true,
      },
    });
  });

  it("tfc: the hub's workspace in the organization", () => {
    const json = synthSite("dev", localZoneBos.environments, {
      backend: { type: "tfc", organization: "acme", workspacePrefix: "edge" },
    });
    expect(remote(json)).toEqual({
      backend: "remote",
      config: {
        organization: "acme",
        hostname: "app.terraform.io",
        workspaces: { name: "edge-region-hub-dev" },
      },
    });
  });
});

describe("local-zone-bos bad input", () => {
  it("rejects a Local Zone given as the egress availability zone, at its config path", () => {
    const err = configError(() =>
      synthSite("prod", {
        ...localZoneBos.environments,
        prod: {
          ...localZoneBos.environments.prod,
          zones: [{ name: "us-east-1-bos-1a", egressAvailabilityZone: "us-east-1-bos-1a" }],
        },
      }),
    );
    expect(err.code).toBe("EDGE_ZONE_KIND");
    expect(err.message).toBe(
      'EDGE_ZONE_KIND at environments.prod.zones[0].egressAvailabilityZone: us-east-1-bos-1a is a Local Zone, expected an availability zone (got "us-east-1-bos-1a"); fix: put us-east-1-bos-1a in the Local Zone site\'s config, not here',
    );
  });

  it("rejects an availability zone listed as the Local Zone, at its config path", () => {
    const err = configError(() =>
      synthSite("staging", {
        ...localZoneBos.environments,
        staging: { ...localZoneBos.environments.staging, zones: [{ name: "us-east-1b" }] },
      }),
    );
    expect(err.message).toBe(
      'EDGE_ZONE_KIND at environments.staging.zones[0].name: us-east-1b is an availability zone, expected a Local Zone (got "us-east-1b"); fix: list us-east-1b with the Region subnets, not as an edge zone',
    );
  });
});

describe("local-zone-bos bad OSv and edge endpoint input", () => {
  it("rejects an OSv instance type the site does not list for the zone, at its config path", () => {
    const err = configError(() =>
      synthSite(
        "prod",
        withEnv("prod", (c) => ({ ...c, osv: { ...c.osv, instanceType: "m5.2xlarge" } })),
      ),
    );
    expect(err.message).toBe(
      'EDGE_SITE_INSTANCE_TYPE at environments.prod.osv.instanceType: the OSv fleet\'s instance type is not one of the types the site runs in the zones (instanceTypes), whose offering is checked at plan time (got "m5.2xlarge"); fix: add m5.2xlarge to instanceTypes or use one of: t3.xlarge, r5.2xlarge',
    );
  });

  it("rejects a type the Local Zone does not offer even when the site lists it (zone catalog)", () => {
    const err = configError(() =>
      synthSite(
        "dev",
        withEnv("dev", (c) => ({
          ...c,
          instanceTypes: ["c6i.large"],
          osv: { ...c.osv, instanceType: "c6i.large" },
        })),
      ),
    );
    expect(err.code).toBe("EDGE_ZONE_INSTANCE_TYPE");
  });

  // Layering: the schema rejects shapes (a relative path) before any construct runs; the edge
  // endpoint then rejects what ties a value to the stack (the certificate's region).
  it("rejects a relative health check path in the schema, with its rule's code and fix", () => {
    const err = configError(() =>
      synthSite(
        "staging",
        withEnv("staging", (c) => ({ ...c, edgeEndpoint: { healthCheckPath: "healthz" } })),
      ),
    );
    expect(err.message).toBe(
      'EDGE_CONFIG_VALUE at environments.staging.edgeEndpoint.healthCheckPath: a health check path starts with / and has at most 1024 characters (got "healthz"); fix: give the path the application answers health checks on, such as "/healthz"',
    );
  });

  it("rejects a certificate from another region in the edge endpoint, at the site's config path", () => {
    const err = configError(() =>
      synthSite(
        "staging",
        withEnv("staging", (c) => ({
          ...c,
          edgeEndpoint: {
            certificateArn:
              "arn:aws:acm:eu-west-1:222222222222:certificate/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d",
          },
        })),
      ),
    );
    expect(err.message).toBe(
      'EDGE_LB_CERTIFICATE at environments.staging.edgeEndpoint.certificateArn: the certificate is in eu-west-1, not in the stack\'s region us-east-1 (got "arn:aws:acm:eu-west-1:222222222222:certificate/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d"); fix: give the ARN of an ACM certificate in us-east-1 (arn:aws:acm:us-east-1:<account>:certificate/<uuid>) or of an IAM server certificate (arn:aws:iam::<account>:server-certificate/<name>)',
    );
  });

  it("rejects a qcow2 OSv image with the qemu-img fix", () => {
    const err = configError(() =>
      synthSite(
        "dev",
        withEnv("dev", (c) => ({
          ...c,
          osv: {
            ...c.osv,
            image: { ...c.osv.image, s3Key: "osv/app-1.4.0.qcow2", format: undefined },
          },
        })),
      ),
    );
    expect(err.code).toBe("EDGE_OSV_IMAGE_FORMAT");
    expect(err.path.startsWith("environments.dev.osv.image")).toBe(true);
    expect(err.fix).toContain("qemu-img convert -O raw");
  });
});

describe("local-zone-bos passes the policy pack", () => {
  it.each(defaultEnvironments())("%s has no error-level finding", (env) => {
    const json = synthSite(env);
    const environment = defineEnvironment(SHIPPED_ENVIRONMENTS[env], env);
    const evaluations = evaluateTerraform(json, {
      stack: `local-zone-bos-${env}`,
      site: "local-zone-bos",
      environment: env,
      region: environment.region,
      account: environment.account,
      permissionsBoundaryArn: environment.permissionsBoundaryArn,
    });
    expect(evaluations.length).toBeGreaterThan(10);
    const failures = evaluations
      .filter((e) => e.rule.level === "error" && e.outcome.status === "non-compliant")
      .map((e) => `${e.rule.id} ${e.address}`);
    // dev's plaintext listener is the one finding, which the site declares with a reason (the
    // suppression is checked with the policy report above).
    expect(failures).toEqual(env === "dev" ? ["EDGE-ELB-1 aws_lb_listener.edge-endpoint_listener"] : []);
  });
});

// Synth proves a path for every declared need (docs/network-paths.md); these are the prod paths.
describe("local-zone-bos-prod network paths", () => {
  const { stack } = buildSite(localZoneBos, "prod");
  const { report, failures } = checkStackPaths(stack);
  const rows = [...new Set(report.paths.map((p) => `${p.workload.split("/").slice(1).join("/")} ${p.direction} ${p.need}: ${p.via}`))];

  it("proves every need, with the route that carries it", () => {
    expect(failures).toEqual([]);
    expect(rows).toEqual([
      "osv client site region-hub: the VPC's local route (region-hub 10.30.0.0/18 is inside 10.30.0.0/16)",
      "osv call monitoring: public monitoring endpoint through NAT gateway region-hub-outputs output nat_gateway_ids[\"us-east-1a\"]",
      "containers/cluster call ecs: public ecs endpoint through NAT gateway region-hub-outputs output nat_gateway_ids[\"us-east-1a\"]",
      "containers/cluster call ecs-agent: public ecs-agent endpoint through NAT gateway region-hub-outputs output nat_gateway_ids[\"us-east-1a\"]",
      "containers/cluster call ecs-telemetry: public ecs-telemetry endpoint through NAT gateway region-hub-outputs output nat_gateway_ids[\"us-east-1a\"]",
      "containers/cluster call ecr.api: public ecr.api endpoint through NAT gateway region-hub-outputs output nat_gateway_ids[\"us-east-1a\"]",
      "containers/cluster call ecr.dkr: public ecr.dkr endpoint through NAT gateway region-hub-outputs output nat_gateway_ids[\"us-east-1a\"]",
      "containers/cluster call s3: gateway endpoint region-hub-outputs output s3_gateway_endpoint_id",
      "containers/cluster call logs: public logs endpoint through NAT gateway region-hub-outputs output nat_gateway_ids[\"us-east-1a\"]",
      "edge-endpoint/load-balancer client internet: internet gateway region-hub-outputs output internet_gateway_id",
    ]);
  });

  it("lists the routes nothing needs", () => {
    // The S3 gateway endpoint carries the container instances' image layers (ECR stores them in S3).
    expect(report.unneeded.map((u) => u.address)).toEqual([]);
  });
});
