import {
  checkStackPaths,
  declareNeeds,
  defineEnvironment,
  displayText,
  outputName,
  placeholder,
  resolveEnvironment,
  type EnvironmentInput,
} from "@edge/core";
import { defaultEnvironments, environmentCatalog, SHIPPED_ENVIRONMENTS } from "@edge/environments";
import { wavelengthBosOutputs } from "@edge/wavelength-bos-contract";
import * as fs from "node:fs";
import { edgePolicyPack, evaluateTerraform, policyReportOf } from "@edge/policy";
import { CarrierIpDnsUpdater } from "@edge/dns";
import {
  addressSummary,
  buildSite,
  configError,
  configErrors,
  resourcesOf,
  shippedSite,
} from "@edge/core/testing";
import { wavelengthBos } from "../src/main";
import type { WavelengthBosConfig } from "../src/site";

function build(
  env: string,
  environments = wavelengthBos.environments,
  environment?: Partial<EnvironmentInput>,
) {
  return buildSite(wavelengthBos, env, { environments, environment, catalog: environmentCatalog, policy: edgePolicyPack });
}

function synthSite(
  env: string,
  environments = wavelengthBos.environments,
  environment?: Partial<EnvironmentInput>,
) {
  // The shipped config is synthesized once per environment and shared by this file's tests.
  return environments === wavelengthBos.environments && !environment
    ? shippedSite(wavelengthBos, env, { catalog: environmentCatalog, policy: edgePolicyPack }).json
    : build(env, environments, environment).json;
}

/** The shipped environments with `env`'s config changed by `change`. */
function withEnv(env: string, change: (c: WavelengthBosConfig) => unknown) {
  return { ...wavelengthBos.environments, [env]: change(wavelengthBos.environments[env]) as never };
}

/** `c` with its web container service changed by `change`. */
function withWeb(c: WavelengthBosConfig, change: Record<string, unknown>): WavelengthBosConfig {
  const containers = c.containers!;
  return { ...c, containers: { ...containers, services: { web: { ...containers.services.web, ...change } } } };
}

const HUB_STATE = "data.terraform_remote_state.region-hub-outputs.outputs";

describe.each(defaultEnvironments())("wavelength-bos-%s", (env) => {
  const json = synthSite(env);
  const x = { dev: "11", staging: "21", prod: "31" }[env];
  const hub = { dev: "10", staging: "20", prod: "30" }[env];
  // The typed placeholder as synth renders it into the JSON.
  const zone = displayText(placeholder("hosted zone id"));
  const name = {
    dev: "bos.carrier.edge.dev.example.com",
    staging: "bos.carrier.edge.staging.example.com",
    prod: "bos.carrier.edge.example.com",
  }[env];
  const instanceType = { dev: "t3.medium", staging: "t3.xlarge", prod: "r5.2xlarge" }[env];
  const size = { dev: [1, 1, 2], staging: [1, 1, 2], prod: [2, 2, 4] }[env];

  it("keeps its resource addresses", () => {
    expect(addressSummary(json)).toMatchSnapshot();
  });

  it("publishes every output of the wavelength-bos contract", () => {
    expect(Object.keys(json.output ?? {}).sort()).toEqual(
      Object.keys(wavelengthBosOutputs.outputs).map(outputName).sort(),
    );
    expect(json.output?.carrier_gateway_id.value).toBe(
      "${aws_ec2_carrier_gateway.wavelength_carrier-gateway.id}",
    );
    // The OSv fleet's launch template replaced the stand-in "hosts" template.
    expect(json.output?.launch_template_id.value).toBe(
      "${aws_launch_template.osv_launch-template.id}",
    );
    expect(json.output?.zone_name.value).toBe("us-east-1-wl1-bos-wlz-1");
    expect(json.output?.dns_record_name.value).toBe(name);
    // The carrier's blocks are not known to the repository: a typed placeholder until set.
    expect(json.output?.carrier_client_cidrs.value).toEqual([
      displayText(placeholder("carrier client and resolver CIDR block")),
    ]);
  });

  // Route 53 Developer Guide, "Values specific for weighted records": weight 0 is answered only
  // when no other record of the group is healthy; with an ELB alias in the group the non-alias
  // records take 60 s.
  it("falls back to the hub's load balancer in the carrier name, weight 0, and keeps the hosts at 60 s", () => {
    expect(resourcesOf(json, "aws_route53_record")).toEqual({
      "dns-updater_fallback": {
        zone_id: zone,
        name,
        type: "A",
        set_identifier: "internet-fallback",
        weighted_routing_policy: { weight: 0 },
        alias: {
          name: `\${${HUB_STATE}.edge_endpoint_dns_name}`,
          zone_id: `\${${HUB_STATE}.edge_endpoint_zone_id}`,
          evaluate_target_health: true,
        },
      },
    });
  });

  it("gets a VPC of its own from the site's block, with a carrier gateway and carrier route", () => {
    expect(resourcesOf(json, "aws_vpc").wavelength_vpc_vpc.cidr_block).toBe(`10.${x}.0.0/20`);
    expect(
      resourcesOf(json, "aws_route")["wavelength_carrier-default-route"].carrier_gateway_id,
    ).toBe("${aws_ec2_carrier_gateway.wavelength_carrier-gateway.id}");
  });

  it("runs the OSv hosts in an Auto Scaling group in the carrier subnet, from the launch template", () => {
    const group = resourcesOf(json, "aws_autoscaling_group").osv_group;
    expect(group.vpc_zone_identifier).toEqual(["${aws_subnet.wavelength_carrier-subnet.id}"]);
    expect(group.launch_template).toEqual({
      id: "${aws_launch_template.osv_launch-template.id}",
      version: "${aws_launch_template.osv_launch-template.latest_version}",
    });
    expect([group.min_size, group.desired_capacity, group.max_size]).toEqual(size);
    expect(resourcesOf(json, "aws_instance")).toEqual({});
    expect(resourcesOf(json, "aws_launch_template")["hosts_launch-template"]).toBeUndefined();
  });

  it("gives every host a carrier IP, IMDSv2, an encrypted gp2 root from the OSv AMI, and the updater's managed tag", () => {
    const template = resourcesOf(json, "aws_launch_template")["osv_launch-template"];
    expect(template.image_id).toBe("${aws_ami.osv-image_ami.id}");
    expect(template.instance_type).toBe(instanceType);
    expect(template.network_interfaces).toEqual([
      {
        device_index: 0,
        security_groups: ["${aws_security_group.wavelength_host-security-group.id}"],
        delete_on_termination: "true",
        associate_carrier_ip_address: "true",
      },
    ]);
    expect(template.metadata_options).toMatchObject({
      http_tokens: "required",
      http_put_response_hop_limit: 1,
    });
    expect(template.user_data).toBeUndefined();
    expect(template.block_device_mappings[0].ebs).toMatchObject({
      volume_type: "gp2",
      encrypted: "true",
    });
    const instanceTags = template.tag_specifications.find(
      (t: { resource_type: string }) => t.resource_type === "instance",
    ).tags;
    expect(instanceTags["edge:dns-name"]).toBe(name);
    // The same key and value the handler requires (EDGE_DNS_MANAGED_TAG_KEY / _VALUE).
    const variables = resourcesOf(json, "aws_lambda_function")["dns-updater_function"].environment
      .variables;
    expect(variables.EDGE_DNS_MANAGED_TAG_KEY).toBe("edge:dns-name");
    expect(variables.EDGE_DNS_MANAGED_TAG_VALUE).toBe(instanceTags["edge:dns-name"]);
    expect(resourcesOf(json, "aws_ami")["osv-image_ami"]).toMatchObject({
      ebs_block_device: [expect.objectContaining({ volume_type: "gp2" })],
    });
  });

  it("runs the carrier-IP DNS updater on EC2 state changes, writing the environment's global name", () => {
    const rule = resourcesOf(json, "aws_cloudwatch_event_rule")["dns-updater_rule"];
    expect(JSON.parse(rule.event_pattern)).toEqual({
      source: ["aws.ec2"],
      "detail-type": ["EC2 Instance State-change Notification"],
      detail: { state: ["running", "stopping", "stopped", "shutting-down", "terminated"] },
    });
    expect(resourcesOf(json, "aws_cloudwatch_event_target")["dns-updater_target"].arn).toBe(
      "${aws_lambda_function.dns-updater_function.arn}",
    );
    const fn = resourcesOf(json, "aws_lambda_function")["dns-updater_function"];
    expect(fn.function_name).toBe(`wavelength-bos-${env}-dns-updater`);
    expect(fn.environment.variables).toEqual({
      EDGE_DNS_ZONE_ID: zone,
      EDGE_DNS_RECORD_NAME: name,
      EDGE_DNS_WEIGHT: "10",
      EDGE_DNS_TTL: "60",
      EDGE_DNS_MANAGED_TAG_KEY: "edge:dns-name",
      EDGE_DNS_MANAGED_TAG_VALUE: name,
      EDGE_DNS_ALARM_PREFIX: `wavelength-bos-${env}-dns-updater`,
    });
    expect(resourcesOf(json, "aws_lambda_permission")["dns-updater_permission"]).toMatchObject({
      action: "lambda:InvokeFunction",
      principal: "events.amazonaws.com",
      function_name: "${aws_lambda_function.dns-updater_function.function_name}",
      source_arn: "${aws_cloudwatch_event_rule.dns-updater_rule.arn}",
    });
  });

  it("lets the updater change records only in the environment's hosted zone", () => {
    const policy = JSON.parse(
      resourcesOf(json, "aws_iam_role_policy")["dns-updater_policy"].policy,
    ) as { Statement: { Sid: string; Action: string[]; Resource: string; Condition?: unknown }[] };
    const bySid = Object.fromEntries(policy.Statement.map((st) => [st.Sid, st]));
    const zoneArn = `arn:aws:route53:::hostedzone/${zone}`;
    expect(bySid.ListRecordSets.Resource).toBe(zoneArn);
    expect(bySid.ChangeRecordSets.Resource).toBe(zoneArn);
    expect(bySid.ChangeRecordSets.Condition).toEqual({
      "ForAllValues:StringEquals": {
        "route53:ChangeResourceRecordSetsNormalizedRecordNames": [name],
        "route53:ChangeResourceRecordSetsRecordTypes": ["A"],
        "route53:ChangeResourceRecordSetsActions": ["UPSERT", "DELETE"],
      },
    });
    expect(bySid.DescribeInstances).toMatchObject({
      Action: ["ec2:DescribeInstances"],
      Resource: "*",
      Condition: { StringEquals: { "aws:RequestedRegion": "us-east-1" } },
    });
    expect(
      policy.Statement.flatMap((st) => st.Action).filter((a) => a.startsWith("route53:")),
    ).toEqual([
      "route53:ListResourceRecordSets",
      "route53:ChangeResourceRecordSets",
      "route53:CreateHealthCheck",
      "route53:ListHealthChecks",
      "route53:DeleteHealthCheck",
      "route53:ChangeTagsForResource",
      "route53:ListTagsForResources",
    ]);
    expect(bySid.HostAlarms.Resource).toBe(
      `arn:aws:cloudwatch:us-east-1:${resolveEnvironment(env, environmentCatalog).account}:alarm:wavelength-bos-${env}-dns-updater-i-*`,
    );
  });

  it("deploys the handler bundled during synth as a file asset", () => {
    const { stack, json: built } = build(env);
    const updater = stack.node.findChild("dns-updater") as CarrierIpDnsUpdater;
    const fn = resourcesOf(built, "aws_lambda_function")["dns-updater_function"];
    expect(fn.filename).toBe(
      `assets/dns-updater_handler/${updater.bundle.sha256Hex}/carrier-ip-updater.zip`,
    );
    expect(fn.source_code_hash).toBe(updater.bundle.sha256Base64);
    expect(fs.statSync(updater.bundle.zipPath).size).toBe(updater.bundle.zipBytes);
    expect(updater.bundle.zipBytes).toBeGreaterThan(1000);
  });

  // Containers on ECS beside the hosts, reached as the hosts are: the carrier name's weighted
  // records (the instances carry the updater's tag) and tcp/8080 on each instance's carrier IP.
  // No Fargate and no awsvpc in a Wavelength Zone (libs/containers README); "Only EBS Type gp2 is
  // supported" (OpenShift Wavelength enhancement, the zone catalog's source); bridge tasks publish
  // the container port on their instance (ECS developer guide, task networking; Terraform AWS
  // provider aws_ecs_task_definition, container_definitions portMappings).
  const containers = {
    dev: { instanceType: "t3.medium", size: [1, 2], desired: 1 },
    staging: { instanceType: "t3.xlarge", size: [1, 2], desired: 1 },
    prod: { instanceType: "t3.xlarge", size: [2, 3], desired: 2 },
  }[env]!;
  const provider = `wavelength-bos-${env}-containers-us-east-1-wl1-bos-wlz-1`;

  it("runs the container capacity in the carrier subnet: carrier IP, gp2 root, the updater's tag, one capacity provider", () => {
    expect(resourcesOf(json, "aws_ecs_cluster")["containers_cluster_cluster"]).toMatchObject({
      name: `wavelength-bos-${env}-containers`,
      setting: [{ name: "containerInsights", value: "enabled" }],
    });
    const group = resourcesOf(json, "aws_autoscaling_group")[`containers_cluster_group-us-east-1-wl1-bos-wlz-1`];
    expect(group).toMatchObject({
      name: provider,
      vpc_zone_identifier: ["${aws_subnet.wavelength_carrier-subnet.id}"],
      launch_template: { id: "${aws_launch_template.containers_cluster_launch-template.id}", version: "$Latest" },
      protect_from_scale_in: true,
    });
    expect([group.min_size, group.max_size]).toEqual(containers.size);
    const template = resourcesOf(json, "aws_launch_template")["containers_cluster_launch-template"];
    expect(template.instance_type).toBe(containers.instanceType);
    expect(template.image_id).toBe("${data.aws_ssm_parameter.containers_cluster_ecs-ami.insecure_value}");
    expect(template.network_interfaces).toEqual([
      {
        device_index: 0,
        security_groups: ["${aws_security_group.containers_cluster_instances.id}"],
        delete_on_termination: "true",
        associate_carrier_ip_address: "true",
      },
    ]);
    expect(template.block_device_mappings[0].ebs).toMatchObject({ volume_type: "gp2", encrypted: "true" });
    const instanceTags = template.tag_specifications.find(
      (t: { resource_type: string }) => t.resource_type === "instance",
    ).tags;
    // The tag the updater's handler requires: each container instance gets a weighted record.
    expect(instanceTags["edge:dns-name"]).toBe(name);
    const { stack } = shippedSite(wavelengthBos, env, { catalog: environmentCatalog, policy: edgePolicyPack });
    expect(stack.notes[0]).toContain(
      `carrier-ip dns updater: each running OSv host and container instance gets a weighted A record ${name} -> its carrier ip`,
    );
    expect(resourcesOf(json, "aws_ecs_capacity_provider")).toEqual({
      "containers_cluster_capacity-provider-us-east-1-wl1-bos-wlz-1": {
        name: provider,
        auto_scaling_group_provider: expect.objectContaining({
          auto_scaling_group_arn: "${aws_autoscaling_group.containers_cluster_group-us-east-1-wl1-bos-wlz-1.arn}",
          managed_termination_protection: "ENABLED",
        }),
      },
    });
    expect(resourcesOf(json, "aws_ecs_cluster_capacity_providers")["containers_cluster_capacity-providers"].capacity_providers).toEqual([
      "${aws_ecs_capacity_provider.containers_cluster_capacity-provider-us-east-1-wl1-bos-wlz-1.name}",
    ]);
  });

  it("runs the web service as bridge tasks publishing tcp/8080 on the instance, its image from the site's ECR repository", () => {
    const definition = resourcesOf(json, "aws_ecs_task_definition")["containers_web_task-definition"];
    expect(definition).toMatchObject({ network_mode: "bridge", requires_compatibilities: ["EC2"] });
    const [container] = JSON.parse(definition.container_definitions);
    expect(container.image).toBe("${aws_ecr_repository.containers_repository_repository.repository_url}:1.0.0");
    expect(container.portMappings).toEqual([
      { name: "web", containerPort: 8080, hostPort: 8080, protocol: "tcp", appProtocol: "http" },
    ]);
    expect(container.secrets).toEqual([]);
    const service = resourcesOf(json, "aws_ecs_service")["containers_web_service"];
    expect(service).toMatchObject({
      desired_count: containers.desired,
      capacity_provider_strategy: [{ capacity_provider: provider, weight: 1, base: 0 }],
      placement_constraints: [{ type: "distinctInstance" }],
    });
    expect(service.network_configuration).toBeUndefined();
    expect(service.load_balancer).toBeUndefined();
  });

  it("admits tcp/8080 on the container instances from the carrier network only, as the hosts' public port, and lets them out on HTTPS", () => {
    const rules = resourcesOf(json, "aws_vpc_security_group_ingress_rule");
    expect(rules["containers_cluster_ingress-cidr-0"]).toEqual({
      security_group_id: "${aws_security_group.containers_cluster_instances.id}",
      description: `Clients 0.0.0.0/0 to wavelength-bos-${env}-containers-web on tcp/8080`,
      ip_protocol: "tcp",
      from_port: 8080,
      to_port: 8080,
      cidr_ipv4: rules["wavelength_host-ingress-tcp-8080"].cidr_ipv4,
    });
    const egress = Object.entries(resourcesOf(json, "aws_vpc_security_group_egress_rule")).filter(([k]) => k.startsWith("containers_"));
    expect(egress.map(([k, r]) => [k, r.ip_protocol, r.from_port, r.to_port, r.cidr_ipv4])).toEqual([
      ["containers_cluster_https-egress", "tcp", 443, 443, "0.0.0.0/0"],
    ]);
  });

  it("checks at plan time that the hub read from region-hub has the CIDR its VPC must not overlap", () => {
    expect(
      resourcesOf(json, "aws_subnet")["wavelength_carrier-subnet"].lifecycle.precondition[1]
        .condition,
    ).toBe(`\${(${HUB_STATE}.vpc_cidr == "10.${hub}.0.0/16")}`);
  });
});

describe("wavelength-bos per-environment choices", () => {
  it("opens the global edge port, 8080, to the carrier network everywhere (the updater publishes the hosts) and adds a private tier in staging and prod only", () => {
    for (const env of ["dev", "prod"]) {
      expect(
        Object.keys(resourcesOf(synthSite(env), "aws_vpc_security_group_ingress_rule")),
      ).toEqual(["containers_cluster_ingress-cidr-0", "wavelength_host-ingress-tcp-8080"]);
    }
    expect(
      resourcesOf(synthSite("dev"), "aws_subnet")["wavelength_private-subnet"],
    ).toBeUndefined();
    expect(
      resourcesOf(synthSite("staging"), "aws_subnet")["wavelength_private-subnet"],
    ).toBeDefined();
  });
});

describe("wavelength-bos without a dns updater", () => {
  const { stack, json } = build(
    "dev",
    withEnv("dev", (c) => {
      const { dns: _dns, ...rest } = c;
      return rest;
    }),
  );

  it("publishes an empty record name and tags no host for an updater", () => {
    expect(json.output?.dns_record_name.value).toBe("");
    expect(json.output?.carrier_client_cidrs.value).toEqual([]);
    expect(resourcesOf(json, "aws_lambda_function")).toEqual({});
    const template = resourcesOf(json, "aws_launch_template")["osv_launch-template"];
    expect(template.tag_specifications[0].tags["edge:dns-name"]).toBeUndefined();
    const containerTemplate = resourcesOf(json, "aws_launch_template")["containers_cluster_launch-template"];
    expect(containerTemplate.tag_specifications[0].tags["edge:dns-name"]).toBeUndefined();
    expect(stack.notes).toEqual([]);
  });
});

describe("wavelength-bos reads region-hub's state from the environment's backend", () => {
  const remote = (json: ReturnType<typeof synthSite>) =>
    json.data?.terraform_remote_state?.["region-hub-outputs"];

  it("local", () => {
    expect(remote(synthSite("dev"))).toEqual({
      backend: "local",
      config: { path: "../../../state/region-hub/dev.tfstate" },
    });
  });

  // S3: a tested option for CLI-delivered environments (no shipped environment uses it).
  it("s3", () => {
    expect(remote(synthSite("prod", wavelengthBos.environments, { backend: { type: "s3", bucket: "edge-blueprints-tfstate-333333333333", region: "us-east-1" } }))).toEqual({
      backend: "s3",
      config: {
        bucket: "edge-blueprints-tfstate-333333333333",
        key: "region-hub/prod/terraform.tfstate",
        region: "us-east-1",
        encrypt: true,
      },
    });
  });

  it("tfc", () => {
    const json = synthSite("prod", wavelengthBos.environments, {
      backend: {
        type: "tfc",
        organization: "acme",
        workspacePrefix: "edge",
        hostname: "tfe.example.com",
      },
    });
    expect(remote(json)).toEqual({
      backend: "remote",
      config: {
        organization: "acme",
        hostname: "tfe.example.com",
        workspaces: { name: "edge-region-hub-prod" },
      },
    });
  });
});

describe("wavelength-bos bad input", () => {
  // Route 53 Developer Guide, "IP-based routing": IPv4 blocks of /1 to /24.
  it("rejects a carrier client block Route 53 cannot match, at its config path", () => {
    const err = configError(() =>
      synthSite(
        "dev",
        withEnv("dev", (c) => ({
          ...c,
          dns: {
            ...c.dns!,
            carrierClients: { cidrBlocks: ["198.51.100.0/28"], source: "carrier sheet 2026-11" },
          },
        })),
      ),
    );
    expect(err.message).toBe(
      'EDGE_DNS_CIDR_BLOCK at environments.dev.dns.carrierClients.cidrBlocks[0]: route 53 ip-based routing takes ipv4 blocks of /1 to /24; /0 is the default location (got "198.51.100.0/28"); fix: give an ipv4 block of /1 to /24 or an ipv6 block of /1 to /48, such as "198.51.100.0/24"',
    );
  });

  // Route 53 Developer Guide, "Values specific for weighted records", TTL.
  it("rejects a host ttl other than 60 next to the hub fallback alias", () => {
    const err = configError(() =>
      synthSite("prod", withEnv("prod", (c) => ({ ...c, dns: { ...c.dns!, ttl: 30 } }))),
    );
    expect(err.code).toBe("EDGE_DNS_ALIAS_GROUP_TTL");
    expect(err.path).toBe("environments.prod.dns.ttl");
  });

  it("rejects a host instance type the zone does not offer, at its config path", () => {
    const err = configError(() =>
      synthSite(
        "dev",
        withEnv("dev", (c) => ({ ...c, hosts: { ...c.hosts, instanceType: "t3.micro" } })),
      ),
    );
    expect(err.code).toBe("EDGE_ZONE_INSTANCE_TYPE");
    expect(err.message).toBe(
      'EDGE_ZONE_INSTANCE_TYPE at environments.dev.hosts.instanceType: us-east-1-wl1-bos-wlz-1 does not offer t3.micro (offers t3.medium, t3.xlarge, r5.2xlarge, g4dn.2xlarge) (got "t3.micro"); fix: use one of t3.medium, t3.xlarge, r5.2xlarge, g4dn.2xlarge, or override the zone\'s instance types (allowedInstanceTypes or the catalog) with the source you read',
    );
  });

  it("rejects a dns updater when no port is open to the carrier network (and the web service's port with it)", () => {
    const errs = configErrors(() =>
      synthSite(
        "dev",
        withEnv("dev", (c) => ({ ...c, publicPorts: [] })),
      ),
    );
    expect(errs.map((e) => e.message)).toEqual([
      "EDGE_WLZ_CONTAINER_PORT at environments.dev.containers.services.web.containerPort: the web service serves carrier clients on tcp/8080, which is not one of the site's public ports (got 8080); fix: declare { port: 8080 } in publicPorts, or use one of: (none declared)",
      "EDGE_WLZ_DNS_NO_PUBLIC_PORT at environments.dev.publicPorts: the dns updater publishes the hosts' carrier ips, but no port is open to the carrier network, so that share of the traffic would go nowhere (got []); fix: declare the port the osv hosts serve in publicPorts, or remove dns",
    ]);
  });

  it("rejects a carrier container service on a port the site does not open to the carrier network", () => {
    const err = configError(() =>
      synthSite("prod", withEnv("prod", (c) => withWeb(c, { containerPort: 9000 }))),
    );
    expect(err.code).toBe("EDGE_WLZ_CONTAINER_PORT");
    expect(err.message).toBe(
      "EDGE_WLZ_CONTAINER_PORT at environments.prod.containers.services.web.containerPort: the web service serves carrier clients on tcp/9000, which is not one of the site's public ports (got 9000); fix: declare { port: 9000 } in publicPorts, or use one of: 8080",
    );
  });

  it("rejects awsvpc container tasks in the Wavelength Zone (no carrier IP on a task interface)", () => {
    const err = configError(() =>
      synthSite("dev", withEnv("dev", (c) => withWeb(c, { networkMode: "awsvpc" }))),
    );
    expect(err.code).toBe("EDGE_ECS_NETWORK_MODE");
    expect(err.message).toBe(
      'EDGE_ECS_NETWORK_MODE at environments.dev.containers.services.web.networkMode: a Wavelength Zone allows bridge tasks only: an awsvpc task gets a private address of its own (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-networking-awsvpc.html ("Each task ENI is assigned a private IPv4 address by default")), while only the instance\'s carrier ip reaches the carrier gateway (got "awsvpc"); fix: use networkMode "bridge": the tasks share the instance\'s interface and its carrier ip',
    );
  });

  it("rejects a container instance type the zone does not offer, and a root volume type other than gp2", () => {
    const errs = configErrors(() =>
      synthSite(
        "dev",
        withEnv("dev", (c) => ({
          ...c,
          containers: { ...c.containers!, instanceType: "c5.large", rootVolumeType: "gp3" },
        })),
      ),
    );
    // The zone catalog's list and EBS types for us-east-1-wl1-bos-wlz-1 (sources in the catalog).
    expect(errs.map((e) => e.message)).toEqual([
      'EDGE_ZONE_INSTANCE_TYPE at environments.dev.containers.instanceType: us-east-1-wl1-bos-wlz-1 does not offer c5.large (offers t3.medium, t3.xlarge, r5.2xlarge, g4dn.2xlarge) (got "c5.large"); fix: use one of t3.medium, t3.xlarge, r5.2xlarge, g4dn.2xlarge, or override the zone\'s instance types (allowedInstanceTypes or the catalog) with the source you read',
      'EDGE_ZONE_EBS_TYPE at environments.dev.containers.rootVolumeType: us-east-1-wl1-bos-wlz-1 does not offer EBS volume type gp3 (offers gp2) (got "gp3"); fix: use gp2',
    ]);
  });

  it("rejects tiers without the carrier tier the hosts launch in", () => {
    const err = configError(() =>
      synthSite(
        "staging",
        withEnv("staging", (c) => ({ ...c, tiers: ["private"] })),
      ),
    );
    expect(err.message).toBe(
      'EDGE_WLZ_TIER_MISSING at environments.staging.tiers: the osv hosts launch in the carrier tier, and the tiers leave it out (got ["private"]); fix: add "carrier" to tiers',
    );
  });

  it("rejects an updater weight out of range at its config path", () => {
    const err = configError(() =>
      synthSite(
        "prod",
        withEnv("prod", (c) => ({ ...c, dns: { ...c.dns!, weight: 300 } })),
      ),
    );
    expect(err.message).toBe(
      "EDGE_DNS_WEIGHT at environments.prod.dns.weight: a route 53 weight is an integer from 0 to 255 (got 300); fix: use a whole number between 0 and 255; the share of answers is weight / sum of weights",
    );
  });

  it("rejects a group whose minimum exceeds its maximum, at its config path", () => {
    const err = configError(() =>
      synthSite(
        "dev",
        withEnv("dev", (c) => ({ ...c, hosts: { ...c.hosts, minSize: 3, maxSize: 2 } })),
      ),
    );
    expect(err.message).toBe(
      'EDGE_OSV_ASG_SIZE at environments.dev.hosts.minSize: the group needs minSize <= desiredCapacity <= maxSize, and minSize 3, desiredCapacity 3 (default), maxSize 2 are out of order (got 3); fix: give a minSize of at most 2, or raise maxSize to 3',
    );
  });

  it("rejects a qcow2 OSv image at its config path", () => {
    const err = configError(() =>
      synthSite(
        "dev",
        withEnv("dev", (c) => ({
          ...c,
          hosts: { ...c.hosts, image: { ...c.hosts.image, format: "qcow2" } },
        })),
      ),
    );
    expect(err.code).toBe("EDGE_OSV_IMAGE_FORMAT");
    expect(err.path).toBe("environments.dev.hosts.image.format");
  });

  it("rejects a Local Zone as the region-side availability zone, at its config path", () => {
    const err = configError(() =>
      synthSite("prod", {
        ...wavelengthBos.environments,
        prod: { ...wavelengthBos.environments.prod, regionAvailabilityZone: "us-east-1-bos-1a" },
      }),
    );
    expect(err.message).toBe(
      'EDGE_ZONE_KIND at environments.prod.regionAvailabilityZone: us-east-1-bos-1a is a Local Zone, expected an availability zone (got "us-east-1-bos-1a"); fix: put us-east-1-bos-1a in the Local Zone site\'s config, not here',
    );
  });
});

describe("wavelength-bos passes the policy pack", () => {
  // The carrier network reaches tcp/8080 on the hosts and on the container instances: both
  // public ports are declared to EDGE-SG-4 with the site's reason, nothing else is suppressed.
  it.each(defaultEnvironments())("%s declares the hosts' and the containers' public port", (env) => {
    const { stack } = shippedSite(wavelengthBos, env, { catalog: environmentCatalog, policy: edgePolicyPack });
    const report = policyReportOf(stack)!;
    expect(report.summary.errors).toBe(0);
    expect(report.results.filter((r) => r.status === "suppressed").map((r) => [r.rule, r.address, r.suppression?.reason])).toEqual([
      [
        "EDGE-SG-4",
        "aws_vpc_security_group_ingress_rule.containers_cluster_ingress-cidr-0",
        "tcp/8080 of the web service serves the carrier network: mobile clients on the carrier network, as the hosts (site config publicPorts)",
      ],
      [
        "EDGE-SG-4",
        "aws_vpc_security_group_ingress_rule.wavelength_host-ingress-tcp-8080",
        "tcp-8080 is served to mobile clients on the carrier network (site config publicPorts)",
      ],
    ]);
    expect(report.unused_suppressions).toEqual([]);
  });

  it.each(defaultEnvironments())("%s has no error-level finding", (env) => {
    const json = synthSite(env);
    const environment = defineEnvironment(SHIPPED_ENVIRONMENTS[env], env);
    const evaluations = evaluateTerraform(json, {
      stack: `wavelength-bos-${env}`,
      site: "wavelength-bos",
      environment: env,
      region: environment.region,
      account: environment.account,
      permissionsBoundaryArn: environment.permissionsBoundaryArn,
    });
    expect(evaluations.length).toBeGreaterThan(10);
    const failures = evaluations
      .filter((e) => e.rule.level === "error" && e.outcome.status === "non-compliant")
      .map((e) => `${e.rule.id} ${e.address}`);
    expect(failures).toEqual([]);
  });
});

// Synth proves a path for every declared need (docs/network-paths.md); these are the prod paths.
describe("wavelength-bos-prod network paths", () => {
  const { stack } = buildSite(wavelengthBos, "prod");
  const { report, failures } = checkStackPaths(stack);
  const rows = [...new Set(report.paths.map((p) => `${p.workload.split("/").slice(1).join("/")} ${p.direction} ${p.need}: ${p.via}`))];

  it("proves every need, with the route that carries it", () => {
    expect(failures).toEqual([]);
    expect(rows).toEqual([
      "dns-updater call ec2: Lambda service network (the function is not attached to a VPC)",
      "dns-updater call route53: Lambda service network (the function is not attached to a VPC)",
      "dns-updater call monitoring: Lambda service network (the function is not attached to a VPC)",
      "osv client carrier-network: carrier gateway aws_ec2_carrier_gateway.wavelength_carrier-gateway to the carrier IP",
      "osv call monitoring: public monitoring endpoint through carrier gateway aws_ec2_carrier_gateway.wavelength_carrier-gateway (from the carrier IP)",
      // The container instances reach the Region's public ECS, ECR, S3 and CloudWatch Logs
      // endpoints out the carrier gateway from their carrier IP (no VPC endpoint can be in a
      // Wavelength subnet); the web tasks share their instance's carrier IP.
      "containers/cluster call ecs: public ecs endpoint through carrier gateway aws_ec2_carrier_gateway.wavelength_carrier-gateway (from the carrier IP)",
      "containers/cluster call ecs-agent: public ecs-agent endpoint through carrier gateway aws_ec2_carrier_gateway.wavelength_carrier-gateway (from the carrier IP)",
      "containers/cluster call ecs-telemetry: public ecs-telemetry endpoint through carrier gateway aws_ec2_carrier_gateway.wavelength_carrier-gateway (from the carrier IP)",
      "containers/cluster call ecr.api: public ecr.api endpoint through carrier gateway aws_ec2_carrier_gateway.wavelength_carrier-gateway (from the carrier IP)",
      "containers/cluster call ecr.dkr: public ecr.dkr endpoint through carrier gateway aws_ec2_carrier_gateway.wavelength_carrier-gateway (from the carrier IP)",
      "containers/cluster call s3: public s3 endpoint through carrier gateway aws_ec2_carrier_gateway.wavelength_carrier-gateway (from the carrier IP)",
      "containers/cluster call logs: public logs endpoint through carrier gateway aws_ec2_carrier_gateway.wavelength_carrier-gateway (from the carrier IP)",
      "containers/web client carrier-network: carrier gateway aws_ec2_carrier_gateway.wavelength_carrier-gateway to the carrier IP",
    ]);
  });

  it("lists the routes nothing needs", () => {
    expect(report.unneeded.map((u) => u.address)).toEqual([
      "aws_route.wavelength_vpc_public-default-route",
      "aws_vpc_endpoint.wavelength_vpc_s3-gateway-endpoint"
    ]);
  });
});

describe("wavelength-bos hosts asked to serve internet clients", () => {
  // "There is no inbound connection configuration from the internet to a Wavelength Zone through
  // the carrier gateway" (AWS Wavelength developer guide, How AWS Wavelength works).
  it("fail the paths check with EDGE_PATH_CARRIER_INTERNET_CLIENTS", () => {
    const { stack } = buildSite(wavelengthBos, "prod");
    declareNeeds(stack.node.findChild("osv"), { clients: ["internet"] });
    expect(checkStackPaths(stack).report.missing.map((m) => [m.code, m.workload, m.subnet, m.routeTable])).toEqual([
      ["EDGE_PATH_CARRIER_INTERNET_CLIENTS", "wavelength-bos-prod/osv", "aws_subnet.wavelength_carrier-subnet", "aws_route_table.wavelength_carrier-route-table"],
    ]);
  });
});

