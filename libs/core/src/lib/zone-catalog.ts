import { documentedZone, documentedZones } from "./documented-zones";
import { EdgeConfigError } from "./errors";
import { zoneKindLabel, type Zone, type ZoneKind } from "./zones";

/**
 * How firmly a fact is sourced: `verified` was read in AWS or Terraform provider documentation,
 * `secondary` comes from a third-party source (a book, a project, an issue thread), `unverified`
 * could not be confirmed and is used conservatively.
 */
export type FactConfidence = "verified" | "secondary" | "unverified";

/** One fact with the source it was read in. */
export interface Fact<T> {
  readonly value: T;
  readonly confidence: FactConfidence;
  readonly source: string;
}

/** Instance types a zone offers: every type the Region offers, or an explicit list. */
export type InstanceTypeOffer = "region" | readonly string[];

/** Everything the constructs ask about a zone before they create a resource in it. */
export interface ZoneFacts {
  readonly natGateway: Fact<boolean>;
  readonly networkLoadBalancer: Fact<boolean>;
  readonly ipv6: Fact<boolean>;
  readonly interfaceEndpoints: Fact<boolean>;
  readonly transitGatewayAttachment: Fact<boolean>;
  readonly ebsVolumeTypes: Fact<readonly string[]>;
  readonly instanceTypes: Fact<InstanceTypeOffer>;
  readonly optInRequired: Fact<boolean>;
}

const fact = <T>(value: T, confidence: FactConfidence, source: string): Fact<T> => ({ value, confidence, source });

// Sources, quoted where they are cited below.
const SRC = {
  azServices:
    "https://docs.aws.amazon.com/vpc/latest/userguide/configure-subnets.html (availability zones offer every VPC feature of their Region)",
  lzFeatures: "https://aws.amazon.com/about-aws/global-infrastructure/localzones/features/",
  lzNat:
    "https://docs.aws.amazon.com/local-zones/latest/ug/local-zones-connectivity-nat.html (\"For a list of Local Zones that support NAT gateways, see AWS Local Zones features\")",
  lzEndpoints:
    "https://docs.aws.amazon.com/vpc/latest/userguide/Extend_VPCs.html (\"You cannot create VPC endpoints inside Local Zone subnets\")",
  tgwLimits:
    "https://docs.aws.amazon.com/vpc/latest/tgw/tgw-vpc-attachments.html (\"You can't create an attachment for a VPC subnet that resides in a Local Zone\")",
  lzTgwParent:
    "https://docs.aws.amazon.com/local-zones/latest/ug/local-zones-connectivity-transit-gateway-lzs.html (\"You must create a transit gateway attachment in the parent zone\")",
  lzOptIn: "https://docs.aws.amazon.com/local-zones/latest/ug/getting-started.html (\"To use a Local Zone, you must first enable it\")",
  lzIpv6: "Amazon VPC UG (archived) listed IPv6 only for us-west-2-lax-1a/1b; terraform-aws-vpc #1224",
  lzNlb: "openshift-docs PR #60771 (Local Zones support ALB only); Packt 'AWS for Solutions Architects' excerpt",
  lzGp2: "openshift-docs PR #60771 (gp3 is not offered in every Local Zone; gp2 is)",
  wlCarrier: "https://docs.aws.amazon.com/vpc/latest/userguide/Carrier_Gateway.html (\"A carrier gateway supports IPv4 traffic\")",
  wlQuotas:
    "https://docs.aws.amazon.com/wavelength/latest/developerguide/wavelength-quotas.html (networking, EC2 and EBS considerations)",
  wlNlb: "AWS blog on DNS load balancing at the edge (\"NLB isn't supported in AWS Wavelength Zones\"); kubernetes-sigs/cluster-api-provider-aws #4901",
  wlTypes:
    "Verizon 5GEdgeTutorials variables.tf validation and the OpenShift Wavelength enhancement (t3.medium, t3.xlarge, r5.2xlarge, g4dn.2xlarge); newer zones may offer more",
  wlGp2: "OpenShift Wavelength enhancement (\"Only EBS Type gp2 is supported\")",
  wlOptIn:
    "https://docs.aws.amazon.com/vpc/latest/userguide/Carrier_Gateway.html (\"You need to request access … before you opt in\")",
  wlEndpoints: "OpenShift Wavelength enhancement quoting the Wavelength guide: VPC endpoints belong in an AZ of the VPC",
  ebsTypes: "https://docs.aws.amazon.com/ebs/latest/userguide/ebs-volume-types.html",
  lzBos:
    "https://docs.aws.amazon.com/local-zones/latest/ug/available-local-zones.html (us-east-1-bos-1a, network border group us-east-1-bos-1, parent Region us-east-1)",
  lzLax:
    "https://docs.aws.amazon.com/local-zones/latest/ug/available-local-zones.html (us-west-2-lax-1a is in Los Angeles, us-west-2 the parent Region, network border group us-west-2-lax-1)",
  wlBos:
    "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_AvailabilityZone.html (\"Wavelength Zones - us-east-1-wl1-bos-wlz-1\"); Wavelength Zone on the Verizon network (AWS Wavelength developer guide, available Wavelength Zones)",
} as const;

const AZ_FACTS: ZoneFacts = {
  natGateway: fact(true, "verified", SRC.azServices),
  networkLoadBalancer: fact(true, "verified", SRC.azServices),
  ipv6: fact(true, "verified", SRC.azServices),
  interfaceEndpoints: fact(true, "verified", SRC.azServices),
  transitGatewayAttachment: fact(true, "verified", SRC.tgwLimits),
  ebsVolumeTypes: fact(["gp3", "gp2", "io2", "io1", "st1", "sc1"], "verified", SRC.ebsTypes),
  instanceTypes: fact("region", "verified", SRC.azServices),
  optInRequired: fact(false, "verified", SRC.azServices),
};

/** Conservative facts for a Local Zone that has no entry of its own. */
const LOCAL_ZONE_DEFAULTS: ZoneFacts = {
  natGateway: fact(false, "unverified", SRC.lzNat),
  networkLoadBalancer: fact(false, "secondary", SRC.lzNlb),
  ipv6: fact(false, "secondary", SRC.lzIpv6),
  interfaceEndpoints: fact(false, "verified", SRC.lzEndpoints),
  transitGatewayAttachment: fact(false, "verified", SRC.tgwLimits),
  ebsVolumeTypes: fact(["gp2"], "secondary", SRC.lzGp2),
  instanceTypes: fact(["t3.medium", "t3.xlarge", "c5.2xlarge", "m5.2xlarge", "r5.2xlarge"], "unverified", SRC.lzFeatures),
  optInRequired: fact(true, "verified", SRC.lzOptIn),
};

/** Facts for a Wavelength Zone that has no entry of its own. */
const WAVELENGTH_DEFAULTS: ZoneFacts = {
  natGateway: fact(false, "secondary", SRC.wlNlb),
  networkLoadBalancer: fact(false, "verified", SRC.wlNlb),
  ipv6: fact(false, "verified", SRC.wlCarrier),
  interfaceEndpoints: fact(false, "secondary", SRC.wlEndpoints),
  transitGatewayAttachment: fact(false, "verified", SRC.wlQuotas),
  ebsVolumeTypes: fact(["gp2"], "secondary", SRC.wlGp2),
  instanceTypes: fact(["t3.medium", "t3.xlarge", "r5.2xlarge", "g4dn.2xlarge"], "secondary", SRC.wlTypes),
  optInRequired: fact(true, "verified", SRC.wlOptIn),
};

/**
 * Per-zone entries for the zones the shipped sites use. An entry overrides only the facts that
 * differ from its kind's defaults; facts restated here are restated with the source read for
 * that zone.
 */
const ZONES: Record<string, Partial<ZoneFacts>> = {
  // Boston Local Zone, parent Region us-east-1, network border group us-east-1-bos-1 (SRC.lzBos).
  // NAT gateway support per Local Zone is only listed on the Local Zones features page
  // (SRC.lzNat points there), which could not be read when this entry was written: kept false,
  // so private subnets egress through the parent AZ's NAT in the Region (with a warning). Flip it
  // with a ZoneCatalog override citing the features page once confirmed.
  "us-east-1-bos-1a": {
    natGateway: fact(false, "unverified", `${SRC.lzNat}; ${SRC.lzBos}`),
    // gp3 is not confirmed for this zone (SRC.lzGp2): gp2 only, so the default volume type is gp2.
    ebsVolumeTypes: fact(["gp2"], "secondary", `${SRC.lzGp2}; ${SRC.lzBos}`),
  },
  // Los Angeles Local Zone, parent Region us-west-2, network border group us-west-2-lax-1 (SRC.lzLax).
  // IPv6: the archived VPC guide listed IPv6 for us-west-2-lax-1a/1b only (SRC.lzIpv6). NAT
  // gateways and gp3 are as unconfirmed as in Boston (the features page could not be read): kept
  // at the conservative Local Zone defaults, so private egress uses the hub's NAT in us-west-2.
  "us-west-2-lax-1a": {
    ipv6: fact(true, "secondary", `${SRC.lzIpv6}; ${SRC.lzLax}`),
    natGateway: fact(false, "unverified", `${SRC.lzNat}; ${SRC.lzLax}`),
    ebsVolumeTypes: fact(["gp2"], "secondary", `${SRC.lzGp2}; ${SRC.lzLax}`),
  },
  // Boston Wavelength Zone on Verizon (SRC.wlBos). Instance types: the historical Wavelength list
  // (SRC.wlTypes); the plan-time offering check reads the account's real list.
  "us-east-1-wl1-bos-wlz-1": {
    instanceTypes: fact(["t3.medium", "t3.xlarge", "r5.2xlarge", "g4dn.2xlarge"], "secondary", `${SRC.wlTypes}; ${SRC.wlBos}`),
    ebsVolumeTypes: fact(["gp2"], "secondary", `${SRC.wlGp2}; ${SRC.wlBos}`),
  },
};

/** Zone capabilities that some zone kinds lack; see {@link ZoneCatalog.requireFeature}. */
export type ZoneFeature = "natGateway" | "networkLoadBalancer" | "ipv6" | "interfaceEndpoints" | "transitGatewayAttachment";

const FEATURE_RULES: Record<ZoneFeature, { code: string; label: string; fix: (zone: Zone) => string }> = {
  natGateway: {
    code: "EDGE_ZONE_NO_NAT",
    label: "NAT gateways",
    fix: (z) =>
      z.kind === "wavelength-zone"
        ? "send internet traffic out through the carrier gateway, or keep the subnet private"
        : `route private egress through a NAT gateway in the parent availability zone of ${z.region}`,
  },
  networkLoadBalancer: {
    code: "EDGE_ZONE_NO_NLB",
    label: "Network Load Balancers",
    fix: () => "use an Application Load Balancer or DNS-weighted records across instances",
  },
  ipv6: {
    code: "EDGE_ZONE_NO_IPV6",
    label: "IPv6",
    fix: () => "leave IPv6 off for subnets in this zone",
  },
  interfaceEndpoints: {
    code: "EDGE_ZONE_NO_INTERFACE_ENDPOINT",
    label: "interface VPC endpoints",
    fix: (z) => `place the endpoint in a subnet of an availability zone of ${z.region}`,
  },
  transitGatewayAttachment: {
    code: "EDGE_ZONE_NO_TGW_ATTACHMENT",
    label: "transit gateway attachment subnets",
    fix: (z) => `attach the VPC through a subnet in an availability zone of ${z.region} (the zone's parent AZ)`,
  },
};

/**
 * Catalog of zone facts. Constructs ask it instead of hard-coding what a zone offers; a site
 * can pass overrides (for example a newer Wavelength instance list) with the source it read.
 */
export class ZoneCatalog {
  constructor(private readonly overrides: Readonly<Record<string, Partial<ZoneFacts>>> = {}) {}

  /** The facts for `zone`: its kind's defaults, the shipped entry, then overrides. */
  factsFor(zone: Pick<Zone, "kind" | "name">): ZoneFacts {
    const base = defaultsFor(zone.kind);
    return { ...base, ...(ZONES[zone.name] ?? {}), ...(this.overrides[zone.name] ?? {}) };
  }

  /**
   * True when the catalog knows the zone: an entry of its own, an override, or a Local or
   * Wavelength Zone listed from its AWS page (catalogs/local-zones.ts, catalogs/wavelength-zones.ts).
   * A listed zone without an entry gets its kind's conservative defaults.
   */
  knows(zoneName: string): boolean {
    return zoneName in ZONES || zoneName in this.overrides || documentedZone(zoneName) !== undefined;
  }

  /** Every zone name the catalog knows (see {@link knows}), sorted. */
  knownZoneNames(): string[] {
    const names = [...Object.keys(ZONES), ...Object.keys(this.overrides), ...documentedZones().map((z) => z.name)];
    return [...new Set(names)].sort();
  }

  /** Whether the catalog says `zone` offers `feature`. */
  supports(zone: Pick<Zone, "kind" | "name">, feature: ZoneFeature): boolean {
    return this.factsFor(zone)[feature].value;
  }

  /**
   * Throws `EdgeConfigError` when the catalog says `zone` lacks `feature`: `EDGE_ZONE_NO_NAT`,
   * `EDGE_ZONE_NO_NLB`, `EDGE_ZONE_NO_IPV6`, `EDGE_ZONE_NO_INTERFACE_ENDPOINT` or
   * `EDGE_ZONE_NO_TGW_ATTACHMENT`. `value` is what the config said (default: the zone name).
   */
  requireFeature(zone: Zone, feature: ZoneFeature, path: string, value: unknown = zone.name): void {
    if (this.supports(zone, feature)) return;
    const rule = FEATURE_RULES[feature];
    throw new EdgeConfigError({
      code: rule.code,
      path,
      value,
      problem: `${zone.name} is ${withArticle(zoneKindLabel(zone.kind))} and offers no ${rule.label}`,
      fix: rule.fix(zone),
    });
  }

  /** The volume type to use when none is given: gp3 where offered, else gp2, else the first listed. */
  defaultEbsVolumeType(zone: Pick<Zone, "kind" | "name">): string {
    const types = this.factsFor(zone).ebsVolumeTypes.value;
    return types.includes("gp3") ? "gp3" : types.includes("gp2") ? "gp2" : types[0];
  }

  /** Whether `instanceType` may run in `zone`. */
  offersInstanceType(zone: Pick<Zone, "kind" | "name">, instanceType: string): boolean {
    const offer = this.factsFor(zone).instanceTypes.value;
    return offer === "region" || offer.includes(instanceType);
  }
}

function defaultsFor(kind: ZoneKind): ZoneFacts {
  switch (kind) {
    case "local-zone":
      return LOCAL_ZONE_DEFAULTS;
    case "wavelength-zone":
      return WAVELENGTH_DEFAULTS;
    default:
      return AZ_FACTS;
  }
}

function withArticle(label: string): string {
  return `${/^[aeiou]/i.test(label) ? "an" : "a"} ${label}`;
}

/** The shared catalog with no overrides. */
export const zoneCatalog = new ZoneCatalog();
