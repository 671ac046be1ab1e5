import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { Construct } from "constructs";

/** Props of {@link StateBucket}. */
export interface StateBucketProps {
  /** Bucket name: the S3 backend's `bucket`. */
  readonly bucket: string;
  /** KMS key for SSE-KMS (the backend's `kmsKeyId`). @default SSE-S3 (AES256) */
  readonly kmsKeyId?: string;
}

/**
 * The S3 bucket that holds an environment's Terraform state, created once before any stack of
 * that environment (`npm run bootstrap -- --env=<env>`):
 * - versioning on: "It is highly recommended that you enable Bucket Versioning on the S3 bucket
 *   to allow for state recovery" (Terraform, S3 backend,
 *   https://developer.hashicorp.com/terraform/language/backend/s3);
 * - default encryption, SSE-S3 or SSE-KMS with the backend's key (Terraform AWS provider,
 *   `aws_s3_bucket_server_side_encryption_configuration`);
 * - all four Block Public Access settings (AWS S3 User Guide, "Blocking public access to your
 *   Amazon S3 storage"; provider `aws_s3_bucket_public_access_block`);
 * - object ownership `BucketOwnerEnforced` (ACLs off) and a bucket policy that denies requests
 *   without TLS (`aws:SecureTransport`, AWS S3 User Guide, "Enforce encryption of data in
 *   transit");
 * - `prevent_destroy`: losing the bucket loses every stack's state.
 */
export class StateBucket extends Construct {
  readonly bucket: S3Bucket;

  constructor(scope: Construct, id: string, props: StateBucketProps) {
    super(scope, id);
    this.bucket = new S3Bucket(this, "bucket", { bucket: props.bucket, lifecycle: { preventDestroy: true } });
    const bucket = this.bucket.id;
    new S3BucketVersioningA(this, "versioning", { bucket, versioningConfiguration: { status: "Enabled" } });
    new S3BucketServerSideEncryptionConfigurationA(this, "encryption", {
      bucket,
      rule: [
        {
          applyServerSideEncryptionByDefault: props.kmsKeyId
            ? { sseAlgorithm: "aws:kms", kmsMasterKeyId: props.kmsKeyId }
            : { sseAlgorithm: "AES256" },
          bucketKeyEnabled: props.kmsKeyId !== undefined,
        },
      ],
    });
    new S3BucketPublicAccessBlock(this, "public-access-block", {
      bucket,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketOwnershipControls(this, "ownership", { bucket, rule: { objectOwnership: "BucketOwnerEnforced" } });
    new S3BucketPolicy(this, "tls-only", {
      bucket,
      policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "DenyInsecureTransport",
            Effect: "Deny",
            Principal: "*",
            Action: "s3:*",
            Resource: [`arn:aws:s3:::${props.bucket}`, `arn:aws:s3:::${props.bucket}/*`],
            Condition: { Bool: { "aws:SecureTransport": "false" } },
          },
        ],
      }),
    });
  }
}
