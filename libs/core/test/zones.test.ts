import { parseOutpostArn, parseZone, tryParseZone } from "../src";
import { configError } from "../src/testing";

describe("tryParseZone", () => {
  it.each([
    ["us-east-1a", "availability-zone", "us-east-1", "us-east-1", undefined],
    ["eu-central-1c", "availability-zone", "eu-central-1", "eu-central-1", undefined],
    ["us-gov-west-1b", "availability-zone", "us-gov-west-1", "us-gov-west-1", undefined],
    ["us-east-1-bos-1a", "local-zone", "us-east-1", "us-east-1-bos-1", "bos"],
    ["us-west-2-lax-1b", "local-zone", "us-west-2", "us-west-2-lax-1", "lax"],
    ["us-east-1-dfw-2a", "local-zone", "us-east-1", "us-east-1-dfw-2", "dfw"],
    ["us-east-1-wl1-bos-wlz-1", "wavelength-zone", "us-east-1", "us-east-1-wl1-bos-wlz-1", "bos"],
    ["ap-northeast-1-wl1-nrt-wlz-1", "wavelength-zone", "ap-northeast-1", "ap-northeast-1-wl1-nrt-wlz-1", "nrt"],
  ])("%s is a %s of %s with border group %s", (name, kind, region, group, metro) => {
    expect(tryParseZone(name)).toEqual({
      kind,
      name,
      region,
      groupName: group,
      networkBorderGroup: group,
      ...(metro ? { metro } : {}),
    });
  });

  it.each(["us-east-1", "us-east-1-bos-1", "us-east-1-wl1-bos-wlz", "US-EAST-1A", "us-east-1aa", "", "useast1a", "us-east-1-bos-a"])(
    "rejects %j",
    (name) => {
      expect(tryParseZone(name)).toBeUndefined();
    },
  );
});

describe("parseZone", () => {
  it("names the config path, the value and an example in the fix for a malformed name", () => {
    const err = configError(() => parseZone("us-east-1-bos", { region: "us-east-1", path: "vpc.availabilityZones[0]" }));
    expect(err.code).toBe("EDGE_ZONE_NAME");
    expect(err.message).toBe(
      'EDGE_ZONE_NAME at vpc.availabilityZones[0]: not a zone name (got "us-east-1-bos"); fix: use a name such as "us-east-1a" (availability zone) or "us-east-1-bos-1a" (Local Zone) or "us-east-1-wl1-bos-wlz-1" (Wavelength Zone)',
    );
  });

  it("rejects a zone of another region", () => {
    const err = configError(() => parseZone("us-west-2-lax-1a", { region: "us-east-1", path: "zones[0]" }));
    expect(err.code).toBe("EDGE_ZONE_REGION");
    expect(err.message).toBe(
      'EDGE_ZONE_REGION at zones[0]: zone belongs to us-west-2, not to the stack\'s region us-east-1 (got "us-west-2-lax-1a"); fix: use a zone of us-east-1 or deploy this site to us-west-2',
    );
  });

  it("rejects an availability zone where an edge zone is expected", () => {
    const err = configError(() =>
      parseZone("us-east-1a", { region: "us-east-1", path: "localZone", kinds: ["local-zone"] }),
    );
    expect(err.code).toBe("EDGE_ZONE_KIND");
    expect(err.message).toBe(
      'EDGE_ZONE_KIND at localZone: us-east-1a is an availability zone, expected a Local Zone (got "us-east-1a"); fix: list us-east-1a with the Region subnets, not as an edge zone',
    );
  });
});

describe("parseOutpostArn", () => {
  const arn = "arn:aws:outposts:us-east-1:123456789012:outpost/op-0123456789abcdef0";

  it("parses the ARN and its home availability zone", () => {
    const ref = parseOutpostArn(arn, { region: "us-east-1", path: "outpost.arn", availabilityZone: "us-east-1b" });
    expect(ref).toMatchObject({ kind: "outpost", outpostId: "op-0123456789abcdef0", accountId: "123456789012" });
    expect(ref.availabilityZone.name).toBe("us-east-1b");
  });

  it.each([
    ["arn:aws:outposts:us-east-1:123456789012:outpost/op-0123", "EDGE_OUTPOST_ARN"],
    ["arn:aws:ec2:us-east-1:123456789012:outpost/op-0123456789abcdef0", "EDGE_OUTPOST_ARN"],
    ["arn:aws:outposts:us-west-2:123456789012:outpost/op-0123456789abcdef0", "EDGE_ZONE_REGION"],
  ])("rejects %s with %s", (value, code) => {
    const err = configError(() =>
      parseOutpostArn(value, { region: "us-east-1", path: "outpost.arn", availabilityZone: "us-east-1b" }),
    );
    expect(err.code).toBe(code);
    expect(err.path).toBe("outpost.arn");
  });
});
