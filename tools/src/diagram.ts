import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { tryParseZone, type PathsReport } from "@edge/core";

/** The parts of a synthesized stack the diagram reads. */
export interface StackJson {
  resource?: Record<string, Record<string, Record<string, unknown>>>;
  data?: Record<string, Record<string, Record<string, unknown>>>;
}

const REF = /\$\{([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.[a-z_]+/g;
const REMOTE = /\$\{data\.terraform_remote_state\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_]+)/g;

/**
 * What a value refers to: addresses (`type.name`) of this stack's resources, and another site's
 * outputs as `remote.<source>.<output>` (a `terraform_remote_state` read), each its own node.
 */
function refs(value: unknown): string[] {
  const text = JSON.stringify(value ?? null);
  const remote = [...text.matchAll(REMOTE)].map((m) => `remote.${m[1]}.${m[2]}`);
  const local = [...text.matchAll(REF)].filter((m) => m[1] !== "data").map((m) => `${m[1]}.${m[2]}`);
  return [...local, ...remote];
}

const id = (address: string) => address.replace(/[^A-Za-z0-9_]/g, "_");
const label = (text: string) => text.replace(/"/g, "'");
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]);

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

/** Route target attributes and what they point at. */
const ROUTE_TARGETS: readonly [string, string][] = [
  ["gateway_id", "internet gateway"],
  ["nat_gateway_id", "NAT gateway"],
  ["carrier_gateway_id", "carrier gateway"],
  ["transit_gateway_id", "transit gateway"],
  ["network_interface_id", "network interface"],
  ["vpc_endpoint_id", "VPC endpoint"],
  ["local_gateway_id", "local gateway"],
];

/**
 * A Mermaid flowchart of one synthesized stack: VPCs (its own, or the hub's read through site
 * outputs), subnets grouped by zone and zone kind, every route with its destination as the edge
 * label (to a gateway of this stack or, labelled with site and output, of another site), gateways
 * (internet, NAT, carrier, local, transit with its multicast domain and the VPC attachments that
 * exist), VPC endpoints, load balancers with their listeners and target groups, fleets, Lambda
 * functions with the rules that invoke them, weighted DNS names with their weights, and, from
 * `paths.json`, each proven need: clients into the subnet, calls out of it.
 */
export function stackDiagram(json: StackJson, paths?: Pick<PathsReport, "paths">): string {
  const r = json.resource ?? {};
  const d = json.data ?? {};
  const lines: string[] = ["flowchart LR"];
  const of = (type: string) => Object.entries(r[type] ?? {}).map(([name, body]) => ({ address: `${type}.${name}`, name, body }));
  const node = (address: string, text: string, shape: "box" | "round" | "hex" | "db" | "stadium" = "box") => {
    const t = label(text);
    const wrapped = { box: `["${t}"]`, round: `("${t}")`, hex: `{{"${t}"}}`, db: `[("${t}")]`, stadium: `(["${t}"])` }[shape];
    return `${id(address)}${wrapped}`;
  };
  const declared = new Set<string>();
  const declare = (address: string, text: string, shape: Parameters<typeof node>[2] = "box") => {
    if (declared.has(address)) return;
    declared.add(address);
    lines.push(`  ${node(address, text, shape)}`);
  };
  /** A node for another site's output, named after the site and the output. */
  const declareRemote = (ref: string, kind: string) => {
    const [, source, output] = ref.split(".");
    declare(ref, `${kind} of ${source.replace(/-outputs$/, "")} (${output})`, "round");
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
  const gateways: [string, string][] = [
    ["aws_internet_gateway", "internet gateway"],
    ["aws_nat_gateway", "NAT gateway"],
    ["aws_ec2_carrier_gateway", "carrier gateway"],
    ["aws_ec2_transit_gateway", "transit gateway"],
  ];
  for (const [type, text] of gateways) {
    for (const g of of(type)) declare(g.address, `${text} ${g.name}`, "round");
  }
  for (const a of of("aws_ec2_local_gateway_route_table_vpc_association")) declare(a.address, `local gateway ${a.name}`, "round");
  for (const m of of("aws_ec2_transit_gateway_multicast_domain")) {
    const mode = m.body.igmpv2_support === "enable" ? "IGMPv2" : "static sources";
    declare(m.address, `multicast domain (${mode})`, "hex");
    for (const t of refs(m.body.transit_gateway_id)) lines.push(`  ${id(t)} --- ${id(m.address)}`);
  }
  for (const n of of("aws_nat_gateway")) {
    for (const s of refs(n.body.subnet_id)) lines.push(`  ${id(s)} -.- ${id(n.address)}`);
  }
  // Transit gateway attachments: only those the stack creates, with the subnets they use.
  for (const att of of("aws_ec2_transit_gateway_vpc_attachment")) {
    declare(att.address, `TGW attachment ${att.name}`, "hex");
    for (const t of refs(att.body.transit_gateway_id)) {
      if (t.startsWith("remote.")) declareRemote(t, "transit gateway");
      lines.push(`  ${id(att.address)} --- ${id(t)}`);
    }
    for (const s of list(att.body.subnet_ids).flatMap(refs)) lines.push(`  ${id(s)} -. attachment .- ${id(att.address)}`);
  }
  // Transit gateway peerings the stack requests: to the peer Region's transit gateway.
  for (const peering of of("aws_ec2_transit_gateway_peering_attachment")) {
    const peer = `peer.${String(peering.body.peer_region)}`;
    declare(peering.address, `TGW peering ${peering.name} (accepted in ${String(peering.body.peer_region)})`, "hex");
    declare(peer, `transit gateway of the hub in ${String(peering.body.peer_region)}`, "round");
    for (const t of refs(peering.body.transit_gateway_id)) lines.push(`  ${id(t)} --- ${id(peering.address)}`);
    lines.push(`  ${id(peering.address)} -- "peering" --- ${id(peer)}`);
  }
  for (const assoc of of("aws_ec2_transit_gateway_multicast_domain_association")) {
    for (const s of refs(assoc.body.subnet_id)) {
      for (const dom of refs(assoc.body.transit_gateway_multicast_domain_id)) lines.push(`  ${id(s)} -. multicast .- ${id(dom)}`);
    }
  }

  // Routes: subnet -> (its route table) -> target, labelled with the destination.
  const subnetsOfTable = new Map<string, string[]>();
  for (const a of of("aws_route_table_association")) {
    const s = refs(a.body.subnet_id)[0];
    const t = refs(a.body.route_table_id)[0];
    if (s && t) subnetsOfTable.set(t, [...(subnetsOfTable.get(t) ?? []), s]);
  }
  const edges = new Set<string>();
  for (const route of of("aws_route")) {
    const table = refs(route.body.route_table_id)[0];
    const dest = String(route.body.destination_cidr_block ?? route.body.destination_ipv6_cidr_block ?? route.body.destination_prefix_list_id ?? "");
    for (const [attr, kind] of ROUTE_TARGETS) {
      for (const target of refs(route.body[attr])) {
        if (target.startsWith("remote.")) declareRemote(target, kind);
        for (const subnet of subnetsOfTable.get(table) ?? []) edges.add(`  ${id(subnet)} -- "${label(dest)}" --> ${id(target)}`);
      }
    }
    if (typeof route.body.local_gateway_id === "string" && refs(route.body.local_gateway_id).length === 0) {
      const lgw = of("aws_ec2_local_gateway_route_table_vpc_association")[0];
      if (lgw) for (const subnet of subnetsOfTable.get(table) ?? []) edges.add(`  ${id(subnet)} -- "${label(dest)}" --> ${id(lgw.address)}`);
    }
  }

  // VPC endpoints: gateway endpoints are routes (a prefix list) of the tables they join.
  for (const ep of of("aws_vpc_endpoint")) {
    const service = String(ep.body.service_name ?? "").split(".").pop() ?? "";
    const type = String(ep.body.vpc_endpoint_type ?? "Gateway");
    declare(ep.address, `${type.toLowerCase()} endpoint ${service}`, "stadium");
    for (const t of list(ep.body.route_table_ids).flatMap(refs)) {
      for (const subnet of subnetsOfTable.get(t) ?? []) edges.add(`  ${id(subnet)} -- "${label(`${service} prefix list`)}" --> ${id(ep.address)}`);
    }
    for (const s of list(ep.body.subnet_ids).flatMap(refs)) edges.add(`  ${id(ep.address)} -.- ${id(s)}`);
  }
  for (const ep of of("aws_ec2_instance_connect_endpoint")) {
    declare(ep.address, `EC2 Instance Connect endpoint ${ep.name}`, "stadium");
    for (const s of refs(ep.body.subnet_id)) edges.add(`  ${id(ep.address)} -.- ${id(s)}`);
  }
  lines.push(...[...edges].sort());

  // Load balancers: listener (protocol and port) -> target group -> fleet.
  for (const lb of of("aws_lb")) {
    const scheme = lb.body.internal === true ? "internal" : "internet-facing";
    const kind = lb.body.load_balancer_type === "application" ? "ALB" : lb.body.load_balancer_type === "gateway" ? "GWLB" : "NLB";
    declare(lb.address, `${kind} ${String(lb.body.name ?? lb.name)} (${scheme})`, "stadium");
    const lbSubnets = [...list(lb.body.subnets), ...list(lb.body.subnet_mapping).map((m) => (m as { subnet_id?: unknown }).subnet_id)];
    for (const s of lbSubnets.flatMap(refs)) lines.push(`  ${id(lb.address)} -.- ${id(s)}`);
  }
  for (const tg of of("aws_lb_target_group")) {
    declare(tg.address, `target group ${String(tg.body.name ?? tg.name)} (${String(tg.body.protocol ?? "")} ${String(tg.body.port ?? "")})`);
  }
  for (const listener of of("aws_lb_listener")) {
    const text = `${String(listener.body.protocol ?? "")} ${String(listener.body.port ?? "")}`.trim();
    for (const lb of refs(listener.body.load_balancer_arn)) {
      for (const action of list(listener.body.default_action)) {
        for (const tg of refs((action as { target_group_arn?: unknown }).target_group_arn)) lines.push(`  ${id(lb)} -- "${label(text)}" --> ${id(tg)}`);
      }
    }
  }

  // Fleets.
  for (const asg of of("aws_autoscaling_group")) {
    const size = `min ${String(asg.body.min_size)} / max ${String(asg.body.max_size)}`;
    declare(asg.address, `Auto Scaling group ${asg.name} (${size})`, "db");
    for (const s of refs(asg.body.vpc_zone_identifier)) lines.push(`  ${id(asg.address)} --> ${id(s)}`);
    for (const tg of list(asg.body.target_group_arns).flatMap(refs)) lines.push(`  ${id(tg)} --> ${id(asg.address)}`);
  }
  for (const inst of of("aws_instance")) {
    declare(inst.address, `instance ${inst.name} ${String(inst.body.instance_type ?? "")}`, "db");
    for (const s of refs(inst.body.subnet_id)) lines.push(`  ${id(inst.address)} --> ${id(s)}`);
  }
  // ECS services: the target group they register in, the capacity providers' groups they run on.
  // A strategy names its provider by reference or by the provider's literal name.
  const providerGroups = new Map<string, string[]>();
  for (const cp of of("aws_ecs_capacity_provider")) {
    const groups = refs((cp.body.auto_scaling_group_provider as { auto_scaling_group_arn?: unknown } | undefined)?.auto_scaling_group_arn);
    providerGroups.set(cp.address, groups);
    if (typeof cp.body.name === "string") providerGroups.set(cp.body.name, groups);
  }
  for (const svc of of("aws_ecs_service")) {
    declare(svc.address, `ECS service ${String(svc.body.name ?? svc.name)} (${String(svc.body.desired_count ?? 0)} tasks)`, "stadium");
    for (const lb of list(svc.body.load_balancer)) {
      for (const tg of refs((lb as { target_group_arn?: unknown }).target_group_arn)) lines.push(`  ${id(tg)} --> ${id(svc.address)}`);
    }
    for (const strategy of list(svc.body.capacity_provider_strategy)) {
      const named = (strategy as { capacity_provider?: unknown }).capacity_provider;
      for (const cp of [...refs(named), ...(typeof named === "string" && !named.includes("${") ? [named] : [])]) {
        for (const asg of providerGroups.get(cp) ?? []) lines.push(`  ${id(svc.address)} -- "runs on" --> ${id(asg)}`);
      }
    }
  }
  for (const att of of("aws_lb_target_group_attachment")) {
    for (const tg of refs(att.body.target_group_arn)) for (const t of refs(att.body.target_id)) lines.push(`  ${id(tg)} --> ${id(t)}`);
  }

  // Lambda functions and the rules that invoke them.
  for (const fn of of("aws_lambda_function")) {
    declare(fn.address, `Lambda ${String(fn.body.function_name ?? fn.name)} (${String(fn.body.runtime ?? "")})`, "stadium");
  }
  for (const rule of of("aws_cloudwatch_event_rule")) declare(rule.address, `EventBridge rule ${String(rule.body.name ?? rule.name)}`, "round");
  for (const target of of("aws_cloudwatch_event_target")) {
    for (const rule of refs(target.body.rule)) {
      for (const fn of refs(target.body.arn)) lines.push(`  ${id(rule)} -- "invokes" --> ${id(fn)}`);
    }
  }

  // Weighted DNS: each record and what it aliases.
  for (const rec of of("aws_route53_record")) {
    const policy = (rec.body.weighted_routing_policy as { weight?: number }[] | { weight?: number } | undefined) ?? undefined;
    const weight = Array.isArray(policy) ? policy[0]?.weight : policy?.weight;
    const text = `${String(rec.body.name ?? rec.name)} ${weight !== undefined ? `weight ${weight}` : String(rec.body.type ?? "")}`;
    declare(rec.address, text, "round");
    for (const alias of list(rec.body.alias)) {
      const target = refs((alias as { name?: unknown }).name)[0];
      if (!target) continue;
      if (target.startsWith("remote.")) declareRemote(target, "load balancer");
      lines.push(`  ${id(rec.address)} -- "alias" --> ${id(target)}`);
    }
  }
  // Proven paths: one node per need class, an edge per subnet and need.
  const needEdges = new Set<string>();
  for (const p of paths?.paths ?? []) {
    if (!p.subnet) continue;
    const needNode = `need_${id(`${p.direction}_${p.need}`)}`;
    const text = p.direction === "client" ? `${p.need} clients` : p.need;
    needEdges.add(`  ${needNode}(("${label(text)}"))`);
    needEdges.add(p.direction === "client" ? `  ${needNode} -. client .-> ${id(p.subnet)}` : `  ${id(p.subnet)} -. call .-> ${needNode}`);
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
