import {
  ConfigCheck,
  expectDisjoint,
  expectInsideVpc,
  isUnresolved,
  parseCidr,
  parseOutpostArn,
  planSubnets,
  type EdgeConfigError,
  type Ipv4Block,
} from "@edge/core";
import type { OutpostRoutingMode, OutpostSubnetsProps } from "../outpost-subnets";
import { checkOutpostSubnetAttributes } from "../subnet-attributes";
import { checkLocalGatewayRouteTableId, COIP_POOL_ID } from "./resource-ids";

/** One subnet with its defaults applied. */
export interface OutpostSubnetSettings {
  readonly name: string;
  readonly prefixLength: number;
  readonly mapCustomerOwnedIpOnLaunch: boolean;
}

/** OutpostSubnets props with defaults applied and CIDRs planned. */
export interface OutpostSubnetsSettings {
  readonly routingMode: OutpostRoutingMode;
  readonly subnets: readonly OutpostSubnetSettings[];
  /** CIDR by subnet name. */
  readonly subnetCidrs: Readonly<Record<string, string>>;
  /** Destinations routed to the local gateway, in config order (the default route last). */
  readonly localGatewayDestinations: readonly string[];
}

const ROUTING_MODES: readonly OutpostRoutingMode[] = ["coip", "direct-vpc-routing"];
// Subnet names become part of construct ids and so of Terraform addresses.
const SUBNET_NAME = /^[a-z][a-z0-9-]{0,30}$/;

/**
 * Checks every OutpostSubnets prop, reporting all problems at once, and plans the subnet CIDRs.
 * Runs before any resource (or data source) is created.
 */
export function validateOutpostSubnetsProps(
  props: OutpostSubnetsProps,
  ctx: { region: string; path: string },
): OutpostSubnetsSettings {
  const { path, region } = ctx;
  const { outpost } = props;
  const check = new ConfigCheck();
  const errors: EdgeConfigError[] = [];

  // Routing mode, and what each mode allows.
  const mode = props.routingMode;
  check.expect(ROUTING_MODES.includes(mode), {
    code: "EDGE_CONFIG_VALUE",
    path: `${path}.routingMode`,
    value: mode,
    problem: "not one of the allowed values",
    fix: 'use "coip" or "direct-vpc-routing"',
  });
  const coip = mode === "coip";
  const pool = props.customerOwnedIpv4Pool;
  if (mode === "direct-vpc-routing" && pool !== undefined) {
    check.fail({
      code: "EDGE_OUTPOST_DVR_COIP",
      path: `${path}.customerOwnedIpv4Pool`,
      value: pool,
      problem:
        "direct VPC routing has no customer-owned IP pool: the subnets' VPC addresses are advertised to the customer network as they are",
      fix: 'remove customerOwnedIpv4Pool, or set routingMode to "coip"',
    });
  } else if (pool !== undefined) {
    // A pool id known only at deploy time (a typed placeholder) is checked by the deploy refusal.
    check.expect(isUnresolved(pool) || COIP_POOL_ID.test(pool), {
      code: "EDGE_OUTPOST_COIP_POOL_ID",
      path: `${path}.customerOwnedIpv4Pool`,
      value: pool,
      problem: "not a customer-owned IPv4 pool id",
      fix: "use the ipv4pool-coip-… id of the pool on the Outpost's local gateway route table, or leave it out to look it up",
    });
  }
  if (props.localGateway === undefined) {
    checkLocalGatewayRouteTableId(
      check,
      props.localGatewayRouteTableId,
      `${path}.localGatewayRouteTableId`,
    );
  }

  // Address blocks.
  const vpcCidr = props.vpc.cidrBlock;
  let vpcBlock: Ipv4Block | undefined;
  if (!isUnresolved(vpcCidr)) {
    check.collect(() => {
      vpcBlock = parseCidr(vpcCidr, `${path}.vpc.cidrBlock`, { min: 16, max: 28 });
    });
  }
  let subnetBlock: Ipv4Block | undefined;
  check.collect(() => {
    subnetBlock = parseCidr(props.subnetBlock, `${path}.subnetBlock`, { min: 16, max: 28 });
  });
  if (
    vpcBlock &&
    subnetBlock &&
    !expectInsideVpc(check, vpcBlock, subnetBlock, { path: `${path}.subnetBlock` })
  ) {
    subnetBlock = undefined;
  }

  // Subnets.
  const specs = Array.isArray(props.subnets) ? props.subnets : [];
  check.expect(specs.length > 0, {
    code: "EDGE_OUTPOST_SUBNET_COUNT",
    path: `${path}.subnets`,
    value: props.subnets,
    problem: "at least one Outpost subnet is required",
    fix: 'list the subnets, e.g. [{ name: "app", prefixLength: 24 }]',
  });
  const names = new Map<string, number>();
  const subnets: OutpostSubnetSettings[] = [];
  const mapDefault = props.mapCustomerOwnedIpOnLaunch ?? coip;
  specs.forEach((spec, i) => {
    const at = `${path}.subnets[${i}]`;
    if (typeof spec.name !== "string" || !SUBNET_NAME.test(spec.name)) {
      check.fail({
        code: "EDGE_OUTPOST_SUBNET_NAME",
        path: `${at}.name`,
        value: spec.name,
        problem: "not a valid subnet name",
        fix: "use lowercase letters, digits and dashes, starting with a letter, at most 31 characters",
      });
    } else if (names.has(spec.name)) {
      check.fail({
        code: "EDGE_OUTPOST_SUBNET_NAME",
        path: `${at}.name`,
        value: spec.name,
        problem: `${spec.name} is already the name of ${path}.subnets[${names.get(spec.name)}]`,
        fix: "give each subnet its own name",
      });
    } else {
      names.set(spec.name, i);
    }

    const prefixLength = spec.prefixLength ?? 24;
    const minPrefix = Math.max(16, subnetBlock?.prefixLength ?? 16);
    check.expect(
      Number.isInteger(prefixLength) && prefixLength >= minPrefix && prefixLength <= 28,
      {
        code: "EDGE_CIDR_SUBNET_PREFIX",
        path: `${at}.prefixLength`,
        value: prefixLength,
        problem: `a subnet carved from ${props.subnetBlock} is /${minPrefix} to /28 (AWS subnets are /16 to /28)`,
        fix: `use a prefix length between /${minPrefix} and /28`,
      },
    );

    // A subnet is on exactly one Outpost: this construct's.
    if (
      spec.outpostArn !== undefined &&
      !isUnresolved(spec.outpostArn) &&
      !isUnresolved(outpost.arn) &&
      spec.outpostArn !== outpost.arn
    ) {
      check.collect(() => {
        const other = parseOutpostArn(spec.outpostArn!, {
          region,
          path: `${at}.outpostArn`,
          availabilityZone: outpost.availabilityZone,
        });
        check.fail({
          code: "EDGE_OUTPOST_SUBNET_OUTPOST",
          path: `${at}.outpostArn`,
          value: spec.outpostArn,
          problem: `the subnet names Outpost ${other.outpostId}, but these subnets are on ${outpost.arn.split("/").pop()}, and a subnet lives on exactly one Outpost`,
          fix: `move the subnet to the config of Outpost ${other.outpostId}, or remove outpostArn`,
        });
      });
    }

    const mapOnLaunch = spec.mapCustomerOwnedIpOnLaunch ?? mapDefault;
    errors.push(
      ...checkOutpostSubnetAttributes(
        {
          outpostArn: outpost.arn,
          availabilityZone: spec.availabilityZone ?? outpost.availabilityZone,
          // In CoIP mode the pool is configured or looked up: either way the subnet has one.
          customerOwnedIpv4Pool: coip ? (pool ?? "(looked up)") : undefined,
          mapCustomerOwnedIpOnLaunch: mapOnLaunch,
        },
        {
          outpostAvailabilityZone: outpost.availabilityZone,
          paths: {
            outpostArn: `${at}.outpostArn`,
            availabilityZone: `${at}.availabilityZone`,
            customerOwnedIpv4Pool: `${path}.customerOwnedIpv4Pool`,
            mapCustomerOwnedIpOnLaunch:
              spec.mapCustomerOwnedIpOnLaunch !== undefined
                ? `${at}.mapCustomerOwnedIpOnLaunch`
                : `${path}.mapCustomerOwnedIpOnLaunch`,
          },
        },
      ),
    );
    subnets.push({ name: spec.name, prefixLength, mapCustomerOwnedIpOnLaunch: mapOnLaunch });
  });

  // Routes to the local gateway.
  const onPrem = Array.isArray(props.onPremisesCidrs) ? props.onPremisesCidrs : [];
  const seen = new Map<string, number>();
  onPrem.forEach((cidr, i) => {
    const at = `${path}.onPremisesCidrs[${i}]`;
    if (isUnresolved(cidr)) return;
    let block: Ipv4Block | undefined;
    check.collect(() => {
      block = parseCidr(cidr, at);
    });
    if (!block) return;
    const first = seen.get(cidr);
    if (first !== undefined) {
      check.fail({
        code: "EDGE_OUTPOST_ONPREM_DUPLICATE",
        path: at,
        value: cidr,
        problem: `${cidr} is already listed at ${path}.onPremisesCidrs[${first}]`,
        fix: "list each on-premises CIDR once",
      });
      return;
    }
    seen.set(cidr, i);
    if (vpcBlock) {
      expectDisjoint(check, block, vpcBlock, {
        code: "EDGE_OUTPOST_ONPREM_OVERLAP",
        path: at,
        value: cidr,
        problem: `on-premises ${cidr} overlaps the VPC ${vpcCidr}: the VPC's local route keeps that traffic inside the VPC`,
        fix:
          block.prefixLength === 0
            ? "remove it and set defaultRouteToLocalGateway to route 0.0.0.0/0 to the local gateway"
            : `renumber the on-premises network or remove it; it must not overlap ${vpcCidr}`,
      });
    }
  });
  const destinations = [...seen.keys()];
  if (props.defaultRouteToLocalGateway) destinations.push("0.0.0.0/0");
  if (mode === "direct-vpc-routing" && destinations.length === 0) {
    check.fail({
      code: "EDGE_OUTPOST_DVR_ROUTE",
      path: `${path}.onPremisesCidrs`,
      value: props.onPremisesCidrs,
      problem:
        "with direct VPC routing, only subnets with a route to the local gateway are advertised over BGP, and no route is configured",
      fix: "list the on-premises CIDRs the Outpost subnets talk to, or set defaultRouteToLocalGateway",
    });
  }

  // Attribute errors, once per (code, path): a construct-wide setting fails every subnet alike.
  const reported = new Set<string>();
  for (const err of errors) {
    const key = `${err.code} ${err.path}`;
    if (reported.has(key)) continue;
    reported.add(key);
    check.fail(err);
  }

  const subnetCidrs: Record<string, string> = {};
  if (!check.failed && subnetBlock) {
    const block = subnetBlock;
    check.collect(() => {
      for (const s of planSubnets(
        block,
        subnets.map((s) => ({ name: s.name, prefixLength: s.prefixLength })),
        `${path}.subnetBlock`,
      )) {
        subnetCidrs[s.name] = s.cidr;
      }
    });
  }
  check.throwIfFailed();

  return { routingMode: mode, subnets, subnetCidrs, localGatewayDestinations: destinations };
}
