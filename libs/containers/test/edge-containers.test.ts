import { configError, resourcesOf, synthJson, testStack } from "@edge/core/testing";
import type { EdgeStack } from "@edge/core";
import { EdgeEndpoint, type EdgeEndpointProps } from "@edge/endpoint";
import { edgePolicyPack, policyReportOf } from "@edge/policy";
import { ContainersSiteConfigSchema, EdgeContainers, type ContainersSiteConfig } from "../src";
import { AZ_SUBNETS, LZ_SUBNETS, OP_SUBNETS, OUTPOST, WL_SUBNETS } from "./fixtures";

const CERT = "arn:aws:acm:us-east-1:111111111111:certificate/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d";
const REASON = "tcp/8080 is the site's public edge endpoint in this test";

const config = (services: Record<string, unknown>, instanceType = "c5.large"): ContainersSiteConfig =>
  ContainersSiteConfigSchema.parse({ instanceType, services });

const WEB = { imageTag: "1.0.0", containerPort: 8080, cpu: 256, memoryMiB: 512, desiredCount: 1 };

/** The site's edge endpoint, with the site's hosts connected, as region-hub and local-zone-bos build it. */
function siteEndpoint(stack: EdgeStack, props: Partial<EdgeEndpointProps> = {}) {
  const endpoint = new EdgeEndpoint(stack, "edge-endpoint", {
    vpcId: "vpc-1",
    subnets: [
      { subnetId: "subnet-pub-a", zone: "us-east-1a" },
      { subnetId: "subnet-pub-b", zone: "us-east-1b" },
    ],
    targetPort: 8080,
    targetName: "osv",
    tls: { certificateArn: CERT },
    publicPortReason: REASON,
    ...props,
  });
  endpoint.connectTargets("sg-osv-hosts");
  return endpoint;
}

// The site's endpoint is the only load balancer (ELB NLB and ALB guides through EdgeEndpoint);
// ECS registers bridge tasks as instance targets on their host port (ECS API reference,
// LoadBalancer: "the container instance they're launched on must allow ingress traffic on the
// hostPort"; Terraform AWS provider aws_ecs_service, load_balancer block).
describe("EdgeContainers behind the site's edge endpoint", () => {
  it("registers a web service in the endpoint's target group and adds no load balancer or listener of its own", () => {
    const stack = testStack({ site: "region-hub" });
    const endpoint = siteEndpoint(stack);
    const c = new EdgeContainers(stack, "containers", {
      vpcId: "vpc-1",
      subnets: AZ_SUBNETS,
      endpoint,
      config: config({ web: { ...WEB, edgeEndpoint: true }, api: WEB }),
    });
    const json = synthJson(stack);
    expect(Object.keys(resourcesOf(json, "aws_lb"))).toEqual(["edge-endpoint_load-balancer"]);
    // TLS as the site's endpoint config says: the one listener speaks TLS with its certificate.
    expect(resourcesOf(json, "aws_lb_listener")).toEqual({
      "edge-endpoint_listener": expect.objectContaining({
        port: 8080,
        protocol: "TLS",
        certificate_arn: CERT,
      }),
    });
    const web = resourcesOf(json, "aws_ecs_service")["containers_web_service"];
    expect(web.load_balancer).toEqual([
      {
        target_group_arn: "${aws_lb_target_group.edge-endpoint_target-group.arn}",
        container_name: "web",
        container_port: 8080,
      },
    ]);
    expect(web.depends_on).toContain("aws_lb_listener.edge-endpoint_listener");
    expect(c.services.web.networkMode).toBe("bridge");
    // A service without edgeEndpoint stays off the load balancer (awsvpc, Service Connect only).
    expect(resourcesOf(json, "aws_ecs_service")["containers_api_service"].load_balancer).toBeUndefined();
    expect(c.services.api.networkMode).toBe("awsvpc");
    // The endpoint reaches the container instances on its target port, beside the hosts' rule ...
    expect(resourcesOf(json, "aws_vpc_security_group_egress_rule")["edge-endpoint_containers-egress"]).toEqual({
      security_group_id: "${aws_security_group.edge-endpoint_security-group.id}",
      description: "Client traffic and health checks to the containers instances on tcp/8080",
      ip_protocol: "tcp",
      from_port: 8080,
      to_port: 8080,
      referenced_security_group_id: "${aws_security_group.containers_cluster_instances.id}",
    });
    // ... and the instances admit that port from the endpoint's group only.
    const ingress = Object.values(resourcesOf(json, "aws_vpc_security_group_ingress_rule")).filter(
      (r) => r.security_group_id === "${aws_security_group.containers_cluster_instances.id}",
    );
    expect(ingress).toEqual([
      expect.objectContaining({
        from_port: 8080,
        to_port: 8080,
        referenced_security_group_id: "${aws_security_group.edge-endpoint_security-group.id}",
      }),
    ]);
    // Images come from the site's repository, pulled by the execution role.
    const [container] = JSON.parse(
      resourcesOf(json, "aws_ecs_task_definition")["containers_web_task-definition"].container_definitions,
    );
    expect(container.image).toBe("${aws_ecr_repository.containers_repository_repository.repository_url}:1.0.0");
    expect(container.portMappings).toEqual([
      { name: "web", containerPort: 8080, hostPort: 8080, protocol: "tcp", appProtocol: "http" },
    ]);
  });

  it("in a Local Zone uses the zone's ALB: HTTPS on the public port and the redirect, nothing more", () => {
    const stack = testStack({ site: "local-zone-bos" });
    const endpoint = siteEndpoint(stack, {
      subnets: [{ subnetId: "subnet-pub-bos", zone: "us-east-1-bos-1a" }],
      healthCheckPath: "/healthz",
    });
    new EdgeContainers(stack, "containers", {
      vpcId: "vpc-1",
      subnets: LZ_SUBNETS,
      endpoint,
      config: config({ web: { ...WEB, edgeEndpoint: true } }, "t3.xlarge"),
    });
    const json = synthJson(stack);
    expect(Object.values(resourcesOf(json, "aws_lb")).map((lb) => lb.load_balancer_type)).toEqual([
      "application",
    ]);
    const listeners = resourcesOf(json, "aws_lb_listener");
    expect(Object.keys(listeners).sort()).toEqual(["edge-endpoint_http-redirect", "edge-endpoint_listener"]);
    expect(listeners["edge-endpoint_listener"]).toMatchObject({ protocol: "HTTPS", certificate_arn: CERT });
    expect(resourcesOf(json, "aws_ecs_service")["containers_web_service"].load_balancer).toEqual([
      expect.objectContaining({
        target_group_arn: "${aws_lb_target_group.edge-endpoint_target-group.arn}",
      }),
    ]);
  });

  it("lets on-premises networks reach a bridge service on an Outpost, with no load balancer", () => {
    const stack = testStack({ site: "outpost-factory" });
    new EdgeContainers(stack, "containers", {
      vpcId: "vpc-1",
      subnets: OP_SUBNETS,
      outpost: OUTPOST,
      clientCidrs: ["192.168.0.0/16"],
      config: config(
        { collector: { ...WEB, containerPort: 9090, networkMode: "bridge", onPremisesClients: true } },
        "m5.xlarge",
      ),
    });
    const json = synthJson(stack);
    expect(Object.values(resourcesOf(json, "aws_vpc_security_group_ingress_rule"))).toContainEqual(
      expect.objectContaining({ cidr_ipv4: "192.168.0.0/16", from_port: 9090, to_port: 9090 }),
    );
    expect(resourcesOf(json, "aws_lb")).toEqual({});
  });
});

// Wavelength: the carrier gateway admits inbound traffic from the carrier network only, to the
// carrier IPs on instances' interfaces (AWS Wavelength developer guide, how-wavelengths-work;
// Amazon VPC UG, subnet-wavelength); bridge tasks publish their container port on that interface
// (ECS developer guide, task networking). Launch template instance tags: Terraform AWS provider
// aws_launch_template, tag_specifications.
describe("EdgeContainers for carrier clients in a Wavelength Zone", () => {
  function wavelength(carrierClientCidrs: string[] = ["0.0.0.0/0"]) {
    const stack = testStack({ site: "wavelength-bos", policy: edgePolicyPack });
    const containers = new EdgeContainers(stack, "containers", {
      vpcId: "vpc-wl",
      subnets: WL_SUBNETS,
      carrierClients: { cidrBlocks: carrierClientCidrs, publicPortReason: "the carrier network reaches tcp/8080 in this test" },
      instanceTags: { "edge:dns-name": "bos.carrier.edge.dev.example.com" },
      config: config({ web: { ...WEB, carrierClients: true } }, "t3.medium"),
      configPath: "environments.dev.containers",
    });
    return { json: synthJson(stack), containers, stack };
  }

  // EDGE-SG-4 asks the site to declare a port open to every address; the carrier network's
  // port is declared with the site's reason, a narrower block needs no declaration.
  it("declares a port open to every address with the site's reason, and nothing for a narrower block", () => {
    const suppressed = (stack: EdgeStack) =>
      policyReportOf(stack)!.results.filter((r) => r.status === "suppressed").map((r) => [r.rule, r.address, r.suppression?.reason]);
    expect(suppressed(wavelength().stack)).toEqual([
      [
        "EDGE-SG-4",
        "aws_vpc_security_group_ingress_rule.containers_cluster_ingress-cidr-0",
        "tcp/8080 of the web service serves the carrier network: the carrier network reaches tcp/8080 in this test",
      ],
    ]);
    expect(suppressed(wavelength(["198.51.100.0/24"]).stack)).toEqual([]);
  });

  it("publishes the bridge task's port on the carrier-IP instances and admits it from the carrier client blocks", () => {
    const { json, containers } = wavelength();
    const template = resourcesOf(json, "aws_launch_template")["containers_cluster_launch-template"];
    expect(template.network_interfaces).toEqual([
      expect.objectContaining({ associate_carrier_ip_address: "true", device_index: 0 }),
    ]);
    const definition = resourcesOf(json, "aws_ecs_task_definition")["containers_web_task-definition"];
    expect(definition.network_mode).toBe("bridge");
    expect(JSON.parse(definition.container_definitions as string)[0].portMappings).toEqual([
      { name: "web", containerPort: 8080, hostPort: 8080, protocol: "tcp", appProtocol: "http" },
    ]);
    expect(resourcesOf(json, "aws_vpc_security_group_ingress_rule")).toEqual({
      "containers_cluster_ingress-cidr-0": expect.objectContaining({
        security_group_id: "${aws_security_group.containers_cluster_instances.id}",
        cidr_ipv4: "0.0.0.0/0",
        ip_protocol: "tcp",
        from_port: 8080,
        to_port: 8080,
      }),
    });
    // The rule is handed to the site, which declares the public port to its policy.
    expect(containers.services.web.clientIngressRules.map((r) => r.node.id)).toEqual(["ingress-cidr-0"]);
  });

  it("tags the instances (not their volumes or interfaces) with the site's instance tags", () => {
    const { json } = wavelength();
    const specs = resourcesOf(json, "aws_launch_template")["containers_cluster_launch-template"]
      .tag_specifications as { resource_type: string; tags: Record<string, string> }[];
    expect(specs.map((t) => [t.resource_type, t.tags["edge:dns-name"]])).toEqual([
      ["instance", "bos.carrier.edge.dev.example.com"],
      ["volume", undefined],
      ["network-interface", undefined],
    ]);
  });

  // The site config (ContainersSiteConfigSchema) writes the capacity settings beside the
  // services, so its errors name containers.instanceType, not the cluster props' capacity path.
  it("names the site config's own path of a capacity setting the zone does not offer", () => {
    const stack = testStack({ site: "local-zone-bos" });
    const err = configError(
      () =>
        new EdgeContainers(stack, "containers", {
          vpcId: "vpc-1",
          subnets: LZ_SUBNETS,
          config: config({ web: { ...WEB, networkMode: "bridge" } }, "c5.large"),
          configPath: "environments.dev.containers",
        }),
    );
    expect(err.code).toBe("EDGE_ZONE_INSTANCE_TYPE");
    expect(err.path).toBe("environments.dev.containers.instanceType");
  });

  it("fails a carrier service when the site gives no carrier client blocks: EDGE_ECS_NO_CLIENT_PATH", () => {
    const err = configError(() => wavelength([]));
    expect(err.code).toBe("EDGE_ECS_NO_CLIENT_PATH");
    expect(err.message).toBe(
      "EDGE_ECS_NO_CLIENT_PATH at environments.dev.containers.services.web.carrierClients: the web service serves carrier clients, and the site gives it no carrier client address blocks (got true); fix: pass the carrier network's address blocks as carrierClients.cidrBlocks (a Wavelength site), or leave carrierClients off",
    );
  });
});

describe("EdgeContainers rules", () => {
  const build = (services: Record<string, unknown>, withEndpoint = true) => {
    const stack = testStack({ site: "region-hub" });
    const endpoint = withEndpoint ? siteEndpoint(stack) : undefined;
    return new EdgeContainers(stack, "containers", {
      vpcId: "vpc-1",
      subnets: AZ_SUBNETS,
      ...(endpoint ? { endpoint } : {}),
      config: config(services),
      configPath: "environments.prod.containers",
    });
  };

  it("fails a service behind the edge endpoint when the site gives none: EDGE_ECS_NO_CLIENT_PATH", () => {
    const err = configError(() => build({ web: { ...WEB, edgeEndpoint: true } }, false));
    expect(err.code).toBe("EDGE_ECS_NO_CLIENT_PATH");
    expect(err.message).toBe(
      "EDGE_ECS_NO_CLIENT_PATH at environments.prod.containers.services.web.edgeEndpoint: the web service serves internet clients through the site's edge endpoint, and the site gives it none (got true); fix: pass the site's EdgeEndpoint as endpoint, or leave edgeEndpoint off",
    );
  });

  it("fails awsvpc tasks behind the endpoint's instance target group: EDGE_ECS_TARGET_TYPE", () => {
    const err = configError(() => build({ web: { ...WEB, edgeEndpoint: true, networkMode: "awsvpc" } }));
    expect(err.code).toBe("EDGE_ECS_TARGET_TYPE");
    expect(err.message).toBe(
      `EDGE_ECS_TARGET_TYPE at environments.prod.containers.services.web.networkMode: awsvpc tasks register as ip targets (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_LoadBalancer.html ("If your service's task definition uses the awsvpc network mode, you must choose ip as the target type, not instance ... tasks that use the awsvpc network mode are associated with an elastic network interface, not an Amazon EC2 instance")), and the load balancer's target group takes instance targets (got "awsvpc"); fix: use networkMode "bridge", or a target group of target type ip`,
    );
  });

  it("fails a container port other than the endpoint's target port: EDGE_ECS_TARGET_PORT", () => {
    const err = configError(() => build({ web: { ...WEB, containerPort: 9000, edgeEndpoint: true } }));
    expect(err.code).toBe("EDGE_ECS_TARGET_PORT");
    expect(err.message).toBe(
      `EDGE_ECS_TARGET_PORT at environments.prod.containers.services.web.containerPort: the load balancer lets clients and health checks out to its target port tcp/8080 only, and the tasks register on their container port tcp/9000 (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_LoadBalancer.html (containerPort: "For tasks that use the EC2 launch type, the container instance they're launched on must allow ingress traffic on the hostPort of the port mapping")) (got 9000); fix: listen on 8080 (containerPort: 8080), or serve the service without the load balancer`,
    );
  });
});
