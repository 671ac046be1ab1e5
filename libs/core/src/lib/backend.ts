import * as path from "node:path";
import {
  DataTerraformRemoteState,
  DataTerraformRemoteStateLocal,
  DataTerraformRemoteStateS3,
  LocalBackend,
  S3Backend,
  TerraformBackend,
  TerraformRemoteState,
} from "cdktf";
import type { Construct } from "constructs";
import type { BackendConfig, Environment } from "./environment";

/**
 * How an environment reaches AWS: `cdktf-deploy` (`npx cdktf deploy` from a workstation or CI,
 * state in the local or S3 backend) or `terraform-cloud` (runs in Terraform Cloud workspaces,
 * which keep the state; `terraform { cloud { … } }`). The publisher refuses any environment that
 * Terraform Cloud does not deliver.
 */
export type Delivery = "cdktf-deploy" | "terraform-cloud";

/** The delivery path of `env`, from where its state lives. */
export function deliveryOf(env: Pick<Environment, "backend">): Delivery {
  return env.backend.type === "tfc" ? "terraform-cloud" : "cdktf-deploy";
}

/**
 * The `required_version` of every stack. The S3 backend's `use_lockfile` (S3-native state
 * locking) needs Terraform 1.10 (Terraform "Upgrading to Terraform v1.10", S3 Backend: "S3 Native
 * State Locking ... To opt-in to S3 native state locking, set use_lockfile to true"); older CLIs
 * stop at init with an unknown-argument error that does not say why. The local and cloud
 * backends get the same floor, which is what `nx run <site>:deploy` checks (tools/src/deploy.ts)
 * and what published Terraform Cloud workspaces run (`~> 1.10`), so one Terraform release runs
 * every stack.
 */
export const REQUIRED_TERRAFORM_VERSION = ">= 1.10";

/** Where a site's state lives in an environment, for tables and docs. */
export function stateLocation(site: string, env: Environment): string {
  const b = env.backend;
  switch (b.type) {
    case "local":
      return `state/${site}/${env.name}.tfstate`;
    case "s3":
      return `s3://${b.bucket}/${s3Key(b, site, env.name)}`;
    case "tfc":
      return `${b.hostname}/${b.organization}/${workspaceName(b, site, env.name)}`;
  }
}

/** The S3 state key of a site in an environment: `[<prefix>/]<site>/<env>/terraform.tfstate`. */
export function s3Key(b: Extract<BackendConfig, { type: "s3" }>, site: string, env: string): string {
  return [b.keyPrefix, site, env, "terraform.tfstate"].filter(Boolean).join("/");
}

/** The Terraform Cloud workspace of a site in an environment: `<prefix>-<site>-<env>`. */
export function workspaceName(b: Extract<BackendConfig, { type: "tfc" }>, site: string, env: string): string {
  return `${b.workspacePrefix}-${site}-${env}`;
}

/**
 * Local state path relative to the stack's working directory (`<outdir>/stacks/<stack>`), so the
 * state lands in `state/` at the repository root, outside `cdktf.out` (which synth replaces), and
 * the synthesized JSON holds no absolute path.
 */
export function localStatePath(site: string, env: string, layout: OutputLayout): string {
  const stackDir = path.join(layout.outdir, "stacks", `${site}-${env}`);
  const target = path.join(layout.repoRoot, "state", site, `${env}.tfstate`);
  return path.relative(stackDir, target).split(path.sep).join("/");
}

/** Where synth output goes, so relative state paths resolve from the final stack directories. */
export interface OutputLayout {
  /** Repository root (holds `state/`). */
  readonly repoRoot: string;
  /** Final output directory (not the temporary one synth writes first). */
  readonly outdir: string;
}

/**
 * The `terraform { cloud { … } }` block. cdktf's own `CloudBackend` checks the terraform binary's
 * version during synth; synth here must work on machines without terraform, so this backend
 * writes the same block with no binary check (the block needs terraform >= 1.1 at deploy time).
 */
export class TerraformCloudBlock extends TerraformBackend {
  constructor(
    scope: Construct,
    private readonly settings: { organization: string; workspace: string; hostname: string; project?: string },
  ) {
    super(scope, "backend", "cloud");
  }

  override toTerraform(): Record<string, unknown> {
    return { terraform: { cloud: this.synthesizeAttributes() } };
  }

  override toHclTerraform(): Record<string, unknown> {
    return this.toTerraform();
  }

  protected override synthesizeAttributes(): Record<string, unknown> {
    const { organization, workspace, hostname, project } = this.settings;
    return {
      organization,
      hostname,
      workspaces: { name: workspace, ...(project ? { project } : {}) },
    };
  }

  override getRemoteStateDataSource(scope: Construct, name: string): TerraformRemoteState {
    const { organization, workspace, hostname } = this.settings;
    return new DataTerraformRemoteState(scope, name, { organization, hostname, workspaces: { name: workspace } });
  }
}

/** Adds the environment's backend for `site` to the stack `scope`. */
export function addBackend(scope: Construct, site: string, env: Environment, layout: OutputLayout): TerraformBackend {
  const b = env.backend;
  switch (b.type) {
    case "local":
      return new LocalBackend(scope, { path: localStatePath(site, env.name, layout) });
    case "s3": {
      const backend = new S3Backend(scope, {
        bucket: b.bucket,
        key: s3Key(b, site, env.name),
        region: b.region ?? env.region,
        encrypt: true,
        ...(b.kmsKeyId ? { kmsKeyId: b.kmsKeyId } : {}),
        ...(b.roleArn ? { assumeRole: { roleArn: b.roleArn } } : {}),
      });
      // S3-native locking (terraform >= 1.10); cdktf 0.21's S3Backend has no prop for it.
      backend.addOverride("use_lockfile", true);
      return backend;
    }
    case "tfc":
      return new TerraformCloudBlock(scope, {
        organization: b.organization,
        hostname: b.hostname,
        workspace: workspaceName(b, site, env.name),
        project: b.project,
      });
  }
}

/**
 * Creates the `terraform_remote_state` data source that reads `site`'s state in `env`, whatever
 * the backend: the same location `addBackend` writes to. For Terraform Cloud that is the
 * `remote` backend naming the producer's workspace (Terraform docs, language/state/remote-state-data
 * and settings/backends/remote), which a run may read once the producer shares its state with
 * the consumer's workspace (workspaces API: `global-remote-state`, remote-state-consumers); the
 * publisher sets that up. No `tfe` provider is needed to synthesize or plan.
 */
export function remoteStateOf(
  scope: Construct,
  id: string,
  site: string,
  env: Environment,
  layout: OutputLayout,
  consumerSite: string,
): TerraformRemoteState {
  const b = env.backend;
  switch (b.type) {
    case "local": {
      // Relative to the consumer's stack directory, which sits beside the producer's.
      const consumerDir = path.join(layout.outdir, "stacks", `${consumerSite}-${env.name}`);
      const target = path.join(layout.repoRoot, "state", site, `${env.name}.tfstate`);
      return new DataTerraformRemoteStateLocal(scope, id, {
        path: path.relative(consumerDir, target).split(path.sep).join("/"),
      });
    }
    case "s3":
      return new DataTerraformRemoteStateS3(scope, id, {
        bucket: b.bucket,
        key: s3Key(b, site, env.name),
        region: b.region ?? env.region,
        encrypt: true,
        ...(b.kmsKeyId ? { kmsKeyId: b.kmsKeyId } : {}),
        ...(b.roleArn ? { assumeRole: { roleArn: b.roleArn } } : {}),
      });
    case "tfc":
      return new DataTerraformRemoteState(scope, id, {
        organization: b.organization,
        hostname: b.hostname,
        workspaces: { name: workspaceName(b, site, env.name) },
      });
  }
}
