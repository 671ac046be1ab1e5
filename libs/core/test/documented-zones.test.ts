import {
  documentedZone,
  documentedZones,
  LOCAL_ZONES,
  LOCAL_ZONES_SOURCE,
  networkBorderGroupOf,
  parseZone,
  tryParseZone,
  WAVELENGTH_ZONES,
  WAVELENGTH_ZONES_SOURCE,
  ZoneCatalog,
  zoneCatalog,
} from "../src";

// The zone lists are copied from AWS pages: Local Zones UG "Available Local Zones" (zone name,
// zone ID, network border group, parent Region, parent zone ID) and Wavelength Developer Guide
// "Available Wavelength Zones" (zone name, zone ID, carrier, in one table per parent Region).
describe("documented zones", () => {
  const zones = documentedZones();

  it("lists every row of both pages once, each with its page", () => {
    expect(zones).toHaveLength(LOCAL_ZONES.length + WAVELENGTH_ZONES.length);
    expect(new Set(zones.map((z) => z.name)).size).toBe(zones.length);
    expect(new Set(zones.map((z) => z.zoneId)).size).toBe(zones.length);
    for (const z of zones) {
      expect(z.source).toBe(z.kind === "local-zone" ? LOCAL_ZONES_SOURCE : WAVELENGTH_ZONES_SOURCE);
    }
  });

  // Local Zones UG: "The ID is the code of the Local Zone's parent Region followed by an
  // identifier for its location": the parser reads the documented parent Region from the name.
  it.each(zones.map((z) => [z.name, z]))("%s parses as its documented kind, parent Region and border group", (name, z) => {
    const zone = parseZone(name, { region: z.region, path: "zone", kinds: [z.kind] });
    expect(zone.kind).toBe(z.kind);
    expect(zone.region).toBe(z.region);
    // Wavelength pages give no border group: a Wavelength Zone's group is its name.
    expect(zone.networkBorderGroup).toBe(z.networkBorderGroup ?? name);
  });

  // The catalog's own entries (us-west-2-lax-1a has facts but no row read yet) parse too.
  it.each(zoneCatalog.knownZoneNames().map((n) => [n]))("catalog zone %s parses as an edge zone of its listed kind", (name) => {
    const zone = tryParseZone(name);
    expect(zone?.kind).toMatch(/^(local|wavelength)-zone$/);
    const listed = documentedZone(name);
    if (listed) expect(zone).toMatchObject({ kind: listed.kind, region: listed.region });
  });

  it("knows the catalog's own entries, the listed zones and the overrides", () => {
    const names = new ZoneCatalog({ "us-east-1-zzz-9a": {} }).knownZoneNames();
    expect(names).toEqual(expect.arrayContaining(["us-west-2-lax-1a", "us-east-1-bos-1a", "us-east-1-wl1-bos-wlz-1", "us-east-1-zzz-9a"]));
    expect(names).toEqual(expect.arrayContaining(zones.map((z) => z.name)));
    expect(zoneCatalog.knownZoneNames()).not.toContain("us-east-1-zzz-9a");
  });

  it.each(zones.map((z) => [z.name]))("the zone catalog knows %s", (name) => {
    expect(zoneCatalog.knows(name)).toBe(true);
    expect(new ZoneCatalog().knows(name)).toBe(true);
  });

  it("gives a listed zone without an entry of its own its kind's conservative defaults", () => {
    // us-east-1-qro-1a is listed; us-east-1-zzz-9a is well-formed but listed nowhere.
    const listed = zoneCatalog.factsFor({ kind: "local-zone", name: "us-east-1-qro-1a" });
    expect(listed).toEqual(zoneCatalog.factsFor({ kind: "local-zone", name: "us-east-1-zzz-9a" }));
    expect(listed.natGateway).toMatchObject({ value: false, confidence: "unverified" });
    expect(listed.networkLoadBalancer.value).toBe(false);
    expect(listed.ebsVolumeTypes.value).toEqual(["gp2"]);
    const wl = zoneCatalog.factsFor({ kind: "wavelength-zone", name: "us-east-1-wl1-clt-wlz-1" });
    expect(wl).toEqual(zoneCatalog.factsFor({ kind: "wavelength-zone", name: "us-east-1-wl1-zzz-wlz-9" }));
    expect(wl.natGateway.value).toBe(false);
  });

  it("does not know a well-formed zone no page lists", () => {
    expect(zoneCatalog.knows("us-east-1-zzz-9a")).toBe(false);
    expect(zoneCatalog.knows("us-east-1-wl1-zzz-wlz-9")).toBe(false);
    expect(documentedZone("us-east-1-zzz-9a")).toBeUndefined();
  });

  it("keeps the documented identity of a zone", () => {
    expect(documentedZone("us-east-1-atl-2a")).toEqual({
      kind: "local-zone",
      name: "us-east-1-atl-2a",
      zoneId: "use1-atl2-az1",
      networkBorderGroup: "us-east-1-atl-2",
      region: "us-east-1",
      parentZoneId: "use1-az5",
      source: LOCAL_ZONES_SOURCE,
    });
    expect(documentedZone("us-east-1-wl1-chi-wlz-1")).toEqual({
      kind: "wavelength-zone",
      name: "us-east-1-wl1-chi-wlz-1",
      zoneId: "use1-wl1-chi-wlz1",
      region: "us-east-1",
      source: WAVELENGTH_ZONES_SOURCE,
    });
  });
});

// EC2 API reference, AllocateAddress NetworkBorderGroup: "Use this parameter to limit the IP
// address to this location. IP addresses cannot move between network border groups": an EIP
// used in a Local or Wavelength Zone comes from that zone's group.
describe("networkBorderGroupOf", () => {
  it("uses the documented border group where the page gives one, even against the name rule", () => {
    const lookup = (name: string) => (name === "us-east-1-abc-1a" ? { networkBorderGroup: "us-east-1-abc-7" } : undefined);
    expect(networkBorderGroupOf("us-east-1-abc-1a", "us-east-1-abc-1", lookup)).toBe("us-east-1-abc-7");
  });

  it("derives it from the name for a zone no page lists, or whose page gives none", () => {
    expect(networkBorderGroupOf("us-east-1-zzz-9a", "us-east-1-zzz-9")).toBe("us-east-1-zzz-9");
    expect(tryParseZone("us-east-1-zzz-9a")?.networkBorderGroup).toBe("us-east-1-zzz-9");
    expect(tryParseZone("us-east-1-wl1-clt-wlz-1")?.networkBorderGroup).toBe("us-east-1-wl1-clt-wlz-1");
  });

  it("reads the documented group of a listed Local Zone", () => {
    expect(tryParseZone("us-east-1-chi-2a")?.networkBorderGroup).toBe("us-east-1-chi-2");
  });
});

describe("zone names of every shape AWS uses", () => {
  // Names of the Local Zones and Wavelength Zones pages: a second zone in a metro (atl-2), a
  // Region code with a two-word direction (ap-northeast-1), a Wavelength Zone.
  it.each([
    ["us-east-1-atl-2a", "local-zone", "us-east-1"],
    ["ap-northeast-1-tpe-1a", "local-zone", "ap-northeast-1"],
    ["us-east-1-wl1-nyc-wlz-1", "wavelength-zone", "us-east-1"],
  ])("%s is a %s of %s", (name, kind, region) => {
    expect(tryParseZone(name)).toMatchObject({ kind, region });
  });
});
