import { availabilityZonesOf, REGION_SOURCE } from "./catalogs/regions";
import { networkBorderGroupOf } from "./documented-zones";
import { EdgeConfigError } from "./errors";

/** The kinds of zone a subnet can live in. */
export type ZoneKind = "availability-zone" | "local-zone" | "wavelength-zone" | "outpost";

/** A parsed zone name. Outposts are described by {@link OutpostRef} instead. */
export interface Zone {
  readonly kind: Exclude<ZoneKind, "outpost">;
  /** The zone name, e.g. `us-east-1-bos-1a`. */
  readonly name: string;
  /** Parent Region, e.g. `us-east-1`. */
  readonly region: string;
  /**
   * Zone group: the Region for availability zones, the name without its final letter for Local
   * Zones (`us-east-1-bos-1`), the name itself for Wavelength Zones.
   */
  readonly groupName: string;
  /**
   * Network border group EIPs in this zone must be allocated in: the documented one for a zone
   * listed in catalogs/local-zones.ts, else the same rule as `groupName`.
   */
  readonly networkBorderGroup: string;
  /** Metro code for Local and Wavelength Zones (`bos`), undefined for availability zones. */
  readonly metro?: string;
}

/** An Outpost: its ARN and the availability zone it is homed to. */
export interface OutpostRef {
  readonly kind: "outpost";
  readonly arn: string;
  readonly outpostId: string;
  readonly region: string;
  readonly accountId: string;
  /** The Outpost's parent availability zone, e.g. `us-east-1a`. */
  readonly availabilityZone: Zone;
}

// Region codes: two-letter area, optional -gov / -iso partition marker, direction, number.
const REGION = String.raw`[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d+`;
// Availability zone: region + one letter (EC2 UG "Regions and Zones").
const AZ_RE = new RegExp(`^(${REGION})([a-z])$`);
// Local Zone: <region>-<metro>-<n><letter>, group = name minus the letter
// (Local Zones UG "Available Local Zones": us-west-2-lax-1a, network border group us-west-2-lax-1).
const LZ_RE = new RegExp(`^((${REGION})-([a-z]{3})-(\\d+))([a-z])$`);
// Wavelength Zone: <region>-wl1-<metro>-wlz-<n>, group = border group = name
// (EC2 API AvailabilityZone: "Wavelength Zones - us-east-1-wl1-bos-wlz-1").
const WLZ_RE = new RegExp(`^(${REGION})-wl1-([a-z]+\\d*)-wlz-(\\d+)$`);
// Outpost ARN: arn:<partition>:outposts:<region>:<account>:outpost/op-<17 hex> (Outposts API reference).
const OUTPOST_ARN_RE = new RegExp(`^arn:aws(?:-us-gov)?:outposts:(${REGION}):(\\d{12}):outpost/(op-[0-9a-f]{17})$`);
const REGION_RE = new RegExp(`^${REGION}$`);

/** True when `name` is a well-formed Region code such as `us-east-1`. */
export function isRegion(name: string): boolean {
  return REGION_RE.test(name);
}

/** Parses a zone name, or returns undefined when it matches no known pattern. */
export function tryParseZone(name: string): Zone | undefined {
  let m = WLZ_RE.exec(name);
  if (m) {
    return {
      kind: "wavelength-zone",
      name,
      region: m[1],
      groupName: name,
      networkBorderGroup: networkBorderGroupOf(name, name),
      metro: m[2],
    };
  }
  m = LZ_RE.exec(name);
  if (m) {
    return {
      kind: "local-zone",
      name,
      region: m[2],
      groupName: m[1],
      networkBorderGroup: networkBorderGroupOf(name, m[1]),
      metro: m[3],
    };
  }
  m = AZ_RE.exec(name);
  if (m) {
    return { kind: "availability-zone", name, region: m[1], groupName: m[1], networkBorderGroup: m[1] };
  }
  return undefined;
}

const KIND_LABEL: Record<ZoneKind, string> = {
  "availability-zone": "availability zone",
  "local-zone": "Local Zone",
  "wavelength-zone": "Wavelength Zone",
  outpost: "Outpost",
};

const KIND_EXAMPLE: Record<Exclude<ZoneKind, "outpost">, (region: string) => string> = {
  "availability-zone": (r) => `${r}a`,
  "local-zone": (r) => `${r}-bos-1a`,
  "wavelength-zone": (r) => `${r}-wl1-bos-wlz-1`,
};

/** Options for {@link parseZone}. */
export interface ParseZoneOptions {
  /** The stack's region; the zone must belong to it. */
  readonly region: string;
  /** Config path of the zone, for errors. */
  readonly path: string;
  /** The kinds accepted here. @default - every kind */
  readonly kinds?: readonly Exclude<ZoneKind, "outpost">[];
}

/**
 * Parses and checks a zone name: well-formed, in `region`, of an accepted kind. Throws
 * `EdgeConfigError` with `EDGE_ZONE_NAME`, `EDGE_ZONE_REGION` or `EDGE_ZONE_KIND`.
 */
export function parseZone(name: string, options: ParseZoneOptions): Zone {
  const { region, path } = options;
  const kinds = options.kinds ?? ["availability-zone", "local-zone", "wavelength-zone"];
  const zone = typeof name === "string" ? tryParseZone(name) : undefined;
  if (!zone) {
    throw new EdgeConfigError({
      code: "EDGE_ZONE_NAME",
      path,
      value: name,
      problem: "not a zone name",
      fix: `use a name such as ${kinds.map((k) => `"${KIND_EXAMPLE[k](region)}" (${KIND_LABEL[k]})`).join(" or ")}`,
    });
  }
  if (zone.region !== region) {
    throw new EdgeConfigError({
      code: "EDGE_ZONE_REGION",
      path,
      value: name,
      problem: `zone belongs to ${zone.region}, not to the stack's region ${region}`,
      fix: `use a zone of ${region} or deploy this site to ${zone.region}`,
    });
  }
  if (!kinds.includes(zone.kind)) {
    throw new EdgeConfigError({
      code: "EDGE_ZONE_KIND",
      path,
      value: name,
      problem: `${name} is ${withArticle(KIND_LABEL[zone.kind])}, expected ${kinds.map((k) => withArticle(KIND_LABEL[k])).join(" or ")}`,
      fix:
        zone.kind === "availability-zone"
          ? `list ${name} with the Region subnets, not as an edge zone`
          : `put ${name} in the ${KIND_LABEL[zone.kind]} site's config, not here`,
    });
  }
  const known = zone.kind === "availability-zone" ? availabilityZonesOf(zone.region) : undefined;
  if (known && !known.includes(zone.name)) {
    throw new EdgeConfigError({
      code: "EDGE_ZONE_UNKNOWN",
      path,
      value: name,
      problem: `${zone.region} has no availability zone ${zone.name}`,
      fix: `use one of ${known.join(", ")} (${REGION_SOURCE})`,
    });
  }
  return zone;
}

/** Options for {@link parseOutpostArn}. */
export interface ParseOutpostOptions {
  readonly region: string;
  readonly path: string;
  /** The Outpost's availability zone (from config); checked against the region. */
  readonly availabilityZone: string;
  /** Config path of the availability zone. @default `${path}` with `.availabilityZone` */
  readonly availabilityZonePath?: string;
}

/** Parses an Outpost ARN and its home AZ; both must belong to `region`. */
export function parseOutpostArn(arn: string, options: ParseOutpostOptions): OutpostRef {
  const m = typeof arn === "string" ? OUTPOST_ARN_RE.exec(arn) : null;
  if (!m) {
    throw new EdgeConfigError({
      code: "EDGE_OUTPOST_ARN",
      path: options.path,
      value: arn,
      problem: "not an Outpost ARN",
      fix: `use arn:aws:outposts:${options.region}:<account>:outpost/op-<17 hex digits>`,
    });
  }
  if (m[1] !== options.region) {
    throw new EdgeConfigError({
      code: "EDGE_ZONE_REGION",
      path: options.path,
      value: arn,
      problem: `outpost belongs to ${m[1]}, not to the stack's region ${options.region}`,
      fix: `use an Outpost homed to ${options.region} or deploy this site to ${m[1]}`,
    });
  }
  const availabilityZone = parseZone(options.availabilityZone, {
    region: options.region,
    path: options.availabilityZonePath ?? `${options.path}.availabilityZone`,
    kinds: ["availability-zone"],
  });
  return { kind: "outpost", arn, region: m[1], accountId: m[2], outpostId: m[3], availabilityZone };
}

function withArticle(label: string): string {
  return `${/^[aeiou]/i.test(label) ? "an" : "a"} ${label}`;
}

/** Human label of a zone kind, for messages. */
export function zoneKindLabel(kind: ZoneKind): string {
  return KIND_LABEL[kind];
}
