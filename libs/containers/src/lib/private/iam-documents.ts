/**
 * The IAM documents of container instances and tasks, as plain objects so tests can read them.
 * Every action that takes a resource ARN is scoped to one; the actions listed as working on
 * "*" only are those the Service Authorization Reference lists without resource types.
 */

import { partitionOf, policyDocument, type PolicyDocument, type PolicyStatement } from "@edge/core";

/** Trust policy for `service` (`ec2.amazonaws.com`, `ecs-tasks.amazonaws.com`) of this account. */
export function trustPolicy(service: string, account: string): PolicyDocument {
  return policyDocument([
    {
      Effect: "Allow",
      Principal: { Service: service },
      Action: "sts:AssumeRole",
      // ECS task roles: only tasks of this account (ECS developer guide, task IAM role,
      // "confused deputy" condition); harmless for EC2.
      ...(service === "ecs-tasks.amazonaws.com"
        ? { Condition: { StringEquals: { "aws:SourceAccount": account } } }
        : {}),
    },
  ]);
}

interface Where {
  readonly region: string;
  readonly account: string;
}

/**
 * What the ECS container agent calls on the instance's role, scoped to the one cluster: register
 * and deregister the instance, poll for work, report state and telemetry. The actions are those
 * of the AmazonEC2ContainerServiceforEC2Role managed policy less cluster creation and image
 * pulls (the tasks' execution role pulls). `ecs:DiscoverPollEndpoint` has no resource type.
 */
export function containerInstancePolicy(w: Where & { readonly cluster: string }): PolicyDocument {
  const p = partitionOf(w.region);
  const clusterArn = `arn:${p}:ecs:${w.region}:${w.account}:cluster/${w.cluster}`;
  const instances = `arn:${p}:ecs:${w.region}:${w.account}:container-instance/${w.cluster}/*`;
  return policyDocument([
    {
      Sid: "RegisterWithTheCluster",
      Effect: "Allow",
      Action: [
        "ecs:RegisterContainerInstance",
        "ecs:DeregisterContainerInstance",
        "ecs:SubmitAttachmentStateChanges",
        "ecs:SubmitContainerStateChange",
        "ecs:SubmitTaskStateChange",
      ],
      Resource: clusterArn,
    },
    {
      Sid: "WorkAsAContainerInstance",
      Effect: "Allow",
      Action: ["ecs:Poll", "ecs:StartTelemetrySession", "ecs:UpdateContainerInstancesState"],
      Resource: instances,
    },
    {
      Sid: "FindThePollEndpoint",
      Effect: "Allow",
      Action: "ecs:DiscoverPollEndpoint",
      Resource: "*",
    },
  ]);
}

/**
 * The tasks' execution role: pull the service's images from its ECR repositories, write its log
 * streams, and read the secrets it names (SSM parameters under a path, Secrets Manager secrets
 * under a prefix, their KMS key through those services only). ECS passes the values to the
 * containers as environment variables at start; they never appear in the task definition.
 */
export function executionPolicy(
  w: Where & {
    readonly repositoryArns: readonly string[];
    readonly logGroupArn: string;
    readonly parameterArns: readonly string[];
    readonly secretArns: readonly string[];
    readonly secretKmsKeyArn?: string;
  },
): PolicyDocument {
  const statements: PolicyStatement[] = [
    // ecr:GetAuthorizationToken has no resource type.
    { Sid: "EcrLogin", Effect: "Allow", Action: "ecr:GetAuthorizationToken", Resource: "*" },
    {
      Sid: "WriteLogs",
      Effect: "Allow",
      Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
      Resource: `${w.logGroupArn}:*`,
    },
  ];
  if (w.repositoryArns.length > 0) {
    statements.push({
      Sid: "PullImages",
      Effect: "Allow",
      Action: [
        "ecr:BatchCheckLayerAvailability",
        "ecr:GetDownloadUrlForLayer",
        "ecr:BatchGetImage",
      ],
      Resource: [...w.repositoryArns],
    });
  }
  if (w.parameterArns.length > 0) {
    statements.push({
      Sid: "ReadParameters",
      Effect: "Allow",
      Action: "ssm:GetParameters",
      Resource: [...w.parameterArns],
    });
  }
  if (w.secretArns.length > 0) {
    statements.push({
      Sid: "ReadSecrets",
      Effect: "Allow",
      Action: "secretsmanager:GetSecretValue",
      Resource: [...w.secretArns],
    });
  }
  if (w.secretKmsKeyArn !== undefined && (w.parameterArns.length > 0 || w.secretArns.length > 0)) {
    statements.push({
      Sid: "DecryptSecrets",
      Effect: "Allow",
      Action: "kms:Decrypt",
      Resource: w.secretKmsKeyArn,
      Condition: {
        StringEquals: {
          "kms:ViaService": [
            ...(w.parameterArns.length > 0 ? [`ssm.${w.region}.amazonaws.com`] : []),
            ...(w.secretArns.length > 0 ? [`secretsmanager.${w.region}.amazonaws.com`] : []),
          ],
        },
      },
    });
  }
  return policyDocument(statements);
}
