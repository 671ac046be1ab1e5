/**
 * Wavelength Zones as AWS documents them: AWS Wavelength Developer Guide, "Available Wavelength
 * Zones" (https://docs.aws.amazon.com/wavelength/latest/developerguide/available-wavelength-zones.html),
 * one table per parent Region with columns Location, Carrier, Wavelength Zone Name and Wavelength
 * Zone ID. The page gives neither a network border group nor a parent zone: the border group of
 * a Wavelength Zone is its name (EC2 API reference, AvailabilityZone `groupName` and
 * VpcIpv6CidrBlockAssociation `networkBorderGroup`: "for example, us-east-1-wl1-bos-wlz-1"),
 * which `tryParseZone` derives.
 *
 * Only the rows read on that page are listed, in the page's order: the first five rows of its
 * "US East (N. Virginia) Wavelength Zones" table. The page also has tables for US West (Oregon),
 * Asia Pacific (Tokyo), Canada (Central), Europe (London) and Morocco (Casablanca) that were not
 * read; add their rows here, copied from the page, rather than guessing names.
 */
export const WAVELENGTH_ZONES_SOURCE =
  "https://docs.aws.amazon.com/wavelength/latest/developerguide/available-wavelength-zones.html";

/** One documented Wavelength Zone. */
export interface DocumentedWavelengthZone {
  readonly name: string;
  readonly zoneId: string;
  /** Parent Region: the Region whose table lists the zone. */
  readonly region: string;
  readonly carrier: string;
}

// name, zone ID, parent Region (the table's Region), carrier (WAVELENGTH_ZONES_SOURCE).
const ROWS: readonly (readonly [string, string, string, string])[] = [
  ["us-east-1-wl1-atl-wlz-1", "use1-wl1-atl-wlz1", "us-east-1", "Verizon"], // Atlanta
  ["us-east-1-wl1-bos-wlz-1", "use1-wl1-bos-wlz1", "us-east-1", "Verizon"], // Boston
  ["us-east-1-wl1-clt-wlz-1", "use1-wl1-clt-wlz1", "us-east-1", "Verizon"], // Charlotte
  ["us-east-1-wl1-chi-wlz-1", "use1-wl1-chi-wlz1", "us-east-1", "Verizon"], // Chicago
  ["us-east-1-wl1-dfw-wlz-1", "use1-wl1-dfw-wlz1", "us-east-1", "Verizon"], // Dallas
];

/** The documented Wavelength Zones, in the page's order. */
export const WAVELENGTH_ZONES: readonly DocumentedWavelengthZone[] = ROWS.map(([name, zoneId, region, carrier]) => ({
  name,
  zoneId,
  region,
  carrier,
}));
