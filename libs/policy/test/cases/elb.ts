import { Lb } from "@cdktf/provider-aws/lib/lb";
import { LbListener } from "@cdktf/provider-aws/lib/lb-listener";
import type { Construct } from "constructs";
import type { RuleCase } from "../helpers";

// aws_lb_listener (Terraform AWS provider): certificate_arn and ssl_policy are required for HTTPS
// and TLS listeners; a default_action of type "redirect" takes a redirect block whose protocol is
// HTTP, HTTPS or #{protocol}.
const CERT = "arn:aws:acm:us-east-1:111111111111:certificate/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d";
const TG = "arn:aws:elasticloadbalancing:us-east-1:111111111111:targetgroup/t/0123456789abcdef";
const lb = (s: Construct, type: "application" | "network", internal = false) =>
  new Lb(s, "lb", {
    name: "edge",
    loadBalancerType: type,
    internal,
    subnets: ["subnet-a", "subnet-b"],
  });
const forward = [{ type: "forward", targetGroupArn: TG }];

export const elbCases: RuleCase[] = [
  {
    rule: "EDGE-ELB-1",
    name: "HTTPS listener on an internet-facing ALB",
    expect: "compliant",
    build: (s) =>
      new LbListener(s, "https", {
        loadBalancerArn: lb(s, "application").arn,
        port: 443,
        protocol: "HTTPS",
        certificateArn: CERT,
        sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
        defaultAction: forward,
      }),
  },
  {
    rule: "EDGE-ELB-1",
    name: "TLS listener on an internet-facing NLB",
    expect: "compliant",
    build: (s) =>
      new LbListener(s, "tls", {
        loadBalancerArn: lb(s, "network").arn,
        port: 443,
        protocol: "TLS",
        certificateArn: CERT,
        sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
        defaultAction: forward,
      }),
  },
  {
    rule: "EDGE-ELB-1",
    name: "HTTP listener that redirects to HTTPS",
    expect: "compliant",
    build: (s) =>
      new LbListener(s, "http", {
        loadBalancerArn: lb(s, "application").arn,
        port: 80,
        protocol: "HTTP",
        defaultAction: [
          {
            type: "redirect",
            redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" },
          },
        ],
      }),
  },
  {
    rule: "EDGE-ELB-1",
    name: "HTTP listener on an internal ALB",
    expect: "compliant",
    build: (s) =>
      new LbListener(s, "http", {
        loadBalancerArn: lb(s, "application", true).arn,
        port: 80,
        protocol: "HTTP",
        defaultAction: forward,
      }),
  },
  {
    rule: "EDGE-ELB-1",
    name: "HTTP listener that forwards, on an internet-facing ALB",
    expect: "non-compliant",
    reason:
      /^the listener on port 8080 speaks plaintext HTTP to internet clients of aws_lb\.lb \(internal = false\) and does not redirect to HTTPS$/,
    build: (s) =>
      new LbListener(s, "http", {
        loadBalancerArn: lb(s, "application").arn,
        port: 8080,
        protocol: "HTTP",
        defaultAction: forward,
      }),
  },
  {
    rule: "EDGE-ELB-1",
    name: "listener without a protocol (HTTP) on an internet-facing ALB",
    expect: "non-compliant",
    build: (s) =>
      new LbListener(s, "http", {
        loadBalancerArn: lb(s, "application").arn,
        port: 80,
        defaultAction: forward,
      }),
  },
  {
    rule: "EDGE-ELB-1",
    name: "TCP listener on an internet-facing NLB",
    expect: "non-compliant",
    reason:
      /^the listener on port 8080 speaks plaintext TCP to internet clients of aws_lb\.lb \(internal = false\)$/,
    build: (s) =>
      new LbListener(s, "tcp", {
        loadBalancerArn: lb(s, "network").arn,
        port: 8080,
        protocol: "TCP",
        defaultAction: forward,
      }),
  },
  {
    rule: "EDGE-ELB-1",
    name: "listener of a load balancer another stack creates",
    expect: "not-applicable",
    build: (s) =>
      new LbListener(s, "http", {
        loadBalancerArn:
          "arn:aws:elasticloadbalancing:us-east-1:111111111111:loadbalancer/app/x/0123",
        port: 80,
        protocol: "HTTP",
        defaultAction: forward,
      }),
  },
];
