/**
 * The IAM documents of the OSv image pipeline and hosts, as plain objects so tests can read
 * them. No statement allows the action "*", and every action that takes a resource ARN is
 * scoped to one.
 */

import { partitionOf, policyDocument, type PolicyDocument, type PolicyStatement } from "@edge/core";

/**
 * Trust policy of the VM Import/Export service role: `vmie.amazonaws.com` with the external id
 * `vmimport`, and the guide's confused-deputy keys so only imports of `account` assume it
 * (VM Import/Export User Guide, "Required service role": "VM Import/Export will publish the
 * SourceAccount and SourceArn keys", example `arn:aws:vmie:*:111122223333:*`).
 */
export function vmImportTrustPolicy(options: { account: string; region: string }): PolicyDocument {
  return policyDocument([
    {
      Effect: "Allow",
      Principal: { Service: "vmie.amazonaws.com" },
      Action: "sts:AssumeRole",
      Condition: {
        StringEquals: { "sts:ExternalId": "vmimport", "aws:SourceAccount": options.account },
        ArnLike: { "aws:SourceArn": `arn:${partitionOf(options.region)}:vmie:*:${options.account}:*` },
      },
    },
  ]);
}

/**
 * Permissions of the VM Import/Export service role for one snapshot import: read that one object
 * (and locate and list its bucket), handle the snapshot the import produces, and use the
 * snapshot's KMS key when one is given. The guide's example role also allows
 * `ec2:RegisterImage` (this stack registers the AMI itself) and `ec2:Describe*` (narrowed here
 * to the two describe calls of a snapshot import); both are left out.
 */
export function vmImportPolicy(options: {
  bucket: string;
  key: string;
  region: string;
  kmsKeyArn?: string;
}): PolicyDocument {
  const p = partitionOf(options.region);
  const statements: PolicyStatement[] = [
    {
      Sid: "LocateImageBucket",
      Effect: "Allow",
      Action: ["s3:GetBucketLocation", "s3:ListBucket"],
      Resource: `arn:${p}:s3:::${options.bucket}`,
    },
    {
      Sid: "ReadImage",
      Effect: "Allow",
      Action: ["s3:GetObject"],
      Resource: `arn:${p}:s3:::${options.bucket}/${options.key}`,
    },
    {
      Sid: "HandleImportedSnapshot",
      Effect: "Allow",
      Action: ["ec2:CopySnapshot", "ec2:ModifySnapshotAttribute"],
      // Snapshot ARNs carry no account id: arn:aws:ec2:<region>::snapshot/<id>.
      Resource: `arn:${p}:ec2:${options.region}::snapshot/*`,
    },
    {
      Sid: "DescribeImport",
      Effect: "Allow",
      // Describe calls have no resource-level permissions.
      Action: ["ec2:DescribeImportSnapshotTasks", "ec2:DescribeSnapshots"],
      Resource: "*",
    },
  ];
  if (options.kmsKeyArn !== undefined) {
    statements.push({
      Sid: "UseSnapshotKey",
      Effect: "Allow",
      // The guide's KMS statement, with GenerateDataKey* and ReEncrypt* spelled out.
      Action: [
        "kms:CreateGrant",
        "kms:Decrypt",
        "kms:DescribeKey",
        "kms:Encrypt",
        "kms:GenerateDataKey",
        "kms:GenerateDataKeyWithoutPlaintext",
        "kms:ReEncryptFrom",
        "kms:ReEncryptTo",
      ],
      Resource: options.kmsKeyArn,
    });
  }
  return policyDocument(statements);
}

/** Trust policy of the hosts' role: EC2 instances. */
export function hostTrustPolicy(): PolicyDocument {
  return policyDocument([
    { Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" },
  ]);
}

/** What a host may read and write. */
export interface HostAccess {
  readonly region: string;
  readonly account: string;
  /** Bucket and key prefix of the fleet's configuration objects. */
  readonly config?: { readonly bucket: string; readonly prefix: string };
  /** Secrets Manager name prefix (ending in `/`) of the fleet's secrets. */
  readonly secretPathPrefix?: string;
  /** Customer managed key of those secrets. */
  readonly secretKmsKeyArn?: string;
  /** CloudWatch namespace the hosts publish metrics to. */
  readonly metricNamespace: string;
}

/**
 * Least-privilege permissions of the hosts: `s3:GetObject` under the config prefix,
 * `secretsmanager:GetSecretValue` under the secret path (secret ARNs end in `-` and six random
 * characters, hence the trailing wildcard), `kms:Decrypt` of the secrets' key only through
 * Secrets Manager, and `cloudwatch:PutMetricData` only into the fleet's namespace (PutMetricData
 * has no resource-level permissions; the `cloudwatch:namespace` condition key limits it).
 */
export function hostPolicy(access: HostAccess): PolicyDocument {
  const p = partitionOf(access.region);
  const statements: PolicyStatement[] = [];
  if (access.config) {
    statements.push({
      Sid: "ReadConfig",
      Effect: "Allow",
      Action: ["s3:GetObject"],
      Resource: `arn:${p}:s3:::${access.config.bucket}/${access.config.prefix}*`,
    });
  }
  if (access.secretPathPrefix !== undefined) {
    statements.push({
      Sid: "ReadSecrets",
      Effect: "Allow",
      Action: ["secretsmanager:GetSecretValue"],
      Resource: `arn:${p}:secretsmanager:${access.region}:${access.account}:secret:${access.secretPathPrefix}*`,
    });
    if (access.secretKmsKeyArn !== undefined) {
      statements.push({
        Sid: "DecryptSecrets",
        Effect: "Allow",
        Action: ["kms:Decrypt"],
        Resource: access.secretKmsKeyArn,
        Condition: {
          StringEquals: { "kms:ViaService": `secretsmanager.${access.region}.amazonaws.com` },
        },
      });
    }
  }
  statements.push({
    Sid: "PublishMetrics",
    Effect: "Allow",
    Action: ["cloudwatch:PutMetricData"],
    Resource: "*",
    Condition: { StringEquals: { "cloudwatch:namespace": access.metricNamespace } },
  });
  return policyDocument(statements);
}
