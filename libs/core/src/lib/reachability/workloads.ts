import { DefaultTokenResolver, StringConcat, Tokenization, type TerraformStack } from "cdktf";
import { declaredNeedsOf, type CallNeed, type ClientNeed } from "./needs";
import { refsOf } from "./model";
import type { Workload } from "./path-types";

type Json = Record<string, unknown>;
interface Block {
  readonly address: string;
  readonly type: string;
  readonly body: Json;
  readonly path?: string;
}

const first = (v: unknown): Json =>
  Array.isArray(v) ? ((v[0] ?? {}) as Json) : ((v ?? {}) as Json);
const isTrue = (v: unknown) => v === true || v === "true";

function blocksOf(json: Readonly<Record<string, unknown>>): Block[] {
  const out: Block[] = [];
  for (const [type, byName] of Object.entries(
    (json.resource ?? {}) as Record<string, Record<string, Json>>,
  )) {
    for (const [name, body] of Object.entries(byName)) {
      const meta = (body["//"] as Json | undefined)?.metadata as Json | undefined;
      out.push({
        address: `${type}.${name}`,
        type,
        body,
        ...(typeof meta?.path === "string" ? { path: meta.path } : {}),
      });
    }
  }
  return out;
}

const subnetRefs = (v: unknown) => refsOf(v).filter((r) => r.startsWith("aws_subnet."));

/** Where the resources of one workload run and what addresses they get. */
function placementOf(blocks: readonly Block[]) {
  const subnets = new Set<string>();
  let outsideVpc = false;
  let carrierIp = false;
  let publicIp = false;
  for (const b of blocks) {
    switch (b.type) {
      case "aws_autoscaling_group":
        subnetRefs(b.body.vpc_zone_identifier).forEach((s) => subnets.add(s));
        break;
      case "aws_instance":
        subnetRefs(b.body.subnet_id).forEach((s) => subnets.add(s));
        if (isTrue(b.body.associate_public_ip_address)) publicIp = true;
        break;
      case "aws_lb":
        subnetRefs(b.body.subnets).forEach((s) => subnets.add(s));
        subnetRefs(b.body.subnet_mapping).forEach((s) => subnets.add(s));
        if (b.body.internal !== true) publicIp = true;
        break;
      case "aws_lambda_function": {
        const vpc = first(b.body.vpc_config);
        const ids = subnetRefs(vpc.subnet_ids);
        if (ids.length === 0) outsideVpc = true;
        ids.forEach((s) => subnets.add(s));
        break;
      }
      case "aws_launch_template":
        for (const ni of Array.isArray(b.body.network_interfaces)
          ? (b.body.network_interfaces as Json[])
          : []) {
          if (isTrue(ni.associate_carrier_ip_address)) carrierIp = true;
          if (isTrue(ni.associate_public_ip_address)) publicIp = true;
        }
        break;
    }
  }
  return {
    subnets: [...subnets].sort(),
    outsideVpc: outsideVpc && subnets.size === 0,
    carrierIp,
    publicIp,
  };
}

/**
 * The workloads of a synthesized stack: every construct with declared needs (placed by the
 * resources under it, or by the subnet ids it gives), then the needs resources imply on their
 * own: an internet-facing load balancer serves internet clients, a NAT gateway reaches the
 * internet from its subnet.
 */
export function workloadsOf(
  stack: TerraformStack,
  json: Readonly<Record<string, unknown>>,
): Workload[] {
  const blocks = blocksOf(json);
  const under = (path: string) =>
    blocks.filter((b) => b.path === path || b.path?.startsWith(`${path}/`));
  const workloads: Workload[] = [];
  const declaredPaths: string[] = [];
  for (const c of stack.node.findAll()) {
    const declared = declaredNeedsOf(c);
    if (declared.length === 0) continue;
    const path = c.node.path;
    declaredPaths.push(path);
    const host = declared.find((d) => d.hostedOn)?.hostedOn;
    // A workload on its host's interface (bridge tasks) has the host's addresses.
    const placement = placementOf([...under(path), ...(host ? under(host.node.path) : [])]);
    const given = declared.flatMap((d) =>
      (d.subnetIds ?? []).flatMap((id) =>
        subnetRefs(
          Tokenization.resolve(id, {
            scope: stack,
            resolver: new DefaultTokenResolver(new StringConcat()),
          }),
        ),
      ),
    );
    const clients: ClientNeed[] = declared.flatMap((d) => [...(d.clients ?? [])]);
    const calls: CallNeed[] = declared.flatMap((d) => [...(d.calls ?? [])]);
    workloads.push({
      path,
      description: declared.find((d) => d.description)?.description ?? path,
      subnets: given.length > 0 ? [...new Set(given)].sort() : placement.subnets,
      outsideVpc: given.length === 0 && placement.outsideVpc,
      carrierIp: placement.carrierIp,
      publicIp: placement.publicIp,
      clients,
      calls,
    });
  }
  const declaredOver = (b: Block) =>
    b.path !== undefined && declaredPaths.some((p) => b.path === p || b.path!.startsWith(`${p}/`));
  for (const b of blocks) {
    if (b.type === "aws_lb" && b.body.internal !== true && !declaredOver(b)) {
      workloads.push({
        path: b.path ?? b.address,
        description: `internet-facing load balancer ${b.address}`,
        ...placementOf([b]),
        clients: ["internet"],
        calls: [],
      });
    }
    if (b.type === "aws_nat_gateway" && b.body.connectivity_type !== "private") {
      workloads.push({
        path: b.path ?? b.address,
        description: `NAT gateway ${b.address}`,
        subnets: subnetRefs(b.body.subnet_id),
        outsideVpc: false,
        carrierIp: false,
        publicIp: true,
        clients: [],
        calls: ["internet"],
      });
    }
  }
  return workloads;
}
