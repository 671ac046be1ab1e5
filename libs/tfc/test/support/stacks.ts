import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Parser } from "tar";

/** One stack to write into a fake cdktf output directory. */
export interface StackSpec {
  readonly site: string;
  readonly env?: string;
  /** `terraform_remote_state` sources: backend and config, as @edge/core writes them. */
  readonly reads?: readonly { backend: string; config: Record<string, unknown> }[];
  /** Extra files, by path relative to the stack directory. */
  readonly files?: Readonly<Record<string, Buffer | string>>;
}

/** A temporary cdktf output directory (`manifest.json` + `stacks/<site>-<env>/cdk.tf.json`). */
export function makeOutdir(specs: readonly StackSpec[]): string {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "edge-tfc-test-"));
  const manifest: { version: string; stacks: Record<string, unknown> } = { version: "0.21.0", stacks: {} };
  for (const spec of specs) {
    const env = spec.env ?? "dev";
    const name = `${spec.site}-${env}`;
    const dir = path.join(outdir, "stacks", name);
    fs.mkdirSync(dir, { recursive: true });
    const json = {
      "//": { metadata: { backend: "local", stackName: name, version: "0.21.0" } },
      provider: { aws: [{ default_tags: [{ tags: { site: spec.site, environment: env, "managed-by": "edge-blueprints" } }], region: "us-east-1" }] },
      terraform: { backend: { local: { path: `../../../state/${spec.site}/${env}.tfstate` } } },
      ...(spec.reads?.length
        ? { data: { terraform_remote_state: Object.fromEntries(spec.reads.map((r, i) => [`read-${i}`, r])) } }
        : {}),
      resource: { aws_vpc: { main: { cidr_block: "10.0.0.0/16" } } },
    };
    fs.writeFileSync(path.join(dir, "cdk.tf.json"), JSON.stringify(json, null, 2));
    for (const [rel, data] of Object.entries(spec.files ?? {})) {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), data);
    }
    manifest.stacks[name] = { name, workingDirectory: `stacks/${name}`, synthesizedStackPath: `stacks/${name}/cdk.tf.json` };
  }
  fs.writeFileSync(path.join(outdir, "manifest.json"), JSON.stringify(manifest, null, 2));
  return outdir;
}

/** A `terraform_remote_state` source reading `site`'s local state, as a Local Zone site reads the hub. */
export function localRead(site: string, env = "dev") {
  return { backend: "local", config: { path: `../../../state/${site}/${env}.tfstate` } };
}

/** Lists a `.tar.gz` with the `tar` package: member paths and file contents. */
export async function listTarGz(data: Buffer): Promise<Map<string, Buffer | "dir">> {
  const members = new Map<string, Buffer | "dir">();
  await new Promise<void>((resolve, reject) => {
    const parser = new Parser();
    parser.on("entry", (entry) => {
      const chunks: Buffer[] = [];
      entry.on("data", (c: Buffer) => chunks.push(c));
      entry.on("end", () => members.set(entry.path, entry.type === "Directory" ? "dir" : Buffer.concat(chunks)));
    });
    parser.on("end", () => resolve());
    parser.on("error", reject);
    parser.end(data);
  });
  return members;
}

/** A `terraform_remote_state` source reading `site`'s Terraform Cloud workspace, as staging and prod sites read the hub. */
export function remoteRead(site: string, env = "staging", organization = "edge-blueprints", prefix = "edge") {
  return { backend: "remote", config: { organization, hostname: "app.terraform.io", workspaces: { name: `${prefix}-${site}-${env}` } } };
}
