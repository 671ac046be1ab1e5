import { contains, parseCidr, type Ipv4Block } from "../cidr";
import { zoneKindLabel } from "../zones";
import type { NetworkModel, RouteFact, SubnetFact } from "./model";
import { needLabel, type CallNeed, type ClientNeed } from "./needs";
import { PATH_SOURCES } from "./sources";

/** A workload with its needs and where it runs, as the proof reads it. */
export interface Workload {
  /** Construct path (or resource address for needs implied by a resource). */
  readonly path: string;
  readonly description: string;
  /** Subnet addresses (`aws_subnet.x`). */
  readonly subnets: readonly string[];
  /** Runs outside every VPC of the stack (a Lambda function without `vpc_config`). */
  readonly outsideVpc: boolean;
  /** Its network interfaces get carrier IPs. */
  readonly carrierIp: boolean;
  /** It has a public address (an internet-facing load balancer, a public IP, a NAT's EIP). */
  readonly publicIp: boolean;
  readonly clients: readonly ClientNeed[];
  readonly calls: readonly CallNeed[];
}

/** Facts of the environment the proof needs. */
export interface PathContext {
  /** The environment's hub VPC CIDR (sites that extend the hub read its VPC from outputs). */
  readonly hubVpcCidr: string;
  /** Address block of each site of the environment. */
  readonly siteBlocks: Readonly<Record<string, string>>;
}

/** A need with the path that carries it. */
export interface ProvenPath {
  readonly workload: string;
  readonly direction: "client" | "call";
  readonly need: string;
  /** Subnet address; undefined for a workload outside the VPC. */
  readonly subnet?: string;
  readonly zoneKind?: string;
  readonly routeTable?: string;
  /** How the traffic goes, in words. */
  readonly via: string;
  /** The routes and endpoint associations that carry it. */
  readonly carriedBy: readonly string[];
}

/** A need without a path. */
export interface MissingPath {
  readonly code: string;
  readonly workload: string;
  readonly direction: "client" | "call";
  readonly need: string;
  readonly subnet?: string;
  readonly zoneKind?: string;
  readonly routeTable?: string;
  /** The route or endpoint that would carry it. */
  readonly missing: string;
  readonly problem: string;
  readonly fix: string;
  readonly source: string;
}

/** The outcome of a proof. */
export interface PathProof {
  readonly proven: readonly ProvenPath[];
  readonly missing: readonly MissingPath[];
}

type Step =
  | { ok: true; via: string; carriedBy: string[] }
  | { ok: false; code: string; missing: string; problem: string; fix: string; source: string };

const block = (cidr: string): Ipv4Block | undefined => {
  try {
    return parseCidr(cidr, "route");
  } catch {
    return undefined;
  }
};

/** The most specific route of `table` whose destination contains `cidr`. */
function routeFor(model: NetworkModel, table: string, cidr: string): RouteFact | undefined {
  const want = block(cidr);
  if (!want) return undefined;
  let best: { route: RouteFact; prefix: number } | undefined;
  for (const route of model.routes) {
    if (route.routeTable !== table) continue;
    const dest = block(route.destination);
    if (!dest || !contains(dest, want)) continue;
    if (!best || dest.prefixLength > best.prefix) best = { route, prefix: dest.prefixLength };
  }
  return best?.route;
}

const TARGET_LABEL: Record<RouteFact["target"], string> = {
  "internet-gateway": "internet gateway",
  "nat-gateway": "NAT gateway",
  "carrier-gateway": "carrier gateway",
  "local-gateway": "local gateway",
  "transit-gateway": "transit gateway",
  "virtual-private-gateway": "virtual private gateway",
  other: "other target",
};

const describeRoute = (r: RouteFact) =>
  `${r.destination} -> ${TARGET_LABEL[r.target]} ${r.remote ? `${r.targetRef} (another site's output)` : r.targetRef} (${r.address})`;

/** Internet egress of `workload` from `subnet`. */
function egress(model: NetworkModel, subnet: SubnetFact, table: string, workload: Workload): Step {
  const kind = subnet.zoneKind;
  const route = routeFor(model, table, "0.0.0.0/0");
  const outpost = kind === "outpost";
  const noRoute: Step = outpost
    ? {
        ok: false,
        code: "EDGE_PATH_OUTPOST_REGION",
        missing:
          "0.0.0.0/0 -> the hub's NAT gateway (through the service link), or -> the local gateway when the on-premises network is the egress",
        problem:
          "the outpost subnet has no path to the region: no default route through the service link and no endpoint for this service",
        fix: "give the outpost subnets the hub's nat gateway in the outpost's availability zone as their region egress (OutpostSubnets regionEgress), or set defaultRouteToLocalGateway when the factory network carries internet traffic",
        source: PATH_SOURCES.serviceLink,
      }
    : {
        ok: false,
        code: "EDGE_PATH_EGRESS",
        missing: `0.0.0.0/0 -> a NAT gateway${kind === "wavelength-zone" ? " or the carrier gateway" : ""}`,
        problem: `the ${zoneKindLabel(kind === "unknown" ? "availability-zone" : kind)} subnet has no default route out of the VPC`,
        fix: "route 0.0.0.0/0 to a NAT gateway in a public subnet (or give the workload an endpoint for each AWS service it calls)",
        source: PATH_SOURCES.natGateway,
      };
  if (!route) return noRoute;
  const link = outpost ? " through the service link" : "";
  switch (route.target) {
    case "nat-gateway": {
      if (route.remote)
        return {
          ok: true,
          via: `NAT gateway ${route.targetRef}${link}`,
          carriedBy: [route.address],
        };
      const nat = model.natGateways.find((n) => n.address === route.targetRef);
      const natSubnet = nat?.subnet ? model.subnets.get(nat.subnet) : undefined;
      const natRoute = natSubnet?.routeTable
        ? routeFor(model, natSubnet.routeTable, "0.0.0.0/0")
        : undefined;
      if (
        nat &&
        natSubnet &&
        natRoute?.target !== "internet-gateway" &&
        natRoute?.target !== "carrier-gateway"
      ) {
        return {
          ok: false,
          code: "EDGE_PATH_EGRESS",
          missing: `0.0.0.0/0 -> internet gateway in ${natSubnet.routeTable ?? "the route table"} of ${natSubnet.address}, the NAT gateway's subnet`,
          problem: `the nat gateway ${nat.address} sits in a subnet with no route to an internet gateway`,
          fix: "put the nat gateway in a public subnet (default route to the internet gateway)",
          source: PATH_SOURCES.natGateway,
        };
      }
      return {
        ok: true,
        via: `NAT gateway ${route.targetRef}${link}`,
        carriedBy: [route.address, ...(natRoute ? [natRoute.address] : [])],
      };
    }
    case "carrier-gateway":
      if (kind !== "wavelength-zone" || !workload.carrierIp) {
        return {
          ok: false,
          code: "EDGE_PATH_CARRIER_IP",
          missing: "a carrier IP on the workload's network interface in a Wavelength Zone subnet",
          problem:
            "the carrier gateway carries traffic only from carrier ip addresses of wavelength zone subnets",
          fix: "launch the workload in a wavelength zone subnet with associate_carrier_ip_address = true",
          source: PATH_SOURCES.carrierIp,
        };
      }
      return {
        ok: true,
        via: `carrier gateway ${route.targetRef} (from the carrier IP)`,
        carriedBy: [route.address],
      };
    case "internet-gateway":
      if (!workload.publicIp && !subnet.mapPublicIp) {
        return {
          ...noRoute,
          missing: `${noRoute.missing}; ${describeRoute(route)} needs a public IP, which the workload does not have`,
        } as Step;
      }
      return {
        ok: true,
        via: `internet gateway ${route.targetRef}${link}`,
        carriedBy: [route.address],
      };
    case "local-gateway":
      return {
        ok: true,
        via: `local gateway ${route.targetRef} to the on-premises network (the site's declared egress)`,
        carriedBy: [route.address],
      };
    case "transit-gateway":
    case "virtual-private-gateway":
      return {
        ok: true,
        via: `${TARGET_LABEL[route.target]} ${route.targetRef} (egress beyond it is not in this stack)`,
        carriedBy: [route.address],
      };
    default:
      return noRoute;
  }
}

/** A route from `subnet` to `cidr` through a local gateway, transit gateway or VPN. */
function privateRoute(model: NetworkModel, table: string, cidr: string, what: string): Step {
  const route = routeFor(model, table, cidr);
  if (
    route &&
    ["local-gateway", "transit-gateway", "virtual-private-gateway"].includes(route.target)
  ) {
    return {
      ok: true,
      via: `${TARGET_LABEL[route.target]} ${route.targetRef}`,
      carriedBy: [route.address],
    };
  }
  return {
    ok: false,
    code: "EDGE_PATH_ON_PREMISES",
    missing: `${cidr} -> a local gateway, transit gateway or virtual private gateway${route ? ` (the table sends it to ${describeRoute(route)})` : ""}`,
    problem: `no route carries ${what} ${cidr}`,
    fix: `add ${cidr} to the routes to the local gateway (OutpostSubnets onPremisesCidrs) or to the transit gateway`,
    source: PATH_SOURCES.localGateway,
  };
}

function siteRoute(
  model: NetworkModel,
  ctx: PathContext,
  subnet: SubnetFact,
  table: string,
  site: string,
): Step {
  const target = ctx.siteBlocks[site];
  const vpcCidr =
    model.vpcCidrs.get(subnet.vpcRef) ??
    (subnet.vpcRef.startsWith("region-hub-outputs output ") ? ctx.hubVpcCidr : undefined);
  const vpc = vpcCidr ? block(vpcCidr) : undefined;
  const want = target ? block(target) : undefined;
  if (vpc && want && contains(vpc, want))
    return {
      ok: true,
      via: `the VPC's local route (${site} ${target} is inside ${vpcCidr})`,
      carriedBy: [],
    };
  if (target) {
    const step = privateRoute(model, table, target, `site ${site}`);
    if (step.ok) return step;
  }
  return {
    ok: false,
    code: "EDGE_PATH_SITE",
    missing: target
      ? `${target} -> a transit gateway`
      : `an address block for ${site} in the environment's network plan`,
    problem: target
      ? `site ${site} (${target}) is outside this subnet's vpc and no route reaches it`
      : `the environment has no block for site ${site}`,
    fix: target
      ? `attach the vpc to the hub's transit gateway and route ${target} to it`
      : `add ${site} to network.sites`,
    source: PATH_SOURCES.localGateway,
  };
}

function serviceRoute(
  model: NetworkModel,
  subnet: SubnetFact,
  table: string,
  workload: Workload,
  service: string,
): Step {
  const outpost = subnet.zoneKind === "outpost";
  const gateway = model.gatewayEndpoints.find(
    (g) => g.routeTable === table && g.service === service,
  );
  if (gateway) {
    return {
      ok: true,
      via: `gateway endpoint ${gateway.endpointRef}${outpost ? " through the service link" : ""}`,
      carriedBy: [gateway.address],
    };
  }
  const iface = model.interfaceEndpoints.find((e) => e.service === service && e.privateDns && e.vpcRef === subnet.vpcRef);
  if (iface) {
    const inZone = iface.subnets
      .map((s) => model.subnets.get(s))
      .find((s) => s?.zoneKind === "local-zone");
    if (inZone) {
      return {
        ok: false,
        code: "EDGE_PATH_LZ_INTERFACE_ENDPOINT",
        missing: `an interface endpoint for ${service} in availability zone subnets`,
        problem: `the interface endpoint ${iface.address} for ${service} has a network interface in the local zone subnet ${inZone.address}, and vpc endpoints cannot be created inside local zone subnets`,
        fix: "place the endpoint's network interfaces in availability zone subnets (the local zone's parent az); local zone subnets reach them over the vpc's local route",
        source: PATH_SOURCES.localZoneEndpoints,
      };
    }
    return {
      ok: true,
      via: `interface endpoint ${iface.address} (VPC local route)`,
      carriedBy: [],
    };
  }
  const out = egress(model, subnet, table, workload);
  if (out.ok) return { ...out, via: `public ${service} endpoint through ${out.via}` };
  if (service === "s3" || service === "dynamodb") {
    return {
      ...out,
      missing: `a gateway endpoint for ${service} on ${table}, or ${out.missing}`,
      source: `${out.source}; ${PATH_SOURCES.gatewayEndpoint}`,
    };
  }
  return { ...out, missing: `an interface endpoint for ${service}, or ${out.missing}` };
}

function clientStep(
  model: NetworkModel,
  ctx: PathContext,
  subnet: SubnetFact,
  table: string,
  w: Workload,
  need: ClientNeed,
): Step {
  if (need === "internet") {
    if (subnet.zoneKind === "wavelength-zone") {
      return {
        ok: false,
        code: "EDGE_PATH_CARRIER_INTERNET_CLIENTS",
        missing: "an inbound path from the internet (a carrier gateway has none)",
        problem:
          "internet clients cannot reach a wavelength zone: the carrier gateway admits only the carrier network",
        fix: 'declare "carrier-network" clients for this workload and serve internet clients from a region or local zone endpoint; answer carrier ips only to carrier clients',
        source: PATH_SOURCES.carrierGateway,
      };
    }
    const route = routeFor(model, table, "0.0.0.0/0");
    if (route?.target === "internet-gateway" && (w.publicIp || subnet.mapPublicIp)) {
      return { ok: true, via: `internet gateway ${route.targetRef}`, carriedBy: [route.address] };
    }
    return {
      ok: false,
      code: "EDGE_PATH_INTERNET_CLIENTS",
      missing:
        route?.target === "internet-gateway"
          ? "a public address on the workload (an internet-facing load balancer)"
          : "0.0.0.0/0 -> internet gateway",
      problem:
        "internet clients have no path to the workload: it needs a public address in a subnet routed to an internet gateway",
      fix: "put an internet-facing load balancer in public subnets (default route to the internet gateway) in front of the workload",
      source: PATH_SOURCES.internetGateway,
    };
  }
  if (need === "carrier-network") {
    const route = routeFor(model, table, "0.0.0.0/0");
    if (
      subnet.zoneKind === "wavelength-zone" &&
      route?.target === "carrier-gateway" &&
      w.carrierIp
    ) {
      return {
        ok: true,
        via: `carrier gateway ${route.targetRef} to the carrier IP`,
        carriedBy: [route.address],
      };
    }
    return {
      ok: false,
      code: "EDGE_PATH_CARRIER_CLIENTS",
      missing:
        subnet.zoneKind !== "wavelength-zone"
          ? "a Wavelength Zone subnet (carrier clients reach only carrier-IP hosts)"
          : route?.target !== "carrier-gateway"
            ? "0.0.0.0/0 -> carrier gateway"
            : "a carrier IP on the workload (associate_carrier_ip_address)",
      problem:
        "carrier clients reach only carrier-ip hosts of wavelength zone subnets through the carrier gateway",
      fix: "run the workload in a wavelength zone subnet routed to the carrier gateway, with a carrier ip",
      source: `${PATH_SOURCES.carrierGateway}; ${PATH_SOURCES.carrierIp}`,
    };
  }
  if ("onPremises" in need)
    return firstFailure(
      need.onPremises.map((c) => privateRoute(model, table, c, "the on-premises clients")),
    );
  return siteRoute(model, ctx, subnet, table, need.site);
}

function callStep(
  model: NetworkModel,
  ctx: PathContext,
  subnet: SubnetFact,
  table: string,
  w: Workload,
  need: CallNeed,
): Step {
  if (need === "internet") return egress(model, subnet, table, w);
  if ("service" in need) return serviceRoute(model, subnet, table, w, need.service);
  if ("onPremises" in need)
    return firstFailure(
      need.onPremises.map((c) => privateRoute(model, table, c, "the on-premises network")),
    );
  return siteRoute(model, ctx, subnet, table, need.site);
}

function firstFailure(steps: Step[]): Step {
  const failed = steps.find((s) => !s.ok);
  if (failed) return failed;
  const ok = steps as Extract<Step, { ok: true }>[];
  return {
    ok: true,
    via: [...new Set(ok.map((s) => s.via))].join("; "),
    carriedBy: ok.flatMap((s) => s.carriedBy),
  };
}

/**
 * Proves a path for every need of every workload, from each subnet the workload runs in, by
 * route and zone kind. Pure function of the model, the workloads and the context.
 */
export function provePaths(
  model: NetworkModel,
  workloads: readonly Workload[],
  ctx: PathContext,
): PathProof {
  const proven: ProvenPath[] = [];
  const missing: MissingPath[] = [];
  for (const w of workloads) {
    const needs = [
      ...w.clients.map((n) => ({ direction: "client" as const, n })),
      ...w.calls.map((n) => ({ direction: "call" as const, n })),
    ];
    if (w.outsideVpc) {
      for (const { direction, n } of needs) {
        if (direction === "call") {
          proven.push({
            workload: w.path,
            direction,
            need: needLabel(n),
            via: "Lambda service network (the function is not attached to a VPC)",
            carriedBy: [],
          });
        } else {
          missing.push({
            code: "EDGE_PATH_NO_SUBNET",
            workload: w.path,
            direction,
            need: needLabel(n),
            missing: "a subnet",
            problem: "a function outside every vpc has no network clients",
            fix: "declare its clients on the endpoint that invokes it, not on the function",
            source: PATH_SOURCES.lambdaNetwork,
          });
        }
      }
      continue;
    }
    if (w.subnets.length === 0 && needs.length > 0) {
      missing.push({
        code: "EDGE_PATH_NO_SUBNET",
        workload: w.path,
        direction: needs[0].direction,
        need: needLabel(needs[0].n),
        missing: "the workload's subnets",
        problem: "no subnet of this stack was found for the workload",
        fix: "pass subnetIds to declareNeeds, or declare the needs on the construct that holds the workload's instances, load balancer or function",
        source: PATH_SOURCES.subnetRouteTable,
      });
      continue;
    }
    for (const address of w.subnets) {
      const subnet = model.subnets.get(address);
      for (const { direction, n } of needs) {
        const base = {
          workload: w.path,
          direction,
          need: needLabel(n),
          subnet: address,
          ...(subnet ? { zoneKind: subnet.zoneKind } : {}),
        };
        if (!subnet?.routeTable) {
          missing.push({
            ...base,
            code: "EDGE_PATH_ROUTE_TABLE",
            missing: "a route table associated with the subnet",
            problem: subnet
              ? "the subnet has no route table association of this stack, so it uses the vpc's main table, whose routes are not known here"
              : "the subnet is not in this stack",
            fix: "associate the subnet with a route table of its own (aws_route_table_association)",
            source: PATH_SOURCES.subnetRouteTable,
          });
          continue;
        }
        const step =
          direction === "client"
            ? clientStep(model, ctx, subnet, subnet.routeTable, w, n as ClientNeed)
            : callStep(model, ctx, subnet, subnet.routeTable, w, n as CallNeed);
        if (step.ok)
          proven.push({
            ...base,
            routeTable: subnet.routeTable,
            via: step.via,
            carriedBy: step.carriedBy,
          });
        else
          missing.push({
            ...base,
            routeTable: subnet.routeTable,
            code: step.code,
            missing: step.missing,
            problem: step.problem,
            fix: step.fix,
            source: step.source,
          });
      }
    }
  }
  return { proven, missing };
}
