import { DefaultSecurityGroup } from "@cdktf/provider-aws/lib/default-security-group";
import { FlowLog } from "@cdktf/provider-aws/lib/flow-log";
import { SecurityGroupRule } from "@cdktf/provider-aws/lib/security-group-rule";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import type { Construct } from "constructs";
import type { RuleCase } from "../helpers";

const vpc = (s: Construct) => new Vpc(s, "vpc", { cidrBlock: "10.0.0.0/16" });

export const vpcCases: RuleCase[] = [
  // EDGE-VPC-1 flow logs
  {
    rule: "EDGE-VPC-1",
    name: "VPC with a flow log",
    expect: "compliant",
    build: (s) =>
      new FlowLog(s, "flow-log", {
        vpcId: vpc(s).id,
        trafficType: "ALL",
        logDestination: "arn:aws:logs:us-east-1:111111111111:log-group:x",
        iamRoleArn: "arn:aws:iam::111111111111:role/x",
      }),
  },
  {
    rule: "EDGE-VPC-1",
    name: "VPC without a flow log",
    expect: "non-compliant",
    reason: /no aws_flow_log refers to this VPC/,
    build: (s) => vpc(s),
  },
  {
    rule: "EDGE-VPC-1",
    name: "flow log of another VPC only",
    expect: "non-compliant",
    address: "aws_vpc.other",
    build: (s) => {
      new FlowLog(s, "flow-log", { vpcId: vpc(s).id, trafficType: "ALL" });
      new Vpc(s, "other", { cidrBlock: "10.1.0.0/16" });
    },
  },
  {
    rule: "EDGE-VPC-1",
    name: "a stack that creates no VPC",
    expect: "none",
    build: (s) => new Subnet(s, "subnet", { vpcId: "vpc-0123", cidrBlock: "10.0.0.0/24" }),
  },
  // EDGE-VPC-2 default security group
  {
    rule: "EDGE-VPC-2",
    name: "default group adopted with no rules",
    expect: "compliant",
    build: (s) =>
      new DefaultSecurityGroup(s, "default-sg", { vpcId: vpc(s).id, ingress: [], egress: [] }),
  },
  {
    rule: "EDGE-VPC-2",
    name: "default group left as AWS made it",
    expect: "non-compliant",
    reason: /not adopted/,
    build: (s) => vpc(s),
  },
  {
    rule: "EDGE-VPC-2",
    name: "default group adopted with an ingress rule",
    expect: "non-compliant",
    reason: /1 ingress rule/,
    build: (s) =>
      new DefaultSecurityGroup(s, "default-sg", {
        vpcId: vpc(s).id,
        ingress: [
          { protocol: "-1", fromPort: 0, toPort: 0, selfAttribute: true, description: "members" },
        ],
      }),
  },
  {
    rule: "EDGE-VPC-2",
    name: "rule resource added to the default group",
    expect: "non-compliant",
    reason: /aws_security_group_rule.extra adds a rule/,
    build: (s) => {
      const v = vpc(s);
      new DefaultSecurityGroup(s, "default-sg", { vpcId: v.id });
      new SecurityGroupRule(s, "extra", {
        type: "ingress",
        securityGroupId: v.defaultSecurityGroupId,
        protocol: "tcp",
        fromPort: 443,
        toPort: 443,
        cidrBlocks: ["10.0.0.0/8"],
      });
    },
  },
  // EDGE-VPC-3 subnets
  {
    rule: "EDGE-VPC-3",
    name: "private subnet",
    expect: "compliant",
    build: (s) =>
      new Subnet(s, "subnet", {
        vpcId: "vpc-0123",
        cidrBlock: "10.0.0.0/24",
        mapPublicIpOnLaunch: false,
      }),
  },
  {
    rule: "EDGE-VPC-3",
    name: "Outpost subnet with customer-owned IPs (by design)",
    expect: "compliant",
    build: (s) =>
      new Subnet(s, "subnet", {
        vpcId: "vpc-0123",
        cidrBlock: "10.0.0.0/24",
        outpostArn: "arn:aws:outposts:us-east-1:111111111111:outpost/op-0123456789abcdef0",
        mapCustomerOwnedIpOnLaunch: true,
        customerOwnedIpv4Pool: "ipv4pool-coip-0123456789abcdef0",
      }),
  },
  {
    rule: "EDGE-VPC-3",
    name: "subnet that maps public IPs",
    expect: "non-compliant",
    build: (s) =>
      new Subnet(s, "subnet", {
        vpcId: "vpc-0123",
        cidrBlock: "10.0.0.0/24",
        mapPublicIpOnLaunch: true,
      }),
  },
];
