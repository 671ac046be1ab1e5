import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { SecurityGroupRule } from "@cdktf/provider-aws/lib/security-group-rule";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { TerraformVariable } from "cdktf";
import type { RuleCase } from "../helpers";

const sg = "sg-0123456789abcdef0";

export const securityGroupCases: RuleCase[] = [
  // EDGE-SG-1 descriptions
  {
    rule: "EDGE-SG-1",
    name: "group and rules described",
    expect: "compliant",
    build: (s) =>
      new SecurityGroup(s, "sg", {
        description: "OSv hosts",
        ingress: [
          {
            protocol: "tcp",
            fromPort: 8080,
            toPort: 8080,
            cidrBlocks: ["10.0.0.0/8"],
            description: "app from the VPC",
          },
        ],
      }),
  },
  {
    rule: "EDGE-SG-1",
    name: "group without a description",
    expect: "non-compliant",
    reason: /the group/,
    build: (s) => new SecurityGroup(s, "sg", {}),
  },
  {
    rule: "EDGE-SG-1",
    name: "rule resource without a description",
    expect: "non-compliant",
    reason: /no description on ingress/,
    build: (s) =>
      new VpcSecurityGroupIngressRule(s, "rule", {
        securityGroupId: sg,
        ipProtocol: "tcp",
        fromPort: 443,
        toPort: 443,
        cidrIpv4: "10.0.0.0/8",
      }),
  },
  // EDGE-SG-2 SSH / RDP from anywhere
  {
    rule: "EDGE-SG-2",
    name: "SSH from the VPC only",
    expect: "compliant",
    build: (s) =>
      new SecurityGroupRule(s, "ssh", {
        type: "ingress",
        securityGroupId: sg,
        protocol: "tcp",
        fromPort: 22,
        toPort: 22,
        cidrBlocks: ["10.0.0.0/16"],
        description: "ssh",
      }),
  },
  {
    rule: "EDGE-SG-2",
    name: "SSH from anywhere",
    expect: "non-compliant",
    reason: /ingress\[0\] \(tcp\/22\) opens SSH or RDP/,
    build: (s) =>
      new SecurityGroup(s, "sg", {
        description: "x",
        ingress: [
          {
            protocol: "tcp",
            fromPort: 22,
            toPort: 22,
            cidrBlocks: ["0.0.0.0/0"],
            description: "ssh",
          },
        ],
      }),
  },
  {
    rule: "EDGE-SG-2",
    name: "RDP from any IPv6 address",
    expect: "non-compliant",
    build: (s) =>
      new VpcSecurityGroupIngressRule(s, "rdp", {
        securityGroupId: sg,
        ipProtocol: "tcp",
        fromPort: 3389,
        toPort: 3389,
        cidrIpv6: "::/0",
        description: "rdp",
      }),
  },
  {
    rule: "EDGE-SG-2",
    name: "SSH from a CIDR only known at apply time",
    expect: "not-applicable",
    build: (s) =>
      new VpcSecurityGroupIngressRule(s, "ssh", {
        securityGroupId: sg,
        ipProtocol: "tcp",
        fromPort: 22,
        toPort: 22,
        cidrIpv4: new TerraformVariable(s, "admin-cidr", { type: "string" }).stringValue,
        description: "ssh",
      }),
  },
  // EDGE-SG-3 all ports from anywhere
  {
    rule: "EDGE-SG-3",
    name: "HTTPS from anywhere is not all ports",
    expect: "compliant",
    build: (s) =>
      new VpcSecurityGroupIngressRule(s, "https", {
        securityGroupId: sg,
        ipProtocol: "tcp",
        fromPort: 443,
        toPort: 443,
        cidrIpv4: "0.0.0.0/0",
        description: "https",
      }),
  },
  {
    rule: "EDGE-SG-3",
    name: "all traffic from anywhere",
    expect: "non-compliant",
    reason: /all traffic/,
    build: (s) =>
      new SecurityGroupRule(s, "all", {
        type: "ingress",
        securityGroupId: sg,
        protocol: "-1",
        fromPort: 0,
        toPort: 0,
        cidrBlocks: ["0.0.0.0/0"],
        description: "all",
      }),
  },
  // EDGE-SG-4 other public ports (warning)
  {
    rule: "EDGE-SG-4",
    name: "HTTPS from the corporate network",
    expect: "compliant",
    build: (s) =>
      new VpcSecurityGroupIngressRule(s, "https", {
        securityGroupId: sg,
        ipProtocol: "tcp",
        fromPort: 443,
        toPort: 443,
        cidrIpv4: "192.0.2.0/24",
        description: "https",
      }),
  },
  {
    rule: "EDGE-SG-4",
    name: "HTTPS from anywhere",
    expect: "non-compliant",
    reason: /tcp\/443/,
    build: (s) =>
      new VpcSecurityGroupIngressRule(s, "https", {
        securityGroupId: sg,
        ipProtocol: "tcp",
        fromPort: 443,
        toPort: 443,
        cidrIpv4: "0.0.0.0/0",
        description: "https",
      }),
  },
  // EDGE-SG-5 open egress
  {
    rule: "EDGE-SG-5",
    name: "HTTPS egress to anywhere",
    expect: "compliant",
    build: (s) =>
      new VpcSecurityGroupEgressRule(s, "https", {
        securityGroupId: sg,
        ipProtocol: "tcp",
        fromPort: 443,
        toPort: 443,
        cidrIpv4: "0.0.0.0/0",
        description: "AWS APIs",
      }),
  },
  {
    rule: "EDGE-SG-5",
    name: "group without egress (Terraform removes the default)",
    expect: "compliant",
    build: (s) => new SecurityGroup(s, "sg", { description: "x" }),
  },
  {
    rule: "EDGE-SG-5",
    name: "all traffic to anywhere",
    expect: "non-compliant",
    reason: /egress \(all traffic\)/,
    build: (s) =>
      new VpcSecurityGroupEgressRule(s, "all", {
        securityGroupId: sg,
        ipProtocol: "-1",
        cidrIpv4: "0.0.0.0/0",
        description: "everything",
      }),
  },
  {
    rule: "EDGE-SG-5",
    name: "every TCP port to anywhere, inline",
    expect: "non-compliant",
    build: (s) =>
      new SecurityGroup(s, "sg", {
        description: "x",
        egress: [
          {
            protocol: "tcp",
            fromPort: 0,
            toPort: 65535,
            cidrBlocks: ["0.0.0.0/0"],
            description: "tcp",
          },
        ],
      }),
  },
];
