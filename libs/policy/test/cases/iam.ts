import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { IamPolicy } from "@cdktf/provider-aws/lib/iam-policy";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { SqsQueuePolicy } from "@cdktf/provider-aws/lib/sqs-queue-policy";
import { TerraformVariable } from "cdktf";
import { policy, type RuleCase } from "../helpers";

const trust = policy({
  Effect: "Allow",
  Principal: { Service: "ec2.amazonaws.com" },
  Action: "sts:AssumeRole",
});
const boundary = "arn:aws:iam::222222222222:policy/edge-blueprints-boundary";
const bucket = "arn:aws:s3:::edge-images/*";

export const iamCases: RuleCase[] = [
  // EDGE-IAM-1 Action "*"
  {
    rule: "EDGE-IAM-1",
    name: "listed actions",
    expect: "compliant",
    build: (s) =>
      new IamPolicy(s, "p", {
        policy: policy({ Effect: "Allow", Action: ["s3:GetObject"], Resource: bucket }),
      }),
  },
  {
    rule: "EDGE-IAM-1",
    name: 'Deny with "*"',
    expect: "compliant",
    build: (s) =>
      new IamPolicy(s, "p", { policy: policy({ Effect: "Deny", Action: "*", Resource: "*" }) }),
  },
  {
    rule: "EDGE-IAM-1",
    name: 'Action "*" in a managed policy',
    expect: "non-compliant",
    reason: /Statement\[0\] allows the action "\*"/,
    build: (s) =>
      new IamPolicy(s, "p", { policy: policy({ Effect: "Allow", Action: "*", Resource: bucket }) }),
  },
  {
    rule: "EDGE-IAM-1",
    name: "Allow with NotAction",
    expect: "non-compliant",
    reason: /NotAction/,
    build: (s) =>
      new IamPolicy(s, "p", {
        policy: policy({ Effect: "Allow", NotAction: "iam:*", Resource: "*" }),
      }),
  },
  {
    rule: "EDGE-IAM-1",
    name: '"*" in a policy document data source',
    expect: "non-compliant",
    reason: /statement\[0\]/,
    build: (s) =>
      new DataAwsIamPolicyDocument(s, "doc", { statement: [{ actions: ["*"], resources: ["*"] }] }),
  },
  // EDGE-IAM-2 Resource "*" for restrictable actions
  {
    rule: "EDGE-IAM-2",
    name: "object reads scoped to a bucket",
    expect: "compliant",
    build: (s) =>
      new IamRolePolicy(s, "p", {
        role: "r",
        policy: policy({ Effect: "Allow", Action: "s3:GetObject", Resource: bucket }),
      }),
  },
  {
    rule: "EDGE-IAM-2",
    name: 'Describe actions need "*"',
    expect: "compliant",
    build: (s) =>
      new IamRolePolicy(s, "p", {
        role: "r",
        policy: policy({
          Effect: "Allow",
          Action: ["ec2:DescribeInstances", "ec2:Describe*", "sts:GetCallerIdentity"],
          Resource: "*",
        }),
      }),
  },
  {
    rule: "EDGE-IAM-2",
    name: "tag condition scopes the statement",
    expect: "compliant",
    build: (s) =>
      new IamRolePolicy(s, "p", {
        role: "r",
        policy: policy({
          Effect: "Allow",
          Action: "ec2:StartInstances",
          Resource: "*",
          Condition: { StringEquals: { "aws:ResourceTag/site": "wavelength-bos" } },
        }),
      }),
  },
  {
    rule: "EDGE-IAM-2",
    name: "Route 53 changes on every zone",
    expect: "non-compliant",
    reason: /allows route53:ChangeResourceRecordSets on Resource "\*"/,
    build: (s) =>
      new IamRolePolicy(s, "p", {
        role: "r",
        policy: policy({
          Effect: "Allow",
          Action: ["route53:ChangeResourceRecordSets", "ec2:DescribeInstances"],
          Resource: "*",
        }),
      }),
  },
  {
    rule: "EDGE-IAM-2",
    name: "policy from a data source reference",
    expect: "not-applicable",
    address: "aws_iam_role_policy.p",
    build: (s) => {
      const doc = new DataAwsIamPolicyDocument(s, "doc", {
        statement: [{ actions: ["s3:GetObject"], resources: [bucket] }],
      });
      new IamRolePolicy(s, "p", { role: "r", policy: doc.json });
    },
  },
  {
    rule: "EDGE-IAM-2",
    name: "writes scoped to a log group of the stack (a reference is a specific ARN)",
    expect: "compliant",
    build: (s) => {
      const lg = new CloudwatchLogGroup(s, "lg", { name: "/edge/x", retentionInDays: 30 });
      new IamRolePolicy(s, "p", {
        role: "r",
        policy: policy({
          Effect: "Allow",
          Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
          Resource: [lg.arn, `${lg.arn}:*`],
        }),
      });
    },
  },
  {
    rule: "EDGE-IAM-2",
    name: 'resource from a variable (could be "*")',
    expect: "not-applicable",
    build: (s) =>
      new IamRolePolicy(s, "p", {
        role: "r",
        policy: policy({
          Effect: "Allow",
          Action: "s3:GetObject",
          Resource: new TerraformVariable(s, "arn", { type: "string" }).stringValue,
        }),
      }),
  },
  // EDGE-IAM-3 risky actions on every resource
  {
    rule: "EDGE-IAM-3",
    name: "log delivery scoped to a group",
    expect: "compliant",
    build: (s) =>
      new IamRolePolicy(s, "p", {
        role: "r",
        policy: policy({
          Effect: "Allow",
          Action: ["logs:PutLogEvents"],
          Resource: "arn:aws:logs:us-east-1:111111111111:log-group:x:*",
        }),
      }),
  },
  {
    rule: "EDGE-IAM-3",
    name: 'metrics need "*"',
    expect: "compliant",
    build: (s) =>
      new IamRolePolicy(s, "p", {
        role: "r",
        policy: policy({ Effect: "Allow", Action: ["cloudwatch:PutMetricData"], Resource: "*" }),
      }),
  },
  {
    rule: "EDGE-IAM-3",
    name: "iam:PassRole on every role",
    expect: "non-compliant",
    reason: /privilege escalation \(iam:PassRole\)/,
    build: (s) =>
      new IamPolicy(s, "p", {
        policy: policy({ Effect: "Allow", Action: "iam:PassRole", Resource: "*" }),
      }),
  },
  {
    rule: "EDGE-IAM-3",
    name: "every secret readable",
    expect: "non-compliant",
    reason: /data exfiltration \(secretsmanager:GetSecretValue\)/,
    build: (s) =>
      new IamPolicy(s, "p", {
        policy: policy({ Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: "*" }),
      }),
  },
  {
    rule: "EDGE-IAM-3",
    name: "bucket policies anywhere",
    expect: "non-compliant",
    reason: /permissions management \(s3:PutBucketPolicy\)/,
    build: (s) =>
      new IamPolicy(s, "p", {
        policy: policy({ Effect: "Allow", Action: "s3:PutBucketPolicy", Resource: "*" }),
      }),
  },
  {
    rule: "EDGE-IAM-3",
    name: "assume any role",
    expect: "non-compliant",
    reason: /credentials exposure \(sts:AssumeRole\)/,
    build: (s) =>
      new DataAwsIamPolicyDocument(s, "doc", {
        statement: [{ actions: ["sts:AssumeRole"], resources: ["*"] }],
      }),
  },
  {
    rule: "EDGE-IAM-3",
    name: "terminate any instance",
    expect: "non-compliant",
    reason: /write access \(ec2:TerminateInstances\)/,
    build: (s) =>
      new IamPolicy(s, "p", {
        policy: policy({ Effect: "Allow", Action: "ec2:TerminateInstances", Resource: "*" }),
      }),
  },
  // EDGE-IAM-4 boundary when the environment declares one
  {
    rule: "EDGE-IAM-4",
    name: "role with the boundary",
    expect: "compliant",
    context: { permissionsBoundaryArn: boundary },
    build: (s) => new IamRole(s, "r", { assumeRolePolicy: trust, permissionsBoundary: boundary }),
  },
  {
    rule: "EDGE-IAM-4",
    name: "role without a boundary",
    expect: "non-compliant",
    reason: /no permissions_boundary/,
    context: { permissionsBoundaryArn: boundary },
    build: (s) => new IamRole(s, "r", { assumeRolePolicy: trust }),
  },
  {
    rule: "EDGE-IAM-4",
    name: "environment without a boundary",
    expect: "not-applicable",
    build: (s) => new IamRole(s, "r", { assumeRolePolicy: trust }),
  },
  // EDGE-IAM-5 environment without a boundary (warning)
  {
    rule: "EDGE-IAM-5",
    name: "environment declares a boundary",
    expect: "compliant",
    context: { permissionsBoundaryArn: boundary },
    build: (s) => new IamRole(s, "r", { assumeRolePolicy: trust, permissionsBoundary: boundary }),
  },
  {
    rule: "EDGE-IAM-5",
    name: "role in an environment without a boundary",
    expect: "non-compliant",
    reason: /declares no permissions boundary/,
    build: (s) => new IamRole(s, "r", { assumeRolePolicy: trust }),
  },
  // EDGE-IAM-6 public trust
  {
    rule: "EDGE-IAM-6",
    name: "service principal",
    expect: "compliant",
    build: (s) => new IamRole(s, "r", { assumeRolePolicy: trust }),
  },
  {
    rule: "EDGE-IAM-6",
    name: "anyone, narrowed by an organization condition",
    expect: "compliant",
    build: (s) =>
      new IamRole(s, "r", {
        assumeRolePolicy: policy({
          Effect: "Allow",
          Principal: { AWS: "*" },
          Action: "sts:AssumeRole",
          Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc123" } },
        }),
      }),
  },
  {
    rule: "EDGE-IAM-6",
    name: "anyone may assume",
    expect: "non-compliant",
    reason: /principal "\*"/,
    build: (s) =>
      new IamRole(s, "r", {
        assumeRolePolicy: policy({
          Effect: "Allow",
          Principal: { AWS: "*" },
          Action: "sts:AssumeRole",
        }),
      }),
  },
  {
    rule: "EDGE-IAM-6",
    name: "public resource policy document",
    expect: "non-compliant",
    build: (s) =>
      new DataAwsIamPolicyDocument(s, "doc", {
        statement: [
          {
            actions: ["sqs:SendMessage"],
            resources: ["*"],
            principals: [{ type: "*", identifiers: ["*"] }],
          },
        ],
      }),
  },
  {
    rule: "EDGE-IAM-6",
    name: "dead-letter queue policy for EventBridge of this account",
    expect: "compliant",
    build: (s) =>
      new SqsQueuePolicy(s, "qp", {
        queueUrl: "https://sqs.us-east-1.amazonaws.com/111111111111/dlq",
        policy: policy({
          Effect: "Allow",
          Principal: { Service: "events.amazonaws.com" },
          Action: "sqs:SendMessage",
          Resource: "arn:aws:sqs:us-east-1:111111111111:dlq",
          Condition: {
            ArnEquals: { "aws:SourceArn": "arn:aws:events:us-east-1:111111111111:rule/x" },
          },
        }),
      }),
  },
  {
    rule: "EDGE-IAM-6",
    name: "queue anyone may write to",
    expect: "non-compliant",
    reason: /policy Statement\[0\] allows principal "\*"/,
    build: (s) =>
      new SqsQueuePolicy(s, "qp", {
        queueUrl: "https://sqs.us-east-1.amazonaws.com/111111111111/dlq",
        policy: policy({
          Effect: "Allow",
          Principal: "*",
          Action: "sqs:SendMessage",
          Resource: "*",
        }),
      }),
  },
  // EDGE-IAM-7 AdministratorAccess
  {
    rule: "EDGE-IAM-7",
    name: "read-only policy",
    expect: "compliant",
    build: (s) =>
      new IamRolePolicyAttachment(s, "a", {
        role: "r",
        policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess",
      }),
  },
  {
    rule: "EDGE-IAM-7",
    name: "AdministratorAccess attached",
    expect: "non-compliant",
    build: (s) =>
      new IamRolePolicyAttachment(s, "a", {
        role: "r",
        policyArn: "arn:aws:iam::aws:policy/AdministratorAccess",
      }),
  },
];
