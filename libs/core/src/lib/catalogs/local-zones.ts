/**
 * Local Zones as AWS documents them: AWS Local Zones User Guide, "Available Local Zones"
 * (https://docs.aws.amazon.com/local-zones/latest/ug/available-local-zones.html), table "North
 * America", columns Local Zone Name, Local Zone ID, Network Border Group, Parent Region Name and
 * Parent Zone ID ("The ID of the parent AWS zone that handles some of the Local Zone control
 * plane operations, such as API calls").
 *
 * Only the rows read on that page are listed, in the page's order: the first seven rows of its
 * North America table (the last two read in the page's zh_tw translation, which shows the same
 * table). The page also has tables for South America, Europe, Asia Pacific and Africa that were
 * not read; add their rows here, copied from the page, rather than guessing names. A Local Zone
 * not listed still parses (see `tryParseZone`) and gets the conservative Local Zone defaults of
 * the zone catalog; the site generator refuses it until it is listed here.
 */
export const LOCAL_ZONES_SOURCE = "https://docs.aws.amazon.com/local-zones/latest/ug/available-local-zones.html";

/** One documented Local Zone. */
export interface DocumentedLocalZone {
  readonly name: string;
  readonly zoneId: string;
  readonly networkBorderGroup: string;
  /** Parent Region. */
  readonly region: string;
  readonly parentZoneId: string;
}

// name, zone ID, network border group, parent Region, parent zone ID (LOCAL_ZONES_SOURCE).
const ROWS: readonly (readonly [string, string, string, string, string])[] = [
  ["us-east-1-qro-1a", "use1-qro1-az1", "us-east-1-qro-1", "us-east-1", "use1-az1"], // México (Querétaro)
  ["us-east-1-atl-2a", "use1-atl2-az1", "us-east-1-atl-2", "us-east-1", "use1-az5"], // US East (Atlanta) 2
  ["us-east-1-atl-1a", "use1-atl1-az1", "us-east-1-atl-1", "us-east-1", "use1-az4"], // US East (Atlanta)
  ["us-east-1-bos-1a", "use1-bos1-az1", "us-east-1-bos-1", "us-east-1", "use1-az4"], // US East (Boston)
  ["us-east-1-chi-2a", "use1-chi2-az1", "us-east-1-chi-2", "us-east-1", "use1-az6"], // US East (Chicago) 2
  ["us-east-1-chi-1a", "use1-chi1-az1", "us-east-1-chi-1", "us-east-1", "use1-az5"], // US East (Chicago)
  ["us-east-1-dfw-2a", "use1-dfw2-az1", "us-east-1-dfw-2", "us-east-1", "use1-az4"], // US East (Dallas) 2
];

/** The documented Local Zones, in the page's order. */
export const LOCAL_ZONES: readonly DocumentedLocalZone[] = ROWS.map(
  ([name, zoneId, networkBorderGroup, region, parentZoneId]) => ({ name, zoneId, networkBorderGroup, region, parentZoneId }),
);
