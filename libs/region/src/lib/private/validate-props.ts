import { ConfigCheck, expectInsideVpc, parseCidr, parseZone, planSubnets, type Ipv4Block } from "@edge/core";
import type { RegionVpcProps } from "../region-vpc";

/** How NAT gateways are laid out. */
export type NatGatewayMode = "per-az" | "single" | "none";

/** Props with defaults applied and CIDRs planned. */
export interface RegionVpcSettings {
  readonly availabilityZones: readonly string[];
  readonly natGateways: NatGatewayMode;
  readonly mapPublicIpOnLaunch: boolean;
  readonly s3GatewayEndpoint: boolean;
  readonly instanceConnectEndpoint: boolean;
  readonly flowLogRetentionDays: number;
  readonly flowLogAggregationSeconds: 60 | 600;
  /** CIDR per `<tier>/<az>`. */
  readonly subnetCidrs: Readonly<Record<string, string>>;
}

// CloudWatch Logs PutRetentionPolicy: the values retentionInDays accepts.
const RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

/**
 * Checks every RegionVpc prop, reporting all problems at once, and plans the subnet CIDRs. Runs
 * before any resource is created.
 */
export function validateRegionVpcProps(
  props: RegionVpcProps,
  ctx: { region: string; path: string; defaults: { natGateways: NatGatewayMode; flowLogRetentionDays: number } },
): RegionVpcSettings {
  const { path } = ctx;
  const check = new ConfigCheck();

  let vpcBlock: Ipv4Block | undefined;
  check.collect(() => {
    // Amazon VPC: "The allowed block size is between a /16 netmask and /28 netmask".
    vpcBlock = parseCidr(props.cidrBlock, `${path}.cidrBlock`, { min: 16, max: 28 });
  });
  let subnetBlock = vpcBlock;
  if (props.subnetBlock !== undefined) {
    check.collect(() => {
      subnetBlock = parseCidr(props.subnetBlock!, `${path}.subnetBlock`, { min: 16, max: 28 });
    });
    if (vpcBlock && subnetBlock && !expectInsideVpc(check, vpcBlock, subnetBlock, { path: `${path}.subnetBlock` })) {
      subnetBlock = undefined;
    }
  }

  const azs = props.availabilityZones;
  if (!Array.isArray(azs) || azs.length === 0) {
    check.fail({
      code: "EDGE_AZ_COUNT",
      path: `${path}.availabilityZones`,
      value: azs,
      problem: "at least one availability zone is required",
      fix: `list the AZs explicitly, e.g. ["${ctx.region}a", "${ctx.region}b"]`,
    });
  }
  const seen = new Map<string, number>();
  (Array.isArray(azs) ? azs : []).forEach((az, i) => {
    const azPath = `${path}.availabilityZones[${i}]`;
    check.collect(() => parseZone(az, { region: ctx.region, path: azPath, kinds: ["availability-zone"] }));
    const first = seen.get(az);
    if (first !== undefined) {
      check.fail({
        code: "EDGE_AZ_DUPLICATE",
        path: azPath,
        value: az,
        problem: `${az} is already listed at ${path}.availabilityZones[${first}]`,
        fix: "list each availability zone once",
      });
    } else {
      seen.set(az, i);
    }
  });

  const natGateways = props.natGateways ?? ctx.defaults.natGateways;
  check.expect(["per-az", "single", "none"].includes(natGateways), {
    code: "EDGE_CONFIG_VALUE",
    path: `${path}.natGateways`,
    value: natGateways,
    problem: "not one of the allowed values",
    fix: 'use "per-az", "single" or "none"',
  });

  const retention = props.flowLogRetentionDays ?? ctx.defaults.flowLogRetentionDays;
  check.expect(RETENTION_DAYS.includes(retention), {
    code: "EDGE_LOG_RETENTION",
    path: `${path}.flowLogRetentionDays`,
    value: retention,
    problem: "CloudWatch Logs does not accept this retention period",
    fix: `use one of ${RETENTION_DAYS.join(", ")}`,
  });
  const aggregation = props.flowLogAggregationSeconds ?? 600;
  check.expect(aggregation === 60 || aggregation === 600, {
    code: "EDGE_CONFIG_VALUE",
    path: `${path}.flowLogAggregationSeconds`,
    value: aggregation,
    problem: "flow logs aggregate over 60 or 600 seconds only",
    fix: "use 60 or 600",
  });

  const publicPrefix = props.publicSubnetPrefixLength ?? 24;
  const privatePrefix = props.privateSubnetPrefixLength ?? 22;
  const subnetCidrs: Record<string, string> = {};
  if (!check.failed && subnetBlock) {
    const block = subnetBlock;
    const requests = (azs as string[]).flatMap((az) => [
      {
        name: `public/${az}`,
        prefixLength: publicPrefix,
        ...(props.publicSubnetPrefixLength !== undefined ? { prefixPath: `${path}.publicSubnetPrefixLength` } : {}),
      },
      {
        name: `private/${az}`,
        prefixLength: privatePrefix,
        ...(props.privateSubnetPrefixLength !== undefined ? { prefixPath: `${path}.privateSubnetPrefixLength` } : {}),
      },
    ]);
    check.collect(() => {
      const where = props.subnetBlock !== undefined ? `${path}.subnetBlock` : `${path}.cidrBlock`;
      for (const s of planSubnets(block, requests, where)) subnetCidrs[s.name] = s.cidr;
    });
  }
  check.throwIfFailed();

  return {
    availabilityZones: azs,
    natGateways,
    mapPublicIpOnLaunch: props.mapPublicIpOnLaunch ?? false,
    s3GatewayEndpoint: props.s3GatewayEndpoint ?? true,
    instanceConnectEndpoint: props.instanceConnectEndpoint ?? true,
    flowLogRetentionDays: retention,
    flowLogAggregationSeconds: aggregation,
    subnetCidrs,
  };
}
