import {
  ConfigCheck,
  expectClearOfOtherSites,
  expectDisjoint,
  expectInsideVpc,
  isUnresolved,
  parseCidr,
  parseZone,
  planSubnets,
  type EdgeStack,
  type InstanceTypeOffer,
  type Ipv4Block,
  type Zone,
  type EdgeWarningProps,
} from "@edge/core";
import type { WavelengthTier, WavelengthZoneProps } from "../wavelength-zone";

/** Props with defaults applied, zone parsed and CIDRs planned. */
export interface WavelengthSettings {
  readonly zone: Zone;
  readonly ownVpc: boolean;
  /** The region-side AZ of an own VPC. */
  readonly regionAvailabilityZone?: string;
  readonly tiers: readonly WavelengthTier[];
  /** Create the VPC's carrier gateway. */
  readonly createCarrierGateway: boolean;
  /** The VPC CIDR (own VPC) or the planned hub CIDR the subnets were checked against. */
  readonly vpcCidr: string;
  /** CIDR per tier, and `region` for the region-side block of an own VPC. */
  readonly cidrs: Readonly<Partial<Record<WavelengthTier | "region", string>>>;
  readonly allowedInstanceTypes: InstanceTypeOffer;
  readonly publicPorts: readonly { port: number; protocol: "tcp" | "udp" }[];
  readonly egressPorts: readonly { port: number; protocol: "tcp" | "udp" }[];
  readonly warnings: readonly EdgeWarningProps[];
}

const TIERS: readonly WavelengthTier[] = ["carrier", "private"];

/**
 * Checks every WavelengthZone prop, reporting all problems at once, and plans the subnets. Runs
 * before any resource is created; unresolved tokens are not checked.
 */
export function validateWavelengthProps(
  props: WavelengthZoneProps,
  stack: EdgeStack,
  path: string,
): WavelengthSettings {
  const check = new ConfigCheck();
  const region = stack.environment.region;
  const catalog = stack.catalog;
  const warnings: EdgeWarningProps[] = [];

  // Rules 1 and 2: a Wavelength Zone of the stack's region.
  let zone: Zone | undefined;
  check.collect(() => {
    zone = parseZone(props.zone, { region, path: `${path}.zone`, kinds: ["wavelength-zone"] });
  });

  const ownVpc = props.vpc === undefined;
  if (ownVpc && props.regionAvailabilityZone === undefined) {
    check.fail({
      code: "EDGE_WLZ_REGION_AZ",
      path: `${path}.regionAvailabilityZone`,
      value: undefined,
      problem:
        "a Wavelength VPC of its own needs a region-side availability zone for what cannot live in the zone",
      fix: `set regionAvailabilityZone to an availability zone of ${region}, such as "${region}a"`,
    });
  }
  if (!ownVpc && props.regionAvailabilityZone !== undefined) {
    check.fail({
      code: "EDGE_WLZ_REGION_AZ",
      path: `${path}.regionAvailabilityZone`,
      value: props.regionAvailabilityZone,
      problem:
        "region-side subnets are only created in a VPC of its own; the extended VPC has its own Region subnets",
      fix: "remove regionAvailabilityZone, or remove vpc to give the zone a VPC of its own",
    });
  }
  if (props.regionAvailabilityZone !== undefined) {
    check.collect(() =>
      parseZone(props.regionAvailabilityZone!, {
        region,
        path: `${path}.regionAvailabilityZone`,
        kinds: ["availability-zone"],
      }),
    );
  }

  // Subnet tiers, carrier gateway (rule 6) and rule 3/5 zone features.
  const tiers = props.tiers ?? ["carrier"];
  tiers.forEach((tier, i) => {
    check.expect(TIERS.includes(tier), {
      code: "EDGE_CONFIG_VALUE",
      path: `${path}.tiers[${i}]`,
      value: tier,
      problem: "not one of the allowed values",
      fix: `use ${TIERS.map((t) => `"${t}"`).join(" or ")}`,
    });
    check.expect(tiers.indexOf(tier) === i, {
      code: "EDGE_WLZ_TIER_DUPLICATE",
      path: `${path}.tiers[${i}]`,
      value: tier,
      problem: `tier ${tier} is listed twice`,
      fix: "list each tier once",
    });
  });
  const createCarrierGateway = props.carrierGateway ?? true;
  if (createCarrierGateway && props.carrierGatewayId !== undefined) {
    check.fail({
      code: "EDGE_WLZ_CARRIER_GATEWAY_DUPLICATE",
      path: `${path}.carrierGatewayId`,
      value: props.carrierGatewayId,
      problem:
        "a VPC has one carrier gateway; this construct would create a second one beside the given one",
      fix: "set carrierGateway to false to use the given carrier gateway, or remove carrierGatewayId",
    });
  }
  if (ownVpc && props.carrierGatewayId !== undefined) {
    check.fail({
      code: "EDGE_WLZ_CARRIER_GATEWAY_FOREIGN",
      path: `${path}.carrierGatewayId`,
      value: props.carrierGatewayId,
      problem: "a carrier gateway belongs to one VPC, and this zone gets a new VPC of its own",
      fix: "remove carrierGatewayId (the construct creates the new VPC's carrier gateway), or extend the VPC it belongs to",
    });
  }
  if (createCarrierGateway && tiers.length === 0) {
    check.fail({
      code: "EDGE_WLZ_CARRIER_GATEWAY_NO_SUBNET",
      path: `${path}.tiers`,
      value: tiers,
      problem:
        "a carrier gateway is only available in a VPC that has a Wavelength Zone subnet, and no tier creates one",
      fix: 'add the "carrier" tier, or set carrierGateway to false',
    });
  }
  if (tiers.includes("carrier") && !createCarrierGateway && props.carrierGatewayId === undefined) {
    check.fail({
      code: "EDGE_WLZ_CARRIER_ROUTE",
      path: `${path}.carrierGatewayId`,
      value: undefined,
      problem:
        "the carrier tier routes 0.0.0.0/0 to a carrier gateway, but none is created or given",
      fix: "set carrierGateway to true, or give the VPC's carrierGatewayId",
    });
  }
  if (zone) {
    const z = zone;
    const egress = props.privateEgress ?? "none";
    if (egress === "zone-nat") {
      check.collect(() => catalog.requireFeature(z, "natGateway", `${path}.privateEgress`, egress));
      if (!tiers.includes("private") || !tiers.includes("carrier")) {
        check.fail({
          code: "EDGE_WLZ_NAT_TIERS",
          path: `${path}.privateEgress`,
          value: egress,
          problem:
            "an in-zone NAT gateway needs a carrier subnet to live in and a private subnet to serve",
          fix: 'list both tiers, "carrier" and "private", or set privateEgress to "none"',
        });
      }
    } else {
      check.expect(egress === "none", {
        code: "EDGE_CONFIG_VALUE",
        path: `${path}.privateEgress`,
        value: egress,
        problem: "not one of the allowed values",
        fix: 'use "none" or "zone-nat"',
      });
    }
    if (props.ipv6)
      check.collect(() => catalog.requireFeature(z, "ipv6", `${path}.ipv6`, props.ipv6));
  }

  // Rule 5: the instance types allowed in the zone, overridable with a cited source.
  let allowedInstanceTypes: InstanceTypeOffer = zone
    ? catalog.factsFor(zone).instanceTypes.value
    : [];
  const override = props.allowedInstanceTypes;
  if (override !== undefined) {
    check.expect(Array.isArray(override.instanceTypes) && override.instanceTypes.length > 0, {
      code: "EDGE_FACT_OVERRIDE",
      path: `${path}.allowedInstanceTypes.instanceTypes`,
      value: override.instanceTypes,
      problem: "an instance type override must list at least one type",
      fix: "list the types the zone offers, or remove the override to use the zone catalog",
    });
    check.expect(typeof override.source === "string" && override.source.trim().length >= 10, {
      code: "EDGE_FACT_SOURCE",
      path: `${path}.allowedInstanceTypes.source`,
      value: override.source,
      problem: "an instance type override needs the source it was read in",
      fix: "cite where the list comes from, e.g. the AWS Wavelength page or a describe-instance-type-offerings run with its date",
    });
    allowedInstanceTypes = override.instanceTypes;
  }
  if (props.manageOptIn) {
    warnings.push({
      code: "EDGE_WLZ_ACCESS_REQUEST",
      path: `${path}.manageOptIn`,
      problem:
        `${props.zone}: Wavelength Zones need an access request before the opt-in can succeed ` +
        `(Amazon VPC UG, carrier gateways); terraform apply fails on the opt-in until access is granted`,
    });
  }

  const ports = (
    key: "publicPorts" | "egressPorts",
    given: readonly { port: number; protocol?: string }[],
  ) =>
    given.map((p, i) => {
      const protocol = (p.protocol ?? "tcp") as "tcp" | "udp";
      check.expect(Number.isInteger(p.port) && p.port >= 1 && p.port <= 65535, {
        code: "EDGE_CONFIG_VALUE",
        path: `${path}.${key}[${i}].port`,
        value: p.port,
        problem: "not a port number",
        fix: "use an integer from 1 to 65535",
      });
      check.expect(protocol === "tcp" || protocol === "udp", {
        code: "EDGE_CONFIG_VALUE",
        path: `${path}.${key}[${i}].protocol`,
        value: protocol,
        problem: "not one of the allowed values",
        fix: 'use "tcp" or "udp"',
      });
      return { port: p.port, protocol };
    });
  const publicPorts = ports("publicPorts", props.publicPorts ?? []);
  const egressPorts = ports("egressPorts", props.egressPorts ?? [{ port: 443 }]);

  // Rule 8: CIDRs inside the VPC and disjoint from every other site's block and the hub VPC.
  const { vpcCidr, cidrs } = planCidrs(props, stack, path, ownVpc, tiers, check);

  check.throwIfFailed();
  return {
    zone: zone!,
    ownVpc,
    regionAvailabilityZone: props.regionAvailabilityZone,
    tiers,
    createCarrierGateway,
    vpcCidr,
    cidrs,
    allowedInstanceTypes,
    publicPorts,
    egressPorts,
    warnings,
  };
}

function planCidrs(
  props: WavelengthZoneProps,
  stack: EdgeStack,
  path: string,
  ownVpc: boolean,
  tiers: readonly WavelengthTier[],
  check: ConfigCheck,
): { vpcCidr: string; cidrs: Partial<Record<WavelengthTier | "region", string>> } {
  const env = stack.environment;
  const blockPath =
    props.subnetBlock !== undefined
      ? `${path}.subnetBlock`
      : `environments.${env.name}.network.sites.${stack.site}`;
  const hubCidr = env.network.vpcCidr;
  let block: Ipv4Block | undefined;
  check.collect(() => {
    block = parseCidr(props.subnetBlock ?? stack.addressBlock, blockPath, { min: 16, max: 28 });
  });
  if (!block) return { vpcCidr: hubCidr, cidrs: {} };

  let vpcCidr: string;
  if (ownVpc) {
    // The own VPC is the block: it must stay clear of the hub VPC (they are meant to be joined
    // by a transit gateway, Wavelength quotas and considerations).
    vpcCidr = block.cidr;
    const hub = parseCidr(hubCidr, `environments.${env.name}.network.vpcCidr`);
    expectDisjoint(check, block, hub, {
      path: blockPath,
      problem: `${block.cidr} overlaps the hub VPC ${hubCidr}, so the two VPCs could not be routed to each other`,
      fix: `give the Wavelength VPC a block outside ${hubCidr}`,
    });
  } else {
    vpcCidr = isUnresolved(props.vpc!.cidrBlock) ? hubCidr : props.vpc!.cidrBlock;
    const vpc = parseCidr(vpcCidr, `${path}.vpc.cidrBlock`, { min: 16, max: 28 });
    const fix = `choose a block inside ${vpc.cidr} that no other site uses, or give the zone a VPC of its own`;
    if (!expectInsideVpc(check, vpc, block, { path: blockPath, fix }))
      return { vpcCidr, cidrs: {} };
  }
  expectClearOfOtherSites(check, stack, block, blockPath);
  if (check.failed) return { vpcCidr, cidrs: {} };
  const prefix: Record<WavelengthTier, number> = {
    carrier: props.carrierSubnetPrefixLength ?? 24,
    private: props.privateSubnetPrefixLength ?? 24,
  };
  // Region side of an own VPC: a /23 holds RegionVpc's public /26 and private /24.
  const requests = [
    ...(ownVpc ? [{ name: "region", prefixLength: 23 }] : []),
    ...tiers.map((t) => ({ name: t, prefixLength: prefix[t] })),
  ];
  const cidrs: Partial<Record<WavelengthTier | "region", string>> = {};
  const planned = block;
  check.collect(() => {
    for (const s of planSubnets(planned, requests, blockPath))
      cidrs[s.name as WavelengthTier | "region"] = s.cidr;
  });
  return { vpcCidr, cidrs };
}
