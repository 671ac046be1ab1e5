import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { tryParseZone, type PathsReport } from "@edge/core";

/** The parts of a synthesized stack the diagram reads. */
export interface StackJson {
  resource?: Record<string, Record<string, Record<string, unknown>>>;
  data?: Record<string, Record<string, Record<string, unknown>>>;
}

const REF = /\$\{([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.[a-z_]+/g;
const REMOTE_OUTPUT = /\$\{data\.terraform_remote_state\.([A-Za-z0-9_-]+)\.outputs\.([^}]+)\}/;

/** Addresses (`type.name`) a value refers to. */
function refs(value: unknown): string[] {
  const text = JSON.stringify(value ?? null);
  return [...text.matchAll(REF)].map((m) => `${m[1]}.${m[2]}`);
}

const id = (address: string) => address.replace(/[^A-Za-z0-9_]/g, "_");
const label = (text: string) => text.replace(/"/g, "'");

function zoneGroup(subnet: Record<string, unknown>): string {
  if (typeof subnet.outpost_arn === "string" || refs(subnet.outpost_arn).length > 0) {
    return `Outpost (${String(subnet.availability_zone ?? "AZ of the Outpost").replace(/\$\{.*\}/, "AZ of the Outpost")})`;
  }
  const az = String(subnet.availability_zone ?? "");
  const zone = tryParseZone(az);
  if (!zone) return "zone from config";
  const kind = { "availability-zone": "AZ", "local-zone": "Local Zone", "wavelength-zone": "Wavelength Zone" }[zone.kind];
  return `${kind} ${az}`;
}

/**
 * A Mermaid flowchart of one synthesized stack: VPCs (its own, or the hub's read through site
 * outputs), subnets grouped by zone and zone kind, gateways (internet, NAT, carrier, local,
 * transit with its multicast domain), fleets, weighted DNS names with their weights, and, from
 * `paths.json`, each proven need: clients into the subnet, calls out of it.
 */
export function stackDiagram(json: StackJson, paths?: Pick<PathsReport, "paths">): string {
  const r = json.resource ?? {};
  const d = json.data ?? {};
  const lines: string[] = ["flowchart LR"];
  const of = (type: string) => Object.entries(r[type] ?? {}).map(([name, body]) => ({ address: `${type}.${name}`, name, body }));
  const node = (address: string, text: string, shape: "box" | "round" | "hex" | "db" = "box") => {
    const t = label(text);
    const wrapped = { box: `["${t}"]`, round: `("${t}")`, hex: `{{"${t}"}}`, db: `[("${t}")]` }[shape];
    return `${id(address)}${wrapped}`;
  };

  const vpcs = of("aws_vpc");
  const remote = Object.keys(d.terraform_remote_state ?? {});
  const subnets = of("aws_subnet");
  // VPC containers: the stack's own VPCs, or the hub VPC read from another site.
  const vpcOf = (subnet: Record<string, unknown>) => refs(subnet.vpc_id).find((a) => a.startsWith("aws_vpc.")) ?? "remote";
  const containers = [...vpcs.map((v) => ({ key: v.address, title: `VPC ${String(v.body.cidr_block ?? "")}` }))];
  if (subnets.some((s) => vpcOf(s.body) === "remote")) {
    const source = remote.find((x) => x.startsWith("region-hub")) ?? remote[0] ?? "another site";
    containers.push({ key: "remote", title: `hub VPC (read from ${source.replace(/-outputs$/, "")})` });
  }
  for (const c of containers) {
    lines.push(`  subgraph ${id(c.key)}["${label(c.title)}"]`);
    const inVpc = subnets.filter((s) => vpcOf(s.body) === c.key);
    const groups = new Map<string, typeof inVpc>();
    for (const s of inVpc) {
      const g = zoneGroup(s.body);
      groups.set(g, [...(groups.get(g) ?? []), s]);
    }
    for (const [g, members] of [...groups.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      lines.push(`    subgraph ${id(`${c.key}_${g}`)}["${label(g)}"]`);
      for (const s of members) lines.push(`      ${node(s.address, `${s.name} ${String(s.body.cidr_block ?? "")}`)}`);
      lines.push("    end");
    }
    lines.push("  end");
  }

  // Gateways.
  const gateways: [string, string, "round" | "hex"][] = [
    ["aws_internet_gateway", "internet gateway", "round"],
    ["aws_nat_gateway", "NAT gateway", "round"],
    ["aws_ec2_carrier_gateway", "carrier gateway", "round"],
    ["aws_ec2_transit_gateway", "transit gateway", "hex"],
  ];
  for (const [type, text] of gateways) {
    for (const g of of(type)) lines.push(`  ${node(g.address, `${text} ${g.name}`, "round")}`);
  }
  for (const a of of("aws_ec2_local_gateway_route_table_vpc_association")) {
    lines.push(`  ${node(a.address, `local gateway ${a.name}`, "round")}`);
  }
  for (const m of of("aws_ec2_transit_gateway_multicast_domain")) {
    const mode = m.body.igmpv2_support === "enable" ? "IGMPv2" : "static sources";
    lines.push(`  ${node(m.address, `multicast domain (${mode})`, "hex")}`);
    for (const t of refs(m.body.transit_gateway_id)) lines.push(`  ${id(t)} --- ${id(m.address)}`);
  }
  for (const n of of("aws_nat_gateway")) {
    for (const s of refs(n.body.subnet_id)) lines.push(`  ${id(s)} -.- ${id(n.address)}`);
  }
  for (const assoc of of("aws_ec2_transit_gateway_multicast_domain_association")) {
    for (const s of refs(assoc.body.subnet_id)) {
      for (const dom of refs(assoc.body.transit_gateway_multicast_domain_id)) lines.push(`  ${id(s)} -. multicast .- ${id(dom)}`);
    }
  }

  // Default routes: subnet -> route table -> target.
  const tableOfSubnet = new Map<string, string>();
  for (const a of of("aws_route_table_association")) {
    const s = refs(a.body.subnet_id)[0];
    const t = refs(a.body.route_table_id)[0];
    if (s && t) tableOfSubnet.set(s, t);
  }
  const edges = new Set<string>();
  for (const route of of("aws_route")) {
    const table = refs(route.body.route_table_id)[0];
    const dest = String(route.body.destination_cidr_block ?? "");
    const keys = ["gateway_id", "nat_gateway_id", "carrier_gateway_id", "transit_gateway_id", "network_interface_id"];
    const targets = keys.flatMap((k) => {
      // A gateway of another site (its output read through terraform_remote_state): a node per output.
      const remote = REMOTE_OUTPUT.exec(String(route.body[k] ?? ""));
      if (remote) {
        const address = `remote.${remote[2]}`;
        edges.add(`  ${node(address, `${remote[2]} (${remote[1].replace(/-outputs$/, "")} output)`, "round")}`);
        return [address];
      }
      return refs(route.body[k]);
    });
    const local = route.body.local_gateway_id !== undefined;
    for (const [subnet, t] of tableOfSubnet) {
      if (t !== table) continue;
      for (const target of targets) edges.add(`  ${id(subnet)} -- "${dest}" --> ${id(target)}`);
      if (local) {
        const lgw = of("aws_ec2_local_gateway_route_table_vpc_association")[0];
        if (lgw) edges.add(`  ${id(subnet)} -- "${dest}" --> ${id(lgw.address)}`);
      }
    }
  }
  lines.push(...[...edges].sort());

  // Fleets.
  for (const asg of of("aws_autoscaling_group")) {
    const size = `min ${String(asg.body.min_size)} / max ${String(asg.body.max_size)}`;
    lines.push(`  ${node(asg.address, `Auto Scaling group ${asg.name} (${size})`, "db")}`);
    for (const s of refs(asg.body.vpc_zone_identifier)) lines.push(`  ${id(asg.address)} --> ${id(s)}`);
  }
  for (const inst of of("aws_instance")) {
    lines.push(`  ${node(inst.address, `instance ${inst.name} ${String(inst.body.instance_type ?? "")}`, "db")}`);
    for (const s of refs(inst.body.subnet_id)) lines.push(`  ${id(inst.address)} --> ${id(s)}`);
  }

  // Weighted DNS.
  for (const rec of of("aws_route53_record")) {
    const policy = (rec.body.weighted_routing_policy as { weight?: number }[] | { weight?: number } | undefined) ?? undefined;
    const weight = Array.isArray(policy) ? policy[0]?.weight : policy?.weight;
    const text = `${String(rec.body.name ?? rec.name)} ${weight !== undefined ? `weight ${weight}` : String(rec.body.type ?? "")}`;
    lines.push(`  ${node(rec.address, text, "round")}`);
  }
  // Proven paths: one node per need class, an edge per subnet and need.
  const needEdges = new Set<string>();
  for (const p of paths?.paths ?? []) {
    if (!p.subnet) continue;
    const needNode = `need_${id(`${p.direction}_${p.need}`)}`;
    const text = p.direction === "client" ? `${p.need} clients` : p.need;
    needEdges.add(`  ${needNode}(("${label(text)}"))`);
    needEdges.add(
      p.direction === "client" ? `  ${needNode} -. client .-> ${id(p.subnet)}` : `  ${id(p.subnet)} -. call .-> ${needNode}`,
    );
  }
  lines.push(...[...needEdges].sort());
  if (lines.length === 1) lines.push('  empty["no resources"]');
  return lines.join("\n");
}

/** The proven paths of a stack as a Markdown table (workload, need, subnet, route). */
export function pathsTable(paths: Pick<PathsReport, "paths">): string[] {
  if (paths.paths.length === 0) return ["No declared network needs."];
  const cell = (t: string) => t.replace(/\|/g, "\\|");
  return [
    "| workload | need | from subnet | carried by |",
    "| --- | --- | --- | --- |",
    ...paths.paths.map(
      (p) =>
        `| ${cell(p.workload)} | ${p.direction === "client" ? "clients: " : "calls: "}${cell(p.need)} | ${cell(p.subnet ?? "outside the VPC")} | ${cell(p.via)}${p.carriedBy.length > 0 ? ` (${cell(p.carriedBy.join(", "))})` : ""} |`,
    ),
  ];
}

/** The Markdown page of one site: a diagram per environment. */
export function siteDiagramPage(
  site: string,
  stacks: readonly { env: string; json: StackJson; paths?: Pick<PathsReport, "paths"> }[],
): string {
  const parts = [
    `# ${site}`,
    "",
    `Generated by \`npx nx run ${site}:diagram\` from the synthesized stacks (\`cdktf.out/stacks/${site}-<env>/cdk.tf.json\`); do not edit by hand. \`npm test\` checks that it is current.`,
    "",
  ];
  for (const { env, json, paths } of stacks) {
    const counts = Object.entries(json.resource ?? {})
      .map(([type, byName]) => [type, Object.keys(byName).length] as const)
      .sort(([a], [b]) => a.localeCompare(b));
    const total = counts.reduce((n, [, c]) => n + c, 0);
    parts.push(`## ${site}-${env}`, "", `${total} resources.`, "", "```mermaid", stackDiagram(json, paths), "```", "");
    if (paths) parts.push("Network paths proven at synth (`paths.json`):", "", ...pathsTable(paths), "");
  }
  return parts.join("\n");
}

/** The page of every site, from stacks synthesized under `stacksDir` (`<outdir>/stacks`). */
export function sitePages(siteNames: readonly string[], stacksDir: string, envs: readonly string[]): Map<string, string> {
  const pages = new Map<string, string>();
  for (const site of siteNames) {
    // A site homed in several Regions has a stack per further Region too: <site>-<region>-<env>.
    const dirs = readdirSync(stacksDir);
    const stacks = envs.flatMap((env) =>
      [`${site}-${env}`, ...dirs.filter((d) => new RegExp(`^${site}-([a-z]{2}-[a-z]+-\\d+)-${env}$`).test(d))].map((dir) => {
        const pathsFile = join(stacksDir, dir, "paths.json");
        return {
          env: dir === `${site}-${env}` ? env : `${env} (${dir.slice(site.length + 1, -env.length - 1)})`,
          json: JSON.parse(readFileSync(join(stacksDir, dir, "cdk.tf.json"), "utf8")) as StackJson,
          ...(existsSync(pathsFile) ? { paths: JSON.parse(readFileSync(pathsFile, "utf8")) as PathsReport } : {}),
        };
      }),
    );
    pages.set(site, siteDiagramPage(site, stacks));
  }
  return pages;
}
