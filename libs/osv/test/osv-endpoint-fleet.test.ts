import { configError, resourcesOf, synthJson, testStack } from "@edge/core/testing";
import { osvFleetBehindEndpoint, type OsvEndpointFleetProps } from "../src";
import { AZ_SUBNETS, IMAGE } from "./fixtures";

/** An endpoint as EdgeEndpoint offers it: its security group, target group and egress seam. */
function fakeEndpoint() {
  const connected: string[] = [];
  return {
    securityGroupId: "sg-0lb",
    targetGroupArn:
      "arn:aws:elasticloadbalancing:us-east-1:111111111111:targetgroup/osv/0123456789abcdef",
    connectTargets: (id: string) => void connected.push(id),
    connected,
  };
}

function build(props: Partial<OsvEndpointFleetProps> = {}) {
  const stack = testStack({ site: "region-hub" });
  const endpoint = fakeEndpoint();
  const made = osvFleetBehindEndpoint(stack, "osv", {
    endpoint,
    vpcId: "vpc-0hub",
    appPort: 8080,
    image: IMAGE,
    instanceType: "c5.large",
    subnets: AZ_SUBNETS,
    minSize: 1,
    maxSize: 2,
    configPath: "environments.dev.osv",
    ...props,
  });
  return { stack, endpoint, ...made };
}

describe("osvFleetBehindEndpoint", () => {
  it("opens the application port to the endpoint's security group only, under <id>-hosts", () => {
    const { stack } = build();
    const json = synthJson(stack);
    const ingress = resourcesOf(json, "aws_vpc_security_group_ingress_rule");
    expect(Object.keys(ingress)).toEqual(["osv-hosts_app-ingress-sg-0"]);
    expect(ingress["osv-hosts_app-ingress-sg-0"]).toMatchObject({
      from_port: 8080,
      to_port: 8080,
      ip_protocol: "tcp",
      referenced_security_group_id: "sg-0lb",
    });
  });

  it("connects the endpoint to the hosts' security group", () => {
    const { stack, endpoint, hosts } = build();
    expect(endpoint.connected).toEqual([hosts.securityGroupId]);
    expect(stack.node.tryFindChild("osv-hosts")).toBe(hosts);
  });

  it("registers the fleet (<id>) in the endpoint's target group with ELB health checks", () => {
    const { stack, endpoint } = build();
    const group = resourcesOf(synthJson(stack), "aws_autoscaling_group").osv_group;
    expect(group.target_group_arns).toEqual([endpoint.targetGroupArn]);
    // "ELB": the group replaces hosts the target group reports unhealthy (Amazon EC2 Auto
    // Scaling User Guide, "Health checks for instances in an Auto Scaling group").
    expect(group.health_check_type).toBe("ELB");
    expect(group.vpc_zone_identifier).toEqual(["subnet-a", "subnet-b"]);
  });

  it("opens SSH only from the given Instance Connect Endpoint group", () => {
    const { stack, hosts } = build({ sshSourceSecurityGroupId: "sg-0eice" });
    expect(hosts.sshIngressRule).toBeDefined();
    const ssh = resourcesOf(synthJson(stack), "aws_vpc_security_group_ingress_rule")[
      "osv-hosts_ssh-ingress"
    ];
    expect(ssh).toMatchObject({
      from_port: 22,
      to_port: 22,
      referenced_security_group_id: "sg-0eice",
    });
  });

  it("reports a bad application port at the site's osv path", () => {
    const err = configError(() => build({ appPort: 70000 }));
    expect(err.code).toBe("EDGE_CONFIG_VALUE");
    expect(err.path).toBe("environments.dev.osv.appPort");
  });
});
