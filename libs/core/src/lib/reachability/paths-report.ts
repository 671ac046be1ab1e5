import type { GatewayEndpointFact, NetworkModel, RouteFact } from "./model";
import type { MissingPath, PathProof, ProvenPath, Workload } from "./path-types";

/** What the paths check counts in one stack. */
export interface PathsSummary {
  readonly workloads: number;
  readonly needs: number;
  readonly proven: number;
  readonly missing: number;
  /** Routes and gateway endpoint associations no proven path uses. */
  readonly unneeded: number;
}

/** One destination class a subnet reaches, and the route that carries it. */
export interface ReachableClass {
  readonly class: string;
  readonly via: string;
  readonly route: string;
}

/** `paths.json`: the paths of one stack. */
export interface PathsReport {
  readonly stack: string;
  readonly summary: PathsSummary;
  /** Subnet -> the destination classes its route table reaches. */
  readonly subnets: readonly {
    readonly subnet: string;
    readonly zone: string;
    readonly zoneKind: string;
    readonly routeTable: string | null;
    readonly reachable: readonly ReachableClass[];
  }[];
  /** Every need, with the path that carries it. */
  readonly paths: readonly ProvenPath[];
  readonly missing: readonly MissingPath[];
  /** Routes nothing declared needs. */
  readonly unneeded: readonly {
    readonly address: string;
    readonly routeTable: string;
    readonly route: string;
  }[];
}

function classOf(r: RouteFact): string {
  const all = r.destination === "0.0.0.0/0";
  switch (r.target) {
    case "internet-gateway":
      return all ? "internet (public addresses)" : `${r.destination} via internet gateway`;
    case "nat-gateway":
      return all ? "internet egress" : `${r.destination} via NAT`;
    case "carrier-gateway":
      return all
        ? "carrier network and internet egress (carrier IPs)"
        : `${r.destination} via carrier gateway`;
    case "local-gateway":
      return all
        ? "internet egress through the on-premises network"
        : `on-premises ${r.destination}`;
    case "transit-gateway":
      return `${r.destination} via transit gateway`;
    case "virtual-private-gateway":
      return `${r.destination} via VPN`;
    default:
      return r.destination;
  }
}

const routeText = (r: RouteFact) => `${r.destination} -> ${r.target} ${r.targetRef}`;
const endpointText = (g: GatewayEndpointFact) =>
  `${g.service} prefix list -> gateway endpoint ${g.endpointRef} on ${g.routeTable}`;

/** Builds `paths.json` from the model and the proof. */
export function buildPathsReport(
  stack: string,
  model: NetworkModel,
  workloads: readonly Workload[],
  proof: PathProof,
): PathsReport {
  const used = new Set(proof.proven.flatMap((p) => p.carriedBy));
  const subnets = [...model.subnets.values()]
    .sort((a, b) => (a.address < b.address ? -1 : 1))
    .map((s) => {
      const routes = model.routes.filter((r) => r.routeTable === s.routeTable);
      const endpoints = model.gatewayEndpoints.filter((g) => g.routeTable === s.routeTable);
      return {
        subnet: s.address,
        zone: s.zone,
        zoneKind: s.zoneKind,
        routeTable: s.routeTable ?? null,
        reachable: [
          { class: "VPC (local route)", via: "local", route: "local" },
          ...routes.map((r) => ({
            class: `${classOf(r)}${s.zoneKind === "outpost" && r.target !== "local-gateway" ? " (through the service link)" : ""}`,
            via: routeText(r),
            route: r.address,
          })),
          ...endpoints.map((g) => ({
            class: `${g.service} (gateway endpoint)`,
            via: endpointText(g),
            route: g.address,
          })),
        ],
      };
    });
  const unneeded = [
    ...model.routes
      .filter((r) => !used.has(r.address))
      .map((r) => ({ address: r.address, routeTable: r.routeTable, route: routeText(r) })),
    ...model.gatewayEndpoints
      .filter((g) => !used.has(g.address))
      .map((g) => ({ address: g.address, routeTable: g.routeTable, route: endpointText(g) })),
  ].sort((a, b) => (a.address + a.routeTable < b.address + b.routeTable ? -1 : 1));
  return {
    stack,
    summary: {
      workloads: workloads.length,
      needs: proof.proven.length + proof.missing.length,
      proven: proof.proven.length,
      missing: proof.missing.length,
      unneeded: unneeded.length,
    },
    subnets,
    paths: proof.proven,
    missing: proof.missing,
    unneeded,
  };
}

/** One printable block per missing path (the synth error). */
export function formatMissingPath(stack: string, m: MissingPath): string {
  const where = m.subnet
    ? `from ${m.subnet} (${m.zoneKind ?? "unknown zone"}), route table ${m.routeTable ?? "none"}`
    : "";
  return [
    `${stack}: error ${m.code} at ${m.workload}`,
    `  ${m.direction === "client" ? "clients" : "call"} "${m.need}" ${where}: ${m.problem}`,
    `  missing: ${m.missing}`,
    `  fix:     ${m.fix}`,
    `  source:  ${m.source}`,
  ].join("\n");
}

/** One line per stack for the synth summary. */
export function formatPathsLine(stack: string, s: PathsSummary): string {
  return `${stack}: ${s.proven}/${s.needs} paths proven (one per need and subnet) for ${s.workloads} workload${s.workloads === 1 ? "" : "s"}, ${s.unneeded} route${s.unneeded === 1 ? "" : "s"} nothing needs`;
}
