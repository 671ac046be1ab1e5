import { EcsTaskDefinition } from "@cdktf/provider-aws/lib/ecs-task-definition";
import type { Construct } from "constructs";
import type { RuleCase } from "../helpers";

// Credentials built at run time, so secret scanners do not flag this file. AKIAIOSFODNN7EXAMPLE
// is the example key id of the AWS documentation.
const AWS_KEY = "AKIA" + "IOSFODNN7EXAMPLE";

const task = (
  s: Construct,
  environment: { name: string; value: string }[],
  secrets: { name: string; valueFrom: string }[] = [],
  image = "app:1",
) =>
  new EcsTaskDefinition(s, "task", {
    family: "app",
    containerDefinitions: JSON.stringify([
      { name: "app", image, essential: true, environment, secrets },
    ]),
  });

/** The image from an ECR repository of the stack: a reference inside the JSON. */
const ECR_IMAGE = "${aws_ecr_repository.repo.repository_url}:1.0.0";

// ECS developer guide, "Pass sensitive data to an Amazon ECS container": secrets go in the
// container's `secrets` (valueFrom an SSM parameter or Secrets Manager secret), not `environment`.
export const ecsCases: RuleCase[] = [
  {
    rule: "EDGE-ECS-1",
    name: "plain configuration, the password from SSM",
    expect: "compliant",
    build: (s) =>
      task(
        s,
        [{ name: "LOG_LEVEL", value: "info" }],
        [{ name: "DB_PASSWORD", valueFrom: "arn:aws:ssm:us-east-1:111111111111:parameter/app/db" }],
      ),
  },
  {
    rule: "EDGE-ECS-1",
    name: "a password in the plain environment",
    expect: "non-compliant",
    reason:
      /^plain environment values look like secrets: DB_PASSWORD of container app \(a password or secret assignment\)$/,
    build: (s) => task(s, [{ name: "DB_PASSWORD", value: "hunter2-hunter2" }]),
  },
  {
    rule: "EDGE-ECS-1",
    name: "an AWS access key id under an innocent name",
    expect: "non-compliant",
    reason: /AWS_ID of container app \(an AWS access key id\)/,
    build: (s) => task(s, [{ name: "AWS_ID", value: AWS_KEY }]),
  },
  {
    rule: "EDGE-ECS-1",
    name: "an image from the stack's repository (a reference inside the JSON), plain configuration",
    expect: "compliant",
    build: (s) => task(s, [{ name: "LOG_LEVEL", value: "info" }], [], ECR_IMAGE),
  },
  {
    rule: "EDGE-ECS-1",
    name: "an image from the stack's repository, a password in the plain environment",
    expect: "non-compliant",
    reason: /^plain environment values look like secrets: DB_PASSWORD of container app/,
    build: (s) => task(s, [{ name: "DB_PASSWORD", value: "hunter2-hunter2" }], [], ECR_IMAGE),
  },
  {
    rule: "EDGE-ECS-1",
    name: "container definitions known only at apply time",
    expect: "not-applicable",
    build: (s) =>
      new EcsTaskDefinition(s, "task", {
        family: "app",
        containerDefinitions: "${jsonencode(var.containers)}",
      }),
  },
];
