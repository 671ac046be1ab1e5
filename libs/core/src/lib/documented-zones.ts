import { LOCAL_ZONES, LOCAL_ZONES_SOURCE } from "./catalogs/local-zones";
import { WAVELENGTH_ZONES, WAVELENGTH_ZONES_SOURCE } from "./catalogs/wavelength-zones";
import type { ZoneKind } from "./zones";

/** The identity of a Local Zone or Wavelength Zone, as its AWS page lists it. */
export interface DocumentedZone {
  readonly kind: Extract<ZoneKind, "local-zone" | "wavelength-zone">;
  readonly name: string;
  readonly zoneId: string;
  /** Parent Region. */
  readonly region: string;
  /** Network border group, where the page gives one (Local Zones). */
  readonly networkBorderGroup?: string;
  /** Parent zone ID, where the page gives one (Local Zones). */
  readonly parentZoneId?: string;
  /** The page the row was read on. */
  readonly source: string;
}

const BY_NAME: ReadonlyMap<string, DocumentedZone> = new Map(
  [
    ...LOCAL_ZONES.map((z): DocumentedZone => ({ kind: "local-zone", ...z, source: LOCAL_ZONES_SOURCE })),
    ...WAVELENGTH_ZONES.map(
      ({ name, zoneId, region }): DocumentedZone => ({ kind: "wavelength-zone", name, zoneId, region, source: WAVELENGTH_ZONES_SOURCE }),
    ),
  ].map((z) => [z.name, z]),
);

/** Every documented Local Zone and Wavelength Zone (catalogs/local-zones.ts, catalogs/wavelength-zones.ts). */
export function documentedZones(): readonly DocumentedZone[] {
  return [...BY_NAME.values()];
}

/** The documented identity of the zone called `name`, or undefined for a zone not listed. */
export function documentedZone(name: string): DocumentedZone | undefined {
  return BY_NAME.get(name);
}

/**
 * The network border group of the zone called `name`: the documented one where its AWS page
 * gives it, else `derived` (the rule of `tryParseZone`). Elastic IPs used in a Local or
 * Wavelength Zone must come from this group (EC2 API reference, AllocateAddress
 * `NetworkBorderGroup`: "Use this parameter to limit the IP address to this location. IP
 * addresses cannot move between network border groups").
 */
export function networkBorderGroupOf(
  name: string,
  derived: string,
  lookup: (name: string) => Pick<DocumentedZone, "networkBorderGroup"> | undefined = documentedZone,
): string {
  return lookup(name)?.networkBorderGroup ?? derived;
}
