import { tryParseZone, type ZoneKind } from "../zones";

/** What a route sends traffic to. */
export type TargetKind =
  | "internet-gateway"
  | "nat-gateway"
  | "carrier-gateway"
  | "local-gateway"
  | "transit-gateway"
  | "virtual-private-gateway"
  | "other";

/** One `aws_route` of the stack. */
export interface RouteFact {
  readonly address: string;
  readonly routeTable: string;
  readonly destination: string;
  readonly target: TargetKind;
  /** The target as written: an address (`aws_nat_gateway.x`), a remote output, or an id. */
  readonly targetRef: string;
  /** True when the target is read from another site's outputs (`terraform_remote_state`). */
  readonly remote: boolean;
}

/** A gateway endpoint on a route table (an `aws_vpc_endpoint` or an association). */
export interface GatewayEndpointFact {
  /** The resource that puts the endpoint on the table. */
  readonly address: string;
  readonly routeTable: string;
  /** `s3` or `dynamodb`. */
  readonly service: string;
  readonly endpointRef: string;
}

/** An interface endpoint and the subnets of its network interfaces. */
export interface InterfaceEndpointFact {
  readonly address: string;
  readonly service: string;
  readonly subnets: readonly string[];
  readonly privateDns: boolean;
  readonly vpcRef: string;
}

/** A subnet of the stack with its zone and route table. */
export interface SubnetFact {
  readonly address: string;
  readonly zone: string;
  readonly zoneKind: ZoneKind | "unknown";
  /** The associated route table; undefined when the subnet uses the VPC's main table. */
  readonly routeTable?: string;
  readonly vpcRef: string;
  readonly mapPublicIp: boolean;
}

/** An in-stack NAT gateway and the subnet it lives in. */
export interface NatGatewayFact {
  readonly address: string;
  readonly subnet?: string;
}

/** The network of one synthesized stack, as the reachability proof reads it. */
export interface NetworkModel {
  readonly subnets: ReadonlyMap<string, SubnetFact>;
  readonly routes: readonly RouteFact[];
  readonly gatewayEndpoints: readonly GatewayEndpointFact[];
  readonly interfaceEndpoints: readonly InterfaceEndpointFact[];
  readonly natGateways: readonly NatGatewayFact[];
  /** CIDR of each in-stack VPC, by address. */
  readonly vpcCidrs: ReadonlyMap<string, string>;
}

type Json = Record<string, unknown>;
type Blocks = Record<string, Record<string, Json>>;

const REF = /\$\{((?:data\.)?[a-z0-9_]+\.[A-Za-z0-9_-]+)/g;

/** Addresses (`aws_subnet.x`, `data.terraform_remote_state.y`) a value refers to. */
export function refsOf(value: unknown): string[] {
  const text = typeof value === "string" ? value : JSON.stringify(value ?? null);
  return [...text.matchAll(REF)].map((m) => m[1]);
}

const REMOTE_OUTPUT = /\$\{data\.terraform_remote_state\.([A-Za-z0-9_-]+)\.outputs\.([^}]+)\}/;

/**
 * The first address a value refers to, or the value itself as text. A site output reads as
 * `<state> output <expression>` (`region-hub-outputs output nat_gateway_ids["us-east-1a"]`).
 */
export function refOrValue(value: unknown): string {
  const text = typeof value === "string" ? value : JSON.stringify(value ?? null);
  const remote = REMOTE_OUTPUT.exec(text);
  if (remote) return `${remote[1]} output ${remote[2]}`;
  return refsOf(value)[0] ?? text;
}

const isRemote = (value: unknown) =>
  refsOf(value).some((r) => r.startsWith("data.terraform_remote_state."));

const first = (value: unknown): Json =>
  Array.isArray(value) ? ((value[0] ?? {}) as Json) : ((value ?? {}) as Json);

/** The service short name of `com.amazonaws.<region>.<service>`. */
export function serviceOf(serviceName: unknown): string {
  const text = String(serviceName ?? "");
  const m = /^com\.amazonaws\.[a-z0-9-]+\.(.+)$/.exec(text);
  return m ? m[1] : text;
}

function targetOf(route: Json): { kind: TargetKind; value: unknown } {
  const pick: [string, TargetKind][] = [
    ["nat_gateway_id", "nat-gateway"],
    ["carrier_gateway_id", "carrier-gateway"],
    ["local_gateway_id", "local-gateway"],
    ["transit_gateway_id", "transit-gateway"],
  ];
  for (const [key, kind] of pick) if (route[key] !== undefined) return { kind, value: route[key] };
  if (route.gateway_id !== undefined) {
    const v = route.gateway_id;
    const text = JSON.stringify(v);
    if (/aws_vpn_gateway|"vgw-|vpn_gateway/.test(text))
      return { kind: "virtual-private-gateway", value: v };
    return { kind: "internet-gateway", value: v };
  }
  for (const key of [
    "vpc_peering_connection_id",
    "network_interface_id",
    "vpc_endpoint_id",
    "egress_only_gateway_id",
  ]) {
    if (route[key] !== undefined) return { kind: "other", value: route[key] };
  }
  return { kind: "other", value: undefined };
}

/**
 * Reads the network of a synthesized stack (`cdk.tf.json`): subnets with their zone kind (an
 * `outpost_arn` makes an Outpost subnet; otherwise the zone name's pattern), route table
 * associations, routes and their targets, gateway endpoints on route tables, interface
 * endpoints with their subnets, and in-stack NAT gateways. Pure function of the JSON.
 */
export function networkModelOf(json: Readonly<Record<string, unknown>>): NetworkModel {
  const r = (json.resource ?? {}) as Blocks;
  const of = (type: string) =>
    Object.entries(r[type] ?? {}).map(([name, body]) => ({ address: `${type}.${name}`, body }));

  const tableOf = new Map<string, string>();
  for (const a of of("aws_route_table_association")) {
    const s = refsOf(a.body.subnet_id)[0];
    const t = refsOf(a.body.route_table_id)[0];
    if (s && t) tableOf.set(s, t);
  }
  const subnets = new Map<string, SubnetFact>();
  for (const s of of("aws_subnet")) {
    const zone = typeof s.body.availability_zone === "string" ? s.body.availability_zone : "";
    const outpost = s.body.outpost_arn !== undefined && s.body.outpost_arn !== "";
    const kind: SubnetFact["zoneKind"] = outpost
      ? "outpost"
      : (tryParseZone(zone)?.kind ?? "unknown");
    const table = tableOf.get(s.address);
    subnets.set(s.address, {
      address: s.address,
      zone,
      zoneKind: kind,
      ...(table ? { routeTable: table } : {}),
      vpcRef: refOrValue(s.body.vpc_id),
      mapPublicIp: s.body.map_public_ip_on_launch === true,
    });
  }

  const routes: RouteFact[] = of("aws_route").map((route) => {
    const { kind, value } = targetOf(route.body);
    return {
      address: route.address,
      routeTable: refOrValue(route.body.route_table_id),
      destination: String(
        route.body.destination_cidr_block ?? route.body.destination_prefix_list_id ?? "",
      ),
      target: kind,
      targetRef: refOrValue(value),
      remote: isRemote(value),
    };
  });

  const gatewayEndpoints: GatewayEndpointFact[] = [];
  const interfaceEndpoints: InterfaceEndpointFact[] = [];
  const endpointService = new Map<string, string>();
  for (const e of of("aws_vpc_endpoint")) {
    const service = serviceOf(e.body.service_name);
    endpointService.set(e.address, service);
    const type = String(e.body.vpc_endpoint_type ?? "Gateway");
    if (type === "Gateway") {
      for (const t of refsOf(e.body.route_table_ids)) {
        gatewayEndpoints.push({
          address: e.address,
          routeTable: t,
          service,
          endpointRef: e.address,
        });
      }
    } else if (type === "Interface") {
      interfaceEndpoints.push({
        address: e.address,
        service,
        subnets: refsOf(e.body.subnet_ids),
        privateDns: e.body.private_dns_enabled !== false,
        vpcRef: refOrValue(e.body.vpc_id),
      });
    }
  }
  for (const a of of("aws_vpc_endpoint_route_table_association")) {
    const endpointRef = refOrValue(a.body.vpc_endpoint_id);
    // An endpoint of another stack (read from a site's outputs) names its service in the
    // association's `//` metadata (`edge_paths.service`), written by the construct that made it.
    const meta = first((a.body["//"] as Json | undefined)?.edge_paths);
    const service =
      endpointService.get(endpointRef) ??
      (typeof meta.service === "string" ? meta.service : "unknown");
    gatewayEndpoints.push({
      address: a.address,
      routeTable: refOrValue(a.body.route_table_id),
      service,
      endpointRef,
    });
  }

  const natGateways: NatGatewayFact[] = of("aws_nat_gateway").map((n) => {
    const subnet = refsOf(n.body.subnet_id)[0];
    return { address: n.address, ...(subnet ? { subnet } : {}) };
  });
  const vpcCidrs = new Map<string, string>();
  for (const v of of("aws_vpc"))
    if (typeof v.body.cidr_block === "string") vpcCidrs.set(v.address, v.body.cidr_block);

  return { subnets, routes, gatewayEndpoints, interfaceEndpoints, natGateways, vpcCidrs };
}
