import {
  ConfigCheck,
  expectClearOfOtherSites,
  expectInsideVpc,
  instanceTypeProblem,
  isUnresolved,
  joinPath,
  parseCidr,
  parseZone,
  planSubnets,
  type EdgeStack,
  type Ipv4Block,
  type Zone,
  type EdgeWarningProps,
} from "@edge/core";
import type { LocalZoneEgress, LocalZoneSubnetsProps } from "../local-zone-subnets";

/** How one zone's private subnets reach the internet, after defaults. */
export type ZoneEgressPlan =
  | { readonly mode: "zone-nat" }
  | {
      readonly mode: "region-nat";
      readonly availabilityZone: string;
      readonly natGatewayId: string;
    }
  | { readonly mode: "none" };

/** Props with defaults applied, zones parsed and CIDRs planned. */
export interface LocalZoneSettings {
  readonly zones: readonly Zone[];
  readonly egress: Readonly<Record<string, ZoneEgressPlan>>;
  /** CIDR per `<tier>/<zone>`. */
  readonly subnetCidrs: Readonly<Record<string, string>>;
  /** EBS volume type per zone. */
  readonly ebsVolumeTypes: Readonly<Record<string, string>>;
  readonly instanceTypes: readonly string[];
  /** The VPC CIDR the subnets were checked against (literal). */
  readonly plannedVpcCidr: string;
  readonly egressPorts: readonly { port: number; protocol: "tcp" | "udp" }[];
  /** Coded warnings, for `addEdgeWarning`. */
  readonly warnings: readonly EdgeWarningProps[];
}

const EGRESS_MODES: readonly LocalZoneEgress[] = ["auto", "zone-nat", "region-nat", "none"];

/**
 * Checks every LocalZoneSubnets prop, reporting all problems at once, and plans the subnets.
 * Runs before any resource is created; unresolved tokens are not checked.
 */
export function validateLocalZoneProps(
  props: LocalZoneSubnetsProps,
  stack: EdgeStack,
  path: string,
): LocalZoneSettings {
  const check = new ConfigCheck();
  const catalog = stack.catalog;
  const region = stack.environment.region;
  const warnings: EdgeWarningProps[] = [];

  // Rules 1 and 2: names well formed, in the stack's region, and Local Zones (not AZs or WLZs).
  const zones: Zone[] = [];
  const names = props.zones;
  if (!Array.isArray(names) || names.length === 0) {
    check.fail({
      code: "EDGE_ZONE_COUNT",
      path: `${path}.zones`,
      value: names,
      problem: "at least one Local Zone is required",
      fix: `list the Local Zones to extend the VPC into, e.g. ["${region}-bos-1a"]`,
    });
  }
  const seen = new Map<string, number>();
  (Array.isArray(names) ? names : []).forEach((name, i) => {
    const zonePath = `${path}.zones[${i}]`;
    if (isUnresolved(name)) {
      check.fail({
        code: "EDGE_ZONE_TOKEN",
        path: zonePath,
        value: name,
        problem: "zone names must be known at synth time: they decide which rules apply",
        fix: "write the Local Zone name literally",
      });
      return;
    }
    const first = seen.get(name);
    if (first !== undefined) {
      check.fail({
        code: "EDGE_ZONE_DUPLICATE",
        path: zonePath,
        value: name,
        problem: `${name} is already listed at ${path}.zones[${first}]`,
        fix: "list each Local Zone once",
      });
      return;
    }
    seen.set(name, i);
    check.collect(() =>
      zones.push(parseZone(name, { region, path: zonePath, kinds: ["local-zone"] })),
    );
  });

  // The public tier routes to the hub's internet gateway.
  const igw = props.vpc.internetGatewayId;
  check.expect(igw !== undefined && igw !== "", {
    code: "EDGE_LZ_NO_INTERNET_GATEWAY",
    path: `${path}.vpc.internetGatewayId`,
    value: igw,
    problem:
      "the public Local Zone subnets route 0.0.0.0/0 to the VPC's internet gateway, but the VPC has none",
    fix: "extend a VPC that has an internet gateway (the region-hub VPC publishes internetGatewayId)",
  });

  // Rule 3 and the parent-Region fallback: private egress per zone.
  const mode = props.privateEgress ?? "auto";
  check.expect(EGRESS_MODES.includes(mode), {
    code: "EDGE_CONFIG_VALUE",
    path: `${path}.privateEgress`,
    value: mode,
    problem: "not one of the allowed values",
    fix: `use one of ${EGRESS_MODES.map((m) => `"${m}"`).join(", ")}`,
  });
  const regionEgress = props.regionEgress ?? {};
  for (const key of Object.keys(regionEgress)) {
    if (!zones.some((z) => z.name === key) && !(Array.isArray(names) && names.includes(key))) {
      check.fail({
        code: "EDGE_LZ_EGRESS_UNKNOWN_ZONE",
        path: joinPath(`${path}.regionEgress`, [key]),
        value: key,
        problem: `${key} is not one of the Local Zones of this construct`,
        fix: `key regionEgress by a zone listed in ${path}.zones, or remove the entry`,
      });
    }
  }
  const egress: Record<string, ZoneEgressPlan> = {};
  for (const zone of zones) {
    const given = regionEgress[zone.name];
    const egressPath = joinPath(`${path}.regionEgress`, [zone.name]);
    if (given !== undefined) {
      check.collect(() =>
        parseZone(given.availabilityZone, {
          region,
          path: given.configPath ?? `${egressPath}.availabilityZone`,
          kinds: ["availability-zone"],
        }),
      );
    }
    const natFact = catalog.factsFor(zone).natGateway;
    const chosen =
      mode === "auto" ? (natFact.value ? "zone-nat" : given ? "region-nat" : "missing") : mode;
    switch (chosen) {
      case "zone-nat":
        check.collect(() =>
          catalog.requireFeature(zone, "natGateway", `${path}.privateEgress`, mode),
        );
        egress[zone.name] = { mode: "zone-nat" };
        break;
      case "region-nat":
      case "missing":
        if (!given) {
          check.fail({
            code: "EDGE_LZ_EGRESS_MISSING",
            path: egressPath,
            value: undefined,
            problem:
              chosen === "missing"
                ? `${zone.name} offers no NAT gateway per the zone catalog, so its private subnets need the NAT gateway of an availability zone in ${region}`
                : `privateEgress "region-nat" needs the NAT gateway of an availability zone in ${region} for ${zone.name}`,
            fix: `set regionEgress["${zone.name}"] to { availabilityZone, natGatewayId } of the zone's parent AZ, or set privateEgress to "none"`,
          });
          break;
        }
        egress[zone.name] = {
          mode: "region-nat",
          availabilityZone: given.availabilityZone,
          natGatewayId: given.natGatewayId,
        };
        warnings.push({
          code: "EDGE_LZ_REGION_EGRESS",
          path: given.configPath ?? `${egressPath}.availabilityZone`,
          problem:
            `${zone.name}: private subnets egress through the NAT gateway in ${given.availabilityZone} in the Region ` +
            `(the zone catalog lists no NAT gateway in this Local Zone; fact ${natFact.confidence}): every outbound flow ` +
            `adds the round trip to the Region (latency) and pays Region data transfer plus NAT processing`,
          fix: 'switch to privateEgress "zone-nat" once the zone offers NAT gateways',
        });
        break;
      default:
        egress[zone.name] = { mode: "none" };
    }
  }

  // Rule 5 (Local Zone variant): instance types and EBS volume types from the catalog.
  const instanceTypes = props.instanceTypes ?? [];
  instanceTypes.forEach((type, i) => {
    if (isUnresolved(type)) return;
    // A name EC2 does not have is a typo, whatever the zone: an error, not an unverified offer.
    const unknown = instanceTypeProblem(type);
    if (unknown) {
      check.fail({
        code: "EDGE_INSTANCE_TYPE",
        path: `${path}.instanceTypes[${i}]`,
        value: type,
        problem: unknown.problem,
        fix: unknown.fix,
      });
      return;
    }
    for (const zone of zones) {
      if (catalog.offersInstanceType(zone, type)) continue;
      const fact = catalog.factsFor(zone).instanceTypes;
      const offered = fact.value === "region" ? "every Region type" : fact.value.join(", ");
      if (fact.confidence === "unverified") {
        warnings.push({
          code: "EDGE_ZONE_INSTANCE_TYPE_UNVERIFIED",
          path: `${path}.instanceTypes[${i}]`,
          problem:
            `${zone.name}: instance type ${type} is not in the zone catalog's unverified list (${offered}); ` +
            `the plan-time offering check decides`,
        });
        continue;
      }
      check.fail({
        code: "EDGE_ZONE_INSTANCE_TYPE",
        path: `${path}.instanceTypes[${i}]`,
        value: type,
        problem: `${zone.name} does not offer ${type} per the zone catalog (offers ${offered})`,
        fix: `use one of ${offered}, or override the zone's instanceTypes in the ZoneCatalog with the source you read`,
      });
    }
  });
  const ebsVolumeTypes: Record<string, string> = {};
  for (const zone of zones) {
    const offered = catalog.factsFor(zone).ebsVolumeTypes.value;
    const type = props.ebsVolumeType ?? catalog.defaultEbsVolumeType(zone);
    check.expect(offered.includes(type), {
      code: "EDGE_ZONE_EBS_TYPE",
      path: `${path}.ebsVolumeType`,
      // The value as written: nothing when the type is the catalog's default for the zone.
      value: props.ebsVolumeType,
      problem: `${zone.name} does not offer EBS volume type ${type}${props.ebsVolumeType === undefined ? " (the zone catalog's default)" : ""} per the zone catalog (offers ${offered.join(", ")})`,
      fix: `use ${offered.join(" or ")}, or override the zone's ebsVolumeTypes in the ZoneCatalog with the source you read`,
    });
    ebsVolumeTypes[zone.name] = type;
    if (!catalog.knows(zone.name)) {
      warnings.push({
        code: "EDGE_ZONE_UNCATALOGUED",
        path: `${path}.zones`,
        problem: `${zone.name}: the zone catalog has no entry for this zone and AWS's Local Zones list read into it does not name it; using conservative Local Zone defaults`,
        fix: "check the zone name; add its row from AWS's Available Local Zones page to libs/core/src/lib/catalogs/local-zones.ts, or its facts to the ZoneCatalog with their sources",
      });
    }
  }

  const egressPorts = (props.egressPorts ?? [{ port: 443 }]).map((p, i) => {
    const protocol = p.protocol ?? "tcp";
    check.expect(Number.isInteger(p.port) && p.port >= 1 && p.port <= 65535, {
      code: "EDGE_CONFIG_VALUE",
      path: `${path}.egressPorts[${i}].port`,
      value: p.port,
      problem: "not a port number",
      fix: "use an integer from 1 to 65535",
    });
    check.expect(protocol === "tcp" || protocol === "udp", {
      code: "EDGE_CONFIG_VALUE",
      path: `${path}.egressPorts[${i}].protocol`,
      value: protocol,
      problem: "not one of the allowed values",
      fix: 'use "tcp" or "udp"',
    });
    return { port: p.port, protocol };
  });

  // Rule 8: subnets inside the VPC CIDR and disjoint from every other site's block.
  const plannedVpcCidr = isUnresolved(props.vpc.cidrBlock)
    ? stack.environment.network.vpcCidr
    : props.vpc.cidrBlock;
  const subnetCidrs = planZoneSubnets(props, stack, path, plannedVpcCidr, zones, check);

  check.throwIfFailed();
  return {
    zones,
    egress,
    subnetCidrs,
    ebsVolumeTypes,
    instanceTypes,
    plannedVpcCidr,
    egressPorts,
    warnings,
  };
}

function planZoneSubnets(
  props: LocalZoneSubnetsProps,
  stack: EdgeStack,
  path: string,
  vpcCidr: string,
  zones: readonly Zone[],
  check: ConfigCheck,
): Record<string, string> {
  const blockPath =
    props.subnetBlock !== undefined
      ? `${path}.subnetBlock`
      : `environments.${stack.environment.name}.network.sites.${stack.site}`;
  let vpc: Ipv4Block | undefined;
  let block: Ipv4Block | undefined;
  check.collect(() => {
    vpc = parseCidr(vpcCidr, `${path}.vpc.cidrBlock`, { min: 16, max: 28 });
  });
  check.collect(() => {
    block = parseCidr(props.subnetBlock ?? stack.addressBlock, blockPath, { min: 16, max: 28 });
  });
  if (!vpc || !block) return {};
  const fix = `choose a block inside ${vpc.cidr} that no other site uses`;
  if (!expectInsideVpc(check, vpc, block, { path: blockPath, fix })) return {};
  expectClearOfOtherSites(check, stack, block, blockPath);
  if (check.failed || zones.length === 0) return {};
  const publicPrefix = props.publicSubnetPrefixLength ?? 24;
  const privatePrefix = props.privateSubnetPrefixLength ?? 22;
  const requests = zones.flatMap((z) => [
    {
      name: `public/${z.name}`,
      prefixLength: publicPrefix,
      ...(props.publicSubnetPrefixLength !== undefined ? { prefixPath: `${path}.publicSubnetPrefixLength` } : {}),
    },
    {
      name: `private/${z.name}`,
      prefixLength: privatePrefix,
      ...(props.privateSubnetPrefixLength !== undefined ? { prefixPath: `${path}.privateSubnetPrefixLength` } : {}),
    },
  ]);
  const cidrs: Record<string, string> = {};
  const planned = block;
  check.collect(() => {
    for (const s of planSubnets(planned, requests, blockPath)) cidrs[s.name] = s.cidr;
  });
  return cidrs;
}
