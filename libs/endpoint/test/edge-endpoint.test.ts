import { placeholder } from "@edge/core";
import { checkStack, edgePolicyPack, policyReportOf } from "@edge/policy";
import { configError, configErrors, resourcesOf, synthJson, testStack } from "@edge/core/testing";
import { EDGE_TLS_POLICY, EdgeEndpoint, elbName, type EdgeEndpointProps } from "../src";

const CERT = "arn:aws:acm:us-east-1:111111111111:certificate/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d";
const REASON = "tcp/443 is the site's public edge endpoint, weighted by global DNS";

const inAzs: EdgeEndpointProps = {
  vpcId: "vpc-1",
  subnets: [
    { subnetId: "subnet-a", zone: "us-east-1a" },
    { subnetId: "subnet-b", zone: "us-east-1b" },
  ],
  targetPort: 8080,
  port: 443,
  publicPortReason: REASON,
};

const inLocalZone: EdgeEndpointProps = {
  ...inAzs,
  subnets: [{ subnetId: "subnet-bos", zone: "us-east-1-bos-1a" }],
};

function build(props: EdgeEndpointProps, env = "dev", connect = true) {
  const stack = testStack({ site: "test-site", env, policy: edgePolicyPack });
  const endpoint = new EdgeEndpoint(stack, "edge-endpoint", props);
  if (connect) endpoint.connectTargets("sg-hosts");
  return { stack, endpoint };
}

const synth = (props: EdgeEndpointProps, env = "dev") => synthJson(build(props, env).stack);

describe("EdgeEndpoint in availability zones: a Network Load Balancer", () => {
  const json = synth(inAzs);

  it("creates an internet-facing NLB across the subnets with its security group and cross-zone balancing", () => {
    expect(resourcesOf(json, "aws_lb")["edge-endpoint_load-balancer"]).toEqual({
      name: "test-site-dev-edge",
      load_balancer_type: "network",
      internal: false,
      ip_address_type: "ipv4",
      subnets: ["subnet-a", "subnet-b"],
      security_groups: ["${aws_security_group.edge-endpoint_security-group.id}"],
      enable_cross_zone_load_balancing: true,
      enable_deletion_protection: false,
      tags: { Name: "test-site-dev-edge" },
    });
  });

  it("forwards a TCP listener on the public port to a TCP target group on the target port", () => {
    expect(resourcesOf(json, "aws_lb_listener")["edge-endpoint_listener"]).toEqual({
      load_balancer_arn: "${aws_lb.edge-endpoint_load-balancer.arn}",
      port: 443,
      protocol: "TCP",
      default_action: [
        { type: "forward", target_group_arn: "${aws_lb_target_group.edge-endpoint_target-group.arn}" },
      ],
    });
    expect(resourcesOf(json, "aws_lb_target_group")["edge-endpoint_target-group"]).toMatchObject({
      name: "test-site-dev-targets",
      protocol: "TCP",
      port: 8080,
      deregistration_delay: "30",
      health_check: { protocol: "TCP", port: "traffic-port", interval: 10 },
    });
  });

  it("opens the public port to the internet and only the target port out, to the targets' group", () => {
    expect(
      resourcesOf(json, "aws_vpc_security_group_ingress_rule")["edge-endpoint_public-ingress"],
    ).toEqual({
      security_group_id: "${aws_security_group.edge-endpoint_security-group.id}",
      description: "Edge endpoint tcp/443 from the internet",
      ip_protocol: "tcp",
      from_port: 443,
      to_port: 443,
      cidr_ipv4: "0.0.0.0/0",
    });
    expect(
      resourcesOf(json, "aws_vpc_security_group_egress_rule")["edge-endpoint_hosts-egress"],
    ).toEqual({
      security_group_id: "${aws_security_group.edge-endpoint_security-group.id}",
      description: "Client traffic and health checks to the targets on tcp/8080",
      ip_protocol: "tcp",
      from_port: 8080,
      to_port: 8080,
      referenced_security_group_id: "sg-hosts",
    });
  });

  it("declares the public port to the policy pack with the site's reason (EDGE-SG-4)", () => {
    const { stack } = build(inAzs);
    synthJson(stack);
    expect(policyReportOf(stack)!.results.filter((r) => r.status === "suppressed")).toEqual([
      expect.objectContaining({
        rule: "EDGE-SG-4",
        address: "aws_vpc_security_group_ingress_rule.edge-endpoint_public-ingress",
        suppression: expect.objectContaining({ reason: REASON }),
      }),
    ]);
  });

  it("turns deletion protection on in production environments", () => {
    expect(resourcesOf(synth(inAzs, "prod"), "aws_lb")["edge-endpoint_load-balancer"]).toMatchObject({
      enable_deletion_protection: true,
    });
  });

  // NLB TLS listeners: protocol TLS with a certificate and a security policy (Terraform AWS
  // provider, aws_lb_listener: certificate_arn and ssl_policy "Required if protocol is HTTPS or TLS").
  it("terminates TLS at the listener with the TLS 1.3 policy when given a certificate", () => {
    const tls = synth({ ...inAzs, tls: { certificateArn: CERT } });
    expect(resourcesOf(tls, "aws_lb_listener")["edge-endpoint_listener"]).toMatchObject({
      protocol: "TLS",
      certificate_arn: CERT,
      ssl_policy: EDGE_TLS_POLICY,
    });
    expect(resourcesOf(tls, "aws_lb_target_group")["edge-endpoint_target-group"].protocol).toBe("TCP");
  });
});

describe("EdgeEndpoint in a Local Zone: an Application Load Balancer", () => {
  const json = synth({
    ...inLocalZone,
    healthCheckPath: "/healthz",
    accessLogs: { bucket: "logs-bucket", prefix: "edge" },
    targetName: "osv",
    targetDescription: "the OSv hosts",
  });

  it("creates an ALB in the zone's subnet only, dropping invalid header fields, with access logs", () => {
    expect(resourcesOf(json, "aws_lb")["edge-endpoint_load-balancer"]).toEqual({
      name: "test-site-dev-edge",
      load_balancer_type: "application",
      internal: false,
      ip_address_type: "ipv4",
      subnets: ["subnet-bos"],
      security_groups: ["${aws_security_group.edge-endpoint_security-group.id}"],
      drop_invalid_header_fields: true,
      enable_deletion_protection: false,
      access_logs: { bucket: "logs-bucket", prefix: "edge", enabled: true },
      tags: { Name: "test-site-dev-edge" },
    });
  });

  it("checks HTTP on the configured path and names the targets in group and descriptions", () => {
    expect(resourcesOf(json, "aws_lb_target_group")["edge-endpoint_target-group"]).toMatchObject({
      name: "test-site-dev-osv",
      protocol: "HTTP",
      health_check: { protocol: "HTTP", path: "/healthz", matcher: "200-399" },
    });
    expect(resourcesOf(json, "aws_security_group")["edge-endpoint_security-group"].description).toBe(
      "Edge endpoint ALB: tcp/443 from the internet, to the OSv hosts only",
    );
    expect(
      resourcesOf(json, "aws_vpc_security_group_egress_rule")["edge-endpoint_hosts-egress"].description,
    ).toBe("Requests and health checks to the OSv hosts on tcp/8080");
  });

  it("speaks HTTPS with a certificate", () => {
    const tls = synth({ ...inLocalZone, tls: { certificateArn: CERT } });
    expect(resourcesOf(tls, "aws_lb_listener")["edge-endpoint_listener"]).toMatchObject({
      protocol: "HTTPS",
      certificate_arn: CERT,
      ssl_policy: EDGE_TLS_POLICY,
    });
    expect(
      resourcesOf(tls, "aws_vpc_security_group_ingress_rule")["edge-endpoint_public-ingress"]
        .description,
    ).toBe("Edge endpoint HTTPS tcp/443 from the internet");
  });
});

describe("EdgeEndpoint TLS with a certificate it requests for its name", () => {
  const requested = {
    tls: {
      certificate: {
        domainName: "edge.example.com",
        hostedZoneId: placeholder("hosted zone id"),
      },
    },
  };
  const alb = synth({ ...inLocalZone, ...requested }, "prod");
  const nlb = synth({ ...inAzs, ...requested }, "prod");

  // Terraform AWS provider, aws_acm_certificate_validation, "DNS Validation with Route 53": an
  // aws_acm_certificate (validation_method DNS), an aws_route53_record with for_each over
  // domain_validation_options keyed by domain_name (allow_overwrite, ttl 60, name / type /
  // records from resource_record_*), and validation_record_fqdns = the records' fqdn.
  it("requests a DNS-validated ACM certificate for the name, replaced before it is destroyed", () => {
    expect(resourcesOf(alb, "aws_acm_certificate")["edge-endpoint_certificate"]).toEqual({
      domain_name: "edge.example.com",
      validation_method: "DNS",
      lifecycle: { create_before_destroy: true },
      tags: { Name: "test-site-prod-edge" },
    });
  });

  it("writes one validation record per domain validation option into the site's hosted zone", () => {
    expect(
      resourcesOf(alb, "aws_route53_record")["edge-endpoint_certificate-validation-record"],
    ).toEqual({
      for_each:
        "${{ for key, val in tolist(aws_acm_certificate.edge-endpoint_certificate.domain_validation_options): val.domain_name => val }}",
      zone_id: "PLACEHOLDER(hosted zone id)",
      name: "${each.value.resource_record_name}",
      type: "${each.value.resource_record_type}",
      records: ["${each.value.resource_record_value}"],
      ttl: 60,
      allow_overwrite: true,
    });
  });

  it("waits for the validation, and the listener uses the validated certificate", () => {
    expect(
      resourcesOf(alb, "aws_acm_certificate_validation")["edge-endpoint_certificate-validation"],
    ).toEqual({
      certificate_arn: "${aws_acm_certificate.edge-endpoint_certificate.arn}",
      validation_record_fqdns:
        "${[ for key, val in aws_route53_record.edge-endpoint_certificate-validation-record: val.fqdn]}",
    });
    for (const json of [alb, nlb])
      expect(resourcesOf(json, "aws_lb_listener")["edge-endpoint_listener"].certificate_arn).toBe(
        "${aws_acm_certificate_validation.edge-endpoint_certificate-validation.certificate_arn}",
      );
  });

  it("serves HTTPS on the ALB's public port and redirects HTTP on port 80 to it", () => {
    const listeners = resourcesOf(alb, "aws_lb_listener");
    expect(listeners["edge-endpoint_listener"]).toMatchObject({
      port: 443,
      protocol: "HTTPS",
      ssl_policy: EDGE_TLS_POLICY,
      default_action: [
        {
          type: "forward",
          target_group_arn: "${aws_lb_target_group.edge-endpoint_target-group.arn}",
        },
      ],
    });
    // ELB ALB guide, "Listeners for your Application Load Balancers", redirect actions.
    expect(listeners["edge-endpoint_http-redirect"]).toEqual({
      load_balancer_arn: "${aws_lb.edge-endpoint_load-balancer.arn}",
      port: 80,
      protocol: "HTTP",
      default_action: [
        { type: "redirect", redirect: { protocol: "HTTPS", port: "443", status_code: "HTTP_301" } },
      ],
    });
    expect(
      resourcesOf(alb, "aws_vpc_security_group_ingress_rule")[
        "edge-endpoint_http-redirect-ingress"
      ],
    ).toMatchObject({
      description: "Edge endpoint HTTP tcp/80 from the internet, redirected to HTTPS tcp/443",
      from_port: 80,
      to_port: 80,
      cidr_ipv4: "0.0.0.0/0",
    });
  });

  it("serves TLS on the NLB's public port, with no redirect (an NLB has no HTTP actions)", () => {
    expect(resourcesOf(nlb, "aws_lb_listener")).toEqual({
      "edge-endpoint_listener": expect.objectContaining({
        port: 443,
        protocol: "TLS",
        ssl_policy: EDGE_TLS_POLICY,
      }),
    });
  });

  it("passes EDGE-ELB-1 and declares the redirect port (EDGE-SG-4)", () => {
    const { stack } = build({ ...inLocalZone, ...requested }, "prod");
    synthJson(stack);
    const results = policyReportOf(stack)!.results;
    expect(
      results.filter((r) => r.rule === "EDGE-ELB-1").map((r) => [r.address, r.status]),
    ).toEqual([
      ["aws_lb_listener.edge-endpoint_http-redirect", "compliant"],
      ["aws_lb_listener.edge-endpoint_listener", "compliant"],
    ]);
    expect(results.filter((r) => r.status === "suppressed").map((r) => r.address)).toEqual([
      "aws_vpc_security_group_ingress_rule.edge-endpoint_http-redirect-ingress",
      "aws_vpc_security_group_ingress_rule.edge-endpoint_public-ingress",
    ]);
  });
});

describe("EdgeEndpoint without TLS: the plaintext listener (EDGE-ELB-1)", () => {
  it("fails the policy pack unless declared, with the rule's code and message", () => {
    const { stack } = build(inLocalZone, "prod");
    expect(checkStack(stack).failures).toEqual([
      [
        "error EDGE-ELB-1 at aws_lb_listener.edge-endpoint_listener (test-site-prod/edge-endpoint/listener)",
        "  the listener on port 443 speaks plaintext HTTP to internet clients of aws_lb.edge-endpoint_load-balancer (internal = false) and does not redirect to HTTPS",
        "  rule:  listeners of internet-facing load balancers serve HTTPS or TLS, or redirect HTTP to HTTPS (checkov CKV_AWS_2, CKV2_AWS_20)",
        '  fix:   give the endpoint TLS (EdgeEndpoint tls: a certificate for its name in the site\'s hosted zone, or a certificate ARN), and redirect HTTP to HTTPS on an ALB; or accept the finding with suppressRules(construct, [{ id: "EDGE-ELB-1", reason }])',
      ].join("\n"),
    ]);
  });

  it("passes when the site declares it with a reason", () => {
    const reason = "dev serves plain HTTP: no certificate or public zone exists for dev";
    const { stack } = build({ ...inAzs, plaintextReason: reason });
    const { failures, report } = checkStack(stack);
    expect(failures).toEqual([]);
    expect(report.results.filter((r) => r.rule === "EDGE-ELB-1")).toEqual([
      expect.objectContaining({
        address: "aws_lb_listener.edge-endpoint_listener",
        status: "suppressed",
        suppression: expect.objectContaining({ reason }),
      }),
    ]);
  });
});

describe("EdgeEndpoint rules", () => {
  it("rejects a load balancer across an availability zone and a Local Zone", () => {
    const err = configError(() =>
      build({ ...inAzs, subnets: [...inAzs.subnets, ...inLocalZone.subnets] }),
    );
    expect(err.message).toBe(
      'EDGE_ENDPOINT_ZONES at edgeEndpoint.subnets: one load balancer cannot span availability zones and Local Zones (got ["us-east-1a","us-east-1b","us-east-1-bos-1a"]); fix: give the Local Zone subnets only, or the availability zone subnets only',
    );
  });

  it("names the list a site wrote the zones in, with the zones as written, when each subnet points into it", () => {
    const subnets = [...inAzs.subnets, ...inLocalZone.subnets].map((s, i) => ({ ...s, configPath: `environments.dev.vpc.availabilityZones[${i}]` }));
    const err = configError(() => build({ ...inAzs, subnets }));
    expect([err.code, err.path, err.value]).toEqual([
      "EDGE_ENDPOINT_ZONES",
      "environments.dev.vpc.availabilityZones",
      ["us-east-1a", "us-east-1b", "us-east-1-bos-1a"],
    ]);
  });

  it("rejects a Network Load Balancer in a Local Zone from the zone catalog, at the zone's config path", () => {
    const err = configError(() =>
      build({
        ...inLocalZone,
        loadBalancerType: "network",
        subnets: [{ ...inLocalZone.subnets[0], configPath: "environments.dev.zones[0].name" }],
      }),
    );
    expect(err.code).toBe("EDGE_ZONE_NO_NLB");
    expect(err.path).toBe("environments.dev.zones[0].name");
  });

  it("rejects a plaintext declaration without a reason the policy pack accepts", () => {
    // The reason becomes the EDGE-ELB-1 suppression's reason, which needs 10 characters or more.
    const errors = configErrors(() => build({ ...inAzs, plaintextReason: " " }));
    expect(errors.map((e) => [e.code, e.path, e.problem, e.fix])).toEqual([
      [
        "EDGE_ENDPOINT_PLAINTEXT_REASON",
        "edgeEndpoint.plaintextReason",
        "a plaintext listener is declared without a reason of at least 10 characters",
        'say why clients may speak plaintext here, such as "dev endpoint, no client data", or give the endpoint TLS',
      ],
    ]);
  });

  it("rejects ALB-only options on a Network Load Balancer, both at once", () => {
    const errors = configErrors(() =>
      build({ ...inAzs, healthCheckPath: "/healthz", accessLogs: { bucket: "logs" } }),
    );
    expect(errors.map((e) => [e.code, e.path])).toEqual([
      ["EDGE_ENDPOINT_OPTION", "edgeEndpoint.healthCheckPath"],
      ["EDGE_ENDPOINT_OPTION", "edgeEndpoint.accessLogs"],
    ]);
  });

  it("rejects an ALB in one availability zone (CreateLoadBalancer needs two)", () => {
    const err = configError(() =>
      build({ ...inAzs, loadBalancerType: "application", subnets: [inAzs.subnets[0]] }),
    );
    expect(err.code).toBe("EDGE_ENDPOINT_ZONES");
    expect(err.problem).toBe(
      "an Application Load Balancer in availability zones needs subnets in at least two of them",
    );
  });

  it("rejects two subnets in one zone and a Wavelength Zone, at their paths", () => {
    const errors = configErrors(() =>
      build({
        ...inAzs,
        subnets: [
          { subnetId: "subnet-wl", zone: "us-east-1-wl1-bos-wlz-1" },
          { subnetId: "subnet-a", zone: "us-east-1a" },
        ],
      }),
    );
    expect(errors.map((e) => [e.code, e.path])).toEqual([
      ["EDGE_ZONE_KIND", "edgeEndpoint.subnets[0].zone"],
    ]);
    const dup = configError(() =>
      build({ ...inAzs, subnets: [inAzs.subnets[0], { subnetId: "subnet-c", zone: "us-east-1a" }] }),
    );
    expect([dup.code, dup.path, dup.problem]).toEqual([
      "EDGE_ENDPOINT_ZONES",
      "edgeEndpoint.subnets[1].zone",
      "a second subnet in us-east-1a",
    ]);
  });

  it("rejects a certificate from another region", () => {
    const err = configError(() =>
      build({
        ...inLocalZone,
        tls: { certificateArn: CERT.replace("us-east-1", "eu-west-1") },
        configPath: "environments.dev.edgeEndpoint",
      }),
    );
    expect([err.code, err.path, err.problem]).toEqual([
      "EDGE_LB_CERTIFICATE",
      "environments.dev.edgeEndpoint.certificateArn",
      "the certificate is in eu-west-1, not in the stack's region us-east-1",
    ]);
    // Where in the code, besides where in the config.
    expect(err.constructPath).toBe("test-site-dev/edge-endpoint");
  });

  it("rejects TLS with no certificate or two, and a redirect on an NLB or on the HTTPS port", () => {
    const errs = (props: EdgeEndpointProps) =>
      configErrors(() =>
        build({ ...props, configPath: "environments.prod.edgeEndpoint" }, "prod"),
      ).map((e) => [e.code, e.path, e.problem]);
    expect(errs({ ...inLocalZone, tls: {} })).toEqual([
      ["EDGE_LB_CERTIFICATE", "environments.prod.edgeEndpoint.tls", "TLS without a certificate"],
    ]);
    expect(
      errs({
        ...inLocalZone,
        tls: {
          certificateArn: CERT,
          certificate: { domainName: "edge.example.com", hostedZoneId: "Z1" },
          httpRedirectPort: 443,
        },
      }),
    ).toEqual([
      [
        "EDGE_LB_CERTIFICATE",
        "environments.prod.edgeEndpoint.certificateArn",
        "both a certificate ARN and a certificate to request for edge.example.com (environments.prod.edgeEndpoint.tls)",
      ],
      [
        "EDGE_ENDPOINT_OPTION",
        "environments.prod.edgeEndpoint.tls.httpRedirectPort",
        "the redirect listener and the HTTPS listener both want tcp/443",
      ],
    ]);
    expect(errs({ ...inAzs, tls: { certificateArn: CERT, httpRedirectPort: 80 } })).toEqual([
      [
        "EDGE_ENDPOINT_OPTION",
        "environments.prod.edgeEndpoint.tls.httpRedirectPort",
        "a Network Load Balancer cannot redirect: it forwards TCP and TLS connections and has no HTTP actions",
      ],
    ]);
  });

  it("fails synth when the site never connects the targets' security group", () => {
    const { stack } = build(inAzs, "dev", false);
    expect(() => synthJson(stack)).toThrow(
      "test-site-dev/edge-endpoint: call connectTargets() with the targets' security group",
    );
  });

  it("reaches further targets of its target group in their own group, one named rule each", () => {
    const { stack, endpoint } = build(inAzs);
    endpoint.connectTargets("sg-containers", {
      name: "containers",
      description: "the container instances",
    });
    expect(() =>
      endpoint.connectTargets("sg-other", { name: "containers", description: "again" }),
    ).toThrow("test-site-dev/edge-endpoint: connectTargets() was already called for containers");
    const egress = resourcesOf(synthJson(stack), "aws_vpc_security_group_egress_rule");
    // The hosts' rule keeps its address; the containers' rule is a new one beside it.
    expect(Object.keys(egress).sort()).toEqual([
      "edge-endpoint_containers-egress",
      "edge-endpoint_hosts-egress",
    ]);
    expect(egress["edge-endpoint_containers-egress"]).toEqual({
      security_group_id: "${aws_security_group.edge-endpoint_security-group.id}",
      description: "Client traffic and health checks to the container instances on tcp/8080",
      ip_protocol: "tcp",
      from_port: 8080,
      to_port: 8080,
      referenced_security_group_id: "sg-containers",
    });
    expect(endpoint.targetPort).toBe(8080);
  });

  it("keeps names within 32 characters and distinct for long ad-hoc environments", () => {
    const stack = (env: string) => testStack({ site: "local-zone-bos", env });
    const a = elbName(stack("feature-long-branch-a"), "edge");
    expect(a).toMatch(/^local-zone-bos-feature-[0-9a-f]{8}$/);
    expect(a).not.toBe(elbName(stack("feature-long-branch-b"), "edge"));
    expect(elbName(stack("dev"), "edge")).toBe("local-zone-bos-dev-edge");
  });
});
