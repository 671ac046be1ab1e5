import { EcrLifecyclePolicy } from "@cdktf/provider-aws/lib/ecr-lifecycle-policy";
import { EcrPullThroughCacheRule } from "@cdktf/provider-aws/lib/ecr-pull-through-cache-rule";
import { EcrRepository } from "@cdktf/provider-aws/lib/ecr-repository";
import { ConfigCheck, EdgeStack } from "@edge/core";
import { Construct } from "constructs";

/** An ECR pull-through cache rule for an upstream registry. */
export interface ContainerPullThroughCache {
  /** Repository prefix of the cached images (`ecr-public` caches `public.ecr.aws/...` under `ecr-public/...`). */
  readonly ecrRepositoryPrefix: string;
  /** Upstream registry URL, e.g. `public.ecr.aws`. */
  readonly upstreamRegistryUrl: string;
  /** Secrets Manager secret (name prefixed `ecr-pullthroughcache/`) for registries that need credentials. @default - none */
  readonly credentialArn?: string;
}

/** Props of {@link EdgeContainerRepository}. */
export interface EdgeContainerRepositoryProps {
  /** Repository name. @default `<site>-<env>-<id>` */
  readonly name?: string;
  /** Customer managed KMS key of the images. @default - AES-256 with the service key */
  readonly kmsKeyArn?: string;
  /** Untagged images are expired after this many days. @default 14 */
  readonly untaggedExpiryDays?: number;
  /** Also cache images of an upstream registry in this account's registry. @default - none */
  readonly pullThroughCache?: ContainerPullThroughCache;
  /** Config path of these props, for errors. @default "containers.repository" */
  readonly configPath?: string;
}

const PTC_PREFIX = /^[a-z0-9]+(?:[._-][a-z0-9]+)*$/;

/**
 * The ECR repository of a site's images in the Region: scan on push, immutable tags (a tag
 * names one image forever, so a rollback redeploys exactly what ran before), encryption, and a
 * lifecycle rule for untagged images; optionally a pull-through cache rule so instances pull an
 * upstream registry's images through ECR (and so through the same endpoints and IAM).
 *
 * Terraform AWS provider: `aws_ecr_repository` (`image_scanning_configuration.scan_on_push`,
 * `image_tag_mutability = "IMMUTABLE"`), `aws_ecr_pull_through_cache_rule`.
 */
export class EdgeContainerRepository extends Construct {
  readonly repository: EcrRepository;
  readonly repositoryArn: string;
  readonly repositoryUrl: string;
  readonly pullThroughCacheRule?: EcrPullThroughCacheRule;
  /** The ARN pattern of the cached repositories, for a service's `repositoryArns`. */
  readonly cachedRepositoryArns: readonly string[];

  constructor(scope: Construct, id: string, props: EdgeContainerRepositoryProps = {}) {
    super(scope, id);
    const stack = EdgeStack.of(this);
    const env = stack.environment;
    const path = props.configPath ?? "containers.repository";
    const check = new ConfigCheck(this.node.path);
    const ptc = props.pullThroughCache;
    if (ptc) {
      check.expect(
        PTC_PREFIX.test(ptc.ecrRepositoryPrefix) && ptc.ecrRepositoryPrefix.length <= 30,
        {
          code: "EDGE_ECR_CACHE_PREFIX",
          path: `${path}.pullThroughCache.ecrRepositoryPrefix`,
          value: ptc.ecrRepositoryPrefix,
          problem:
            "a pull-through cache prefix is 2 to 30 lowercase letters, digits, '.', '_' or '-'",
          fix: 'use a prefix such as "ecr-public"',
        },
      );
      if (ptc.credentialArn !== undefined) {
        check.expect(/:secret:ecr-pullthroughcache\//.test(ptc.credentialArn), {
          code: "EDGE_ECR_CACHE_CREDENTIAL",
          path: `${path}.pullThroughCache.credentialArn`,
          value: ptc.credentialArn,
          problem:
            "ECR reads upstream credentials only from secrets named with the ecr-pullthroughcache/ prefix",
          fix: "store the credentials in a Secrets Manager secret named ecr-pullthroughcache/<name>",
        });
      }
    }
    check.throwIfFailed();
    const name = props.name ?? stack.physicalName(id);
    this.repository = new EcrRepository(this, "repository", {
      name,
      imageTagMutability: "IMMUTABLE",
      imageScanningConfiguration: { scanOnPush: true },
      encryptionConfiguration: [
        props.kmsKeyArn !== undefined
          ? { encryptionType: "KMS", kmsKey: props.kmsKeyArn }
          : { encryptionType: "AES256" },
      ],
    });
    this.repositoryArn = this.repository.arn;
    this.repositoryUrl = this.repository.repositoryUrl;
    new EcrLifecyclePolicy(this, "lifecycle", {
      repository: this.repository.name,
      policy: JSON.stringify({
        rules: [
          {
            rulePriority: 1,
            description: "Expire untagged images",
            selection: {
              tagStatus: "untagged",
              countType: "sinceImagePushed",
              countUnit: "days",
              countNumber: props.untaggedExpiryDays ?? 14,
            },
            action: { type: "expire" },
          },
        ],
      }),
    });
    if (ptc) {
      this.pullThroughCacheRule = new EcrPullThroughCacheRule(this, "pull-through-cache", {
        ecrRepositoryPrefix: ptc.ecrRepositoryPrefix,
        upstreamRegistryUrl: ptc.upstreamRegistryUrl,
        ...(ptc.credentialArn !== undefined ? { credentialArn: ptc.credentialArn } : {}),
      });
    }
    const p = env.region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
    this.cachedRepositoryArns = ptc
      ? [`arn:${p}:ecr:${env.region}:${env.account}:repository/${ptc.ecrRepositoryPrefix}/*`]
      : [];
  }
}
