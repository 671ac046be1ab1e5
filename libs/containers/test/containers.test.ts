import { resourcesOf, synthJson, testStack } from "@edge/core/testing";
import {
  ECS_AMI_PARAMETERS,
  EdgeContainerCluster,
  EdgeContainerRepository,
  EdgeContainerService,
} from "../src";
import { CLUSTER, LZ_SUBNETS, OP_SUBNETS, OUTPOST, SERVICE, synthContainers, WL_SUBNETS } from "./fixtures";

const one = (json: ReturnType<typeof synthContainers>["json"], type: string) => {
  const all = Object.values(resourcesOf(json, type));
  expect(all).toHaveLength(1);
  return all[0];
};

// Terraform AWS provider docs: aws_ecs_cluster, aws_ecs_capacity_provider,
// aws_ecs_cluster_capacity_providers, aws_ecs_task_definition, aws_ecs_service,
// aws_service_discovery_http_namespace, aws_ecr_repository, aws_ecr_pull_through_cache_rule,
// data aws_ssm_parameter. Facts: container-facts.ts (CONTAINER_SOURCES).
describe("EdgeContainerCluster", () => {
  it("resolves the ECS-optimized AL2023 AMI from its public SSM parameter at plan time", () => {
    const { json } = synthContainers({}, undefined);
    const [ami] = Object.entries(json.data!.aws_ssm_parameter);
    expect(ami[1].name).toBe(
      "/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id",
    );
    expect(ECS_AMI_PARAMETERS.x86_64).toBe(ami[1].name);
    const lt = one(json, "aws_launch_template");
    expect(lt.image_id).toBe(`\${data.aws_ssm_parameter.${ami[0]}.insecure_value}`);
    expect(lt.metadata_options).toEqual({
      http_endpoint: "enabled",
      http_tokens: "required",
      http_put_response_hop_limit: 1,
      instance_metadata_tags: "disabled",
    });
    const userData = Buffer.from(lt.user_data, "base64").toString("utf8");
    expect(userData).toContain("ECS_CLUSTER=region-hub-dev-containers\n");
    expect(lt.block_device_mappings[0]).toMatchObject({
      device_name: "/dev/xvda",
      ebs: { encrypted: "true", volume_type: "gp3", volume_size: 30 },
    });
    expect(lt.network_interfaces[0].associate_public_ip_address).toBe("false");
  });

  it("makes one Auto Scaling group and capacity provider per zone, with managed scaling and termination protection", () => {
    const { json } = synthContainers({}, undefined);
    const groups = Object.values(resourcesOf(json, "aws_autoscaling_group"));
    expect(groups.map((g) => g.name).sort()).toEqual([
      "region-hub-dev-containers-us-east-1a",
      "region-hub-dev-containers-us-east-1b",
    ]);
    for (const g of groups) {
      expect(g.protect_from_scale_in).toBe(true);
      expect(g.tag).toContainEqual({
        key: "AmazonECSManaged",
        value: "true",
        propagate_at_launch: false,
      });
    }
    const providers = Object.values(resourcesOf(json, "aws_ecs_capacity_provider"));
    expect(providers).toHaveLength(2);
    for (const p of providers) {
      expect(p.auto_scaling_group_provider.managed_termination_protection).toBe("ENABLED");
      expect(p.auto_scaling_group_provider.managed_scaling).toMatchObject({
        status: "ENABLED",
        target_capacity: 100,
      });
    }
    const ccp = one(json, "aws_ecs_cluster_capacity_providers");
    expect(ccp.capacity_providers).toHaveLength(2);
    expect(ccp.capacity_providers.join()).not.toContain("FARGATE");
  });

  it("gives the cluster a Service Connect namespace and container insights", () => {
    const { json } = synthContainers({}, undefined);
    const ns = one(json, "aws_service_discovery_http_namespace");
    expect(ns.name).toBe("region-hub-dev-containers");
    const cluster = one(json, "aws_ecs_cluster");
    expect(cluster.service_connect_defaults.namespace).toMatch(
      /^\$\{aws_service_discovery_http_namespace\..+\.arn\}$/,
    );
    expect(cluster.setting).toEqual([{ name: "containerInsights", value: "enabled" }]);
  });

  it("defaults to gp2 in a Local Zone and gives carrier IPs in a Wavelength Zone", () => {
    const lz = synthContainers(
      { capacity: { subnets: LZ_SUBNETS, instanceType: "t3.xlarge" } },
      undefined,
    );
    expect(one(lz.json, "aws_launch_template").block_device_mappings[0].ebs.volume_type).toBe(
      "gp2",
    );
    const wl = synthContainers(
      { capacity: { subnets: WL_SUBNETS, instanceType: "t3.xlarge" } },
      undefined,
    );
    const ni = one(wl.json, "aws_launch_template").network_interfaces[0];
    expect(ni.associate_carrier_ip_address).toBe("true");
    expect(ni.associate_public_ip_address).toBeUndefined();
  });

  // As for the OSv hosts: the catalog's list at synth, the account's offerings at plan time
  // (Terraform AWS provider data source aws_ec2_instance_type_offerings; EC2 API
  // DescribeInstanceTypeOfferings, location and instance-type filters).
  it("checks the instance type's offering in each Local Zone at plan time", () => {
    const { json } = synthContainers(
      { capacity: { subnets: LZ_SUBNETS, instanceType: "t3.xlarge" } },
      undefined,
    );
    expect(
      json.data!.aws_ec2_instance_type_offerings["containers_instance-type-offering-us-east-1-bos-1a"],
    ).toEqual({
      location_type: "availability-zone",
      filter: [
        { name: "location", values: ["us-east-1-bos-1a"] },
        { name: "instance-type", values: ["t3.xlarge"] },
      ],
    });
    const [precondition] = one(json, "aws_launch_template").lifecycle.precondition;
    expect(precondition.error_message).toContain("Instance types not offered in us-east-1-bos-1a for this account");
    // Availability zones offer every type of the Region: no lookup there.
    expect(synthContainers({}, undefined).json.data!.aws_ec2_instance_type_offerings).toBeUndefined();
  });

  it("leaves the CoIP to the Outpost subnet", () => {
    const op = synthContainers(
      { capacity: { subnets: OP_SUBNETS, instanceType: "m5.xlarge", outpost: OUTPOST } },
      { networkMode: "bridge", desiredCount: 1 },
    );
    const ni = one(op.json, "aws_launch_template").network_interfaces[0];
    expect(ni.associate_public_ip_address).toBeUndefined();
    expect(ni.associate_carrier_ip_address).toBeUndefined();
    expect(op.cluster.zones.map((z) => z.zone)).toEqual(["us-east-1a"]);
  });

  it("puts the environment's permissions boundary on every role (core aspect)", () => {
    const { json } = synthContainers({}, {}, "prod");
    const roles = Object.values(resourcesOf(json, "aws_iam_role"));
    expect(roles).toHaveLength(3);
    for (const r of roles)
      expect(r.permissions_boundary).toMatch(/^arn:aws:iam::333333333333:policy\//);
  });

  // IAM API reference, CreateRole, RoleName: "Maximum length of 64".
  it("keeps role names within 64 characters and distinct in long ad-hoc environments", () => {
    const names = (env: string) => {
      const stack = testStack({ site: "local-zone-bos", env });
      const cluster = new EdgeContainerCluster(stack, "containers", CLUSTER);
      new EdgeContainerService(stack, "collector", {
        cluster,
        ...SERVICE,
        name: stack.physicalName("containers-collector"),
      });
      return Object.values(resourcesOf(synthJson(stack), "aws_iam_role")).map((r) => r.name as string);
    };
    const a = names("feature-long-branch-a");
    expect(a.filter((n) => n.length > 64)).toEqual([]);
    // local-zone-bos-feature-long-branch-a-containers-collector-execution has 67 characters.
    expect(a).toContainEqual(
      expect.stringMatching(/^local-zone-bos-feature-long-branch-a-containers-collect-[0-9a-f]{8}$/),
    );
    expect(a.filter((n) => names("feature-long-branch-b").includes(n))).toEqual([]);
    // Names that fit stay as they are.
    expect(names("dev").sort()).toEqual([
      "local-zone-bos-dev-containers-collector-execution",
      "local-zone-bos-dev-containers-collector-task",
      "local-zone-bos-dev-containers-instance",
    ]);
  });
});

describe("EdgeContainerService", () => {
  it("spreads awsvpc tasks over the zone capacity providers and rolls back failed deployments", () => {
    const { json } = synthContainers();
    const svc = one(json, "aws_ecs_service");
    expect(svc.capacity_provider_strategy).toHaveLength(2);
    expect(svc.deployment_circuit_breaker).toEqual({ enable: true, rollback: true });
    expect(svc.ordered_placement_strategy[0]).toEqual({
      type: "spread",
      field: "attribute:ecs.availability-zone",
    });
    expect(svc.network_configuration.subnets).toEqual(["subnet-a", "subnet-b"]);
    expect(svc.network_configuration.assign_public_ip).toBe(false);
    expect(svc.service_connect_configuration.service[0]).toMatchObject({
      port_name: "app",
      discovery_name: "app",
      client_alias: { port: 8080, dns_name: "app" },
    });
    const td = one(json, "aws_ecs_task_definition");
    expect(td.network_mode).toBe("awsvpc");
    expect(td.requires_compatibilities).toEqual(["EC2"]);
  });

  it("passes secrets from SSM and Secrets Manager through the execution role, never as environment", () => {
    const secretArn = "arn:aws:secretsmanager:us-east-1:111111111111:secret:app/api-key-AbCdEf";
    const { json } = synthContainers(
      {},
      {
        environment: { LOG_LEVEL: "info" },
        secrets: {
          DB_PASSWORD: { ssmParameter: "/region-hub/dev/db-password" },
          API_KEY: { secretsManagerArn: secretArn },
        },
      },
    );
    const [container] = JSON.parse(one(json, "aws_ecs_task_definition").container_definitions);
    expect(container.environment).toEqual([{ name: "LOG_LEVEL", value: "info" }]);
    expect(container.secrets).toEqual([
      {
        name: "DB_PASSWORD",
        valueFrom: "arn:aws:ssm:us-east-1:111111111111:parameter/region-hub/dev/db-password",
      },
      { name: "API_KEY", valueFrom: secretArn },
    ]);
    const policies = Object.values(resourcesOf(json, "aws_iam_role_policy")).map((p) =>
      JSON.parse(p.policy),
    );
    const exec = policies.find((p) =>
      p.Statement.some((s: { Sid?: string }) => s.Sid === "ReadParameters"),
    );
    expect(exec.Statement).toContainEqual({
      Sid: "ReadParameters",
      Effect: "Allow",
      Action: "ssm:GetParameters",
      Resource: ["arn:aws:ssm:us-east-1:111111111111:parameter/region-hub/dev/db-password"],
    });
    expect(exec.Statement).toContainEqual({
      Sid: "ReadSecrets",
      Effect: "Allow",
      Action: "secretsmanager:GetSecretValue",
      Resource: [secretArn],
    });
  });

  it("registers bridge tasks in an instance target group and opens the port to the load balancer", () => {
    const { json } = synthContainers(
      { capacity: { subnets: LZ_SUBNETS, instanceType: "t3.xlarge" } },
      {
        desiredCount: 1,
        targetGroup: { targetGroupArn: "arn:tg", targetType: "instance", securityGroupId: "sg-lb" },
      },
    );
    const svc = one(json, "aws_ecs_service");
    expect(svc.load_balancer).toEqual([
      { target_group_arn: "arn:tg", container_name: "app", container_port: 8080 },
    ]);
    expect(svc.network_configuration).toBeUndefined();
    expect(svc.placement_constraints).toEqual([{ type: "distinctInstance" }]);
    expect(one(json, "aws_ecs_task_definition").network_mode).toBe("bridge");
    const ingress = Object.values(resourcesOf(json, "aws_vpc_security_group_ingress_rule"));
    expect(ingress).toContainEqual(
      expect.objectContaining({
        from_port: 8080,
        to_port: 8080,
        referenced_security_group_id: "sg-lb",
      }),
    );
  });
});

describe("EdgeContainerRepository", () => {
  it("scans on push, keeps tags immutable and can cache an upstream registry", () => {
    const stack = testStack({ site: "region-hub" });
    new EdgeContainerRepository(stack, "app", {
      pullThroughCache: {
        ecrRepositoryPrefix: "ecr-public",
        upstreamRegistryUrl: "public.ecr.aws",
      },
    });
    const json = synthJson(stack);
    const repo = Object.values(resourcesOf(json, "aws_ecr_repository"))[0];
    expect(repo.name).toBe("region-hub-dev-app");
    expect(repo.image_tag_mutability).toBe("IMMUTABLE");
    expect(repo.image_scanning_configuration).toEqual({ scan_on_push: true });
    const ptc = Object.values(resourcesOf(json, "aws_ecr_pull_through_cache_rule"))[0];
    expect(ptc).toMatchObject({
      ecr_repository_prefix: "ecr-public",
      upstream_registry_url: "public.ecr.aws",
    });
  });
});
