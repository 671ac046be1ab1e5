/**
 * A plain cdktf app of the same size as the repository's synth: N stacks (provider and S3
 * backend) of R resources each, from deep imports, with references between them (a VPC, its
 * subnets, route tables, security groups and rules, an IAM role and alarms). What a
 * hand-written compiled cdktf program of this size costs, without this repository's libraries.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { RouteTable } from "@cdktf/provider-aws/lib/route-table";
import { RouteTableAssociation } from "@cdktf/provider-aws/lib/route-table-association";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { App, S3Backend, TerraformOutput, TerraformStack } from "cdktf";

const stacks = Number(process.env.EDGE_BENCH_STACKS ?? "1");
const resources = Number(process.env.EDGE_BENCH_RESOURCES ?? "45");
const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "edge-reference-"));

/** The resources after the VPC, in a fixed rotation, each referring to earlier ones. */
function fill(stack: TerraformStack, count: number): void {
  const vpc = new Vpc(stack, "vpc", {
    cidrBlock: "10.0.0.0/16",
    tags: { Name: `${stack.node.id}-vpc` },
  });
  const role = new IamRole(stack, "role", {
    name: `${stack.node.id}-role`,
    assumeRolePolicy: JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        { Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" },
      ],
    }),
  });
  new TerraformOutput(stack, "vpc_id", { value: vpc.id });
  let made = 2;
  for (let i = 0; made < count; i++) {
    const subnet = new Subnet(stack, `subnet-${i}`, {
      vpcId: vpc.id,
      cidrBlock: `10.0.${i}.0/24`,
      tags: { Name: `${stack.node.id}-${i}` },
    });
    const table = new RouteTable(stack, `rt-${i}`, { vpcId: vpc.id });
    new RouteTableAssociation(stack, `rta-${i}`, { subnetId: subnet.id, routeTableId: table.id });
    const sg = new SecurityGroup(stack, `sg-${i}`, {
      vpcId: vpc.id,
      name: `${stack.node.id}-${i}`,
      description: "bench",
    });
    new VpcSecurityGroupIngressRule(stack, `in-${i}`, {
      securityGroupId: sg.id,
      cidrIpv4: vpc.cidrBlock,
      ipProtocol: "tcp",
      fromPort: 443,
      toPort: 443,
    });
    new CloudwatchMetricAlarm(stack, `alarm-${i}`, {
      alarmName: `${stack.node.id}-${i}`,
      namespace: "AWS/EC2",
      metricName: "StatusCheckFailed",
      comparisonOperator: "GreaterThanThreshold",
      evaluationPeriods: 2,
      threshold: 0,
      period: 60,
      statistic: "Maximum",
      alarmActions: [role.arn],
    });
    made += 6;
  }
}

try {
  const app = new App({ outdir });
  for (let i = 0; i < stacks; i++) {
    const stack = new TerraformStack(app, `reference-${i}`);
    new AwsProvider(stack, "aws", { region: "us-east-1" });
    new S3Backend(stack, {
      bucket: "bench-state",
      key: `reference-${i}/terraform.tfstate`,
      region: "us-east-1",
    });
    fill(stack, resources);
  }
  app.synth();
} finally {
  fs.rmSync(outdir, { recursive: true, force: true });
}
