import { configError, resourcesOf, synthJson, testStack } from "@edge/core/testing";
import { ContainersSiteConfigSchema, EdgeContainers, type ContainersSiteConfig } from "../src";
import { AZ_SUBNETS, OP_SUBNETS, OUTPOST } from "./fixtures";

const PUBLIC = [
  { subnetId: "subnet-pub-a", zone: "us-east-1a" },
  { subnetId: "subnet-pub-b", zone: "us-east-1b" },
];
const REASON = "tcp/8080 is the web containers' public endpoint in this test";

const config = (services: Record<string, unknown>): ContainersSiteConfig =>
  ContainersSiteConfigSchema.parse({ instanceType: "c5.large", services });

describe("EdgeContainers", () => {
  it("puts a web service behind an edge endpoint of its own: bridge tasks in its instance target group", () => {
    const stack = testStack({ site: "region-hub" });
    const c = new EdgeContainers(stack, "containers", {
      vpcId: "vpc-1",
      subnets: AZ_SUBNETS,
      endpointSubnets: PUBLIC,
      config: config({
        web: {
          imageTag: "1.0.0",
          containerPort: 8080,
          cpu: 256,
          memoryMiB: 512,
          desiredCount: 2,
          endpoint: { publicPortReason: REASON },
        },
      }),
    });
    const json = synthJson(stack);
    // Availability zones: a Network Load Balancer (EdgeEndpoint chooses by zone kind).
    const lb = resourcesOf(json, "aws_lb")["containers_web-endpoint_load-balancer"];
    expect(lb).toMatchObject({ load_balancer_type: "network", internal: false });
    const svc = resourcesOf(json, "aws_ecs_service")["containers_web_service"];
    expect(svc.load_balancer).toEqual([
      {
        target_group_arn: "${aws_lb_target_group.containers_web-endpoint_target-group.arn}",
        container_name: "web",
        container_port: 8080,
      },
    ]);
    expect(svc.depends_on).toContain("aws_lb_listener.containers_web-endpoint_listener");
    expect(c.services.web.networkMode).toBe("bridge");
    // The instances admit the container port from the load balancer's group only.
    const ingress = Object.values(resourcesOf(json, "aws_vpc_security_group_ingress_rule")).filter(
      (r) => r.security_group_id === "${aws_security_group.containers_cluster_instances.id}",
    );
    expect(ingress).toEqual([
      expect.objectContaining({
        from_port: 8080,
        to_port: 8080,
        referenced_security_group_id:
          "${aws_security_group.containers_web-endpoint_security-group.id}",
      }),
    ]);
    // Images come from the site's repository, pulled by the execution role.
    const [container] = JSON.parse(
      resourcesOf(json, "aws_ecs_task_definition")["containers_web_task-definition"]
        .container_definitions,
    );
    expect(container.image).toBe(
      "${aws_ecr_repository.containers_repository_repository.repository_url}:1.0.0",
    );
  });

  it("lets on-premises networks reach a bridge service on an Outpost", () => {
    const stack = testStack({ site: "outpost-factory" });
    new EdgeContainers(stack, "containers", {
      vpcId: "vpc-1",
      subnets: OP_SUBNETS,
      outpost: OUTPOST,
      clientCidrs: ["192.168.0.0/16"],
      config: ContainersSiteConfigSchema.parse({
        instanceType: "m5.xlarge",
        services: {
          collector: {
            imageTag: "1.0.0",
            containerPort: 9090,
            cpu: 512,
            memoryMiB: 1024,
            desiredCount: 1,
            networkMode: "bridge",
            onPremisesClients: true,
          },
        },
      }),
    });
    const json = synthJson(stack);
    expect(Object.values(resourcesOf(json, "aws_vpc_security_group_ingress_rule"))).toContainEqual(
      expect.objectContaining({ cidr_ipv4: "192.168.0.0/16", from_port: 9090, to_port: 9090 }),
    );
    expect(resourcesOf(json, "aws_lb")).toEqual({});
  });

  it("fails a serving service the site gives no client path: EDGE_ECS_NO_CLIENT_PATH", () => {
    const stack = testStack({ site: "region-hub" });
    const err = configError(
      () =>
        new EdgeContainers(stack, "containers", {
          vpcId: "vpc-1",
          subnets: AZ_SUBNETS,
          config: config({
            web: {
              imageTag: "1.0.0",
              containerPort: 8080,
              cpu: 256,
              memoryMiB: 512,
              desiredCount: 1,
              endpoint: { publicPortReason: REASON },
            },
          }),
          configPath: "environments.dev.containers",
        }),
    );
    expect(err.code).toBe("EDGE_ECS_NO_CLIENT_PATH");
    expect(err.message).toBe(
      `EDGE_ECS_NO_CLIENT_PATH at environments.dev.containers.services.web.endpoint: the service serves internet clients through an edge endpoint, and the site gives it no public subnets (got {"publicPortReason":"${REASON}"}); fix: pass the site's public subnets as endpointSubnets, or remove endpoint`,
    );
  });
});
