import * as fs from "node:fs";
import * as path from "node:path";
import { buildHandlerZip, handlerBundle } from "../src/lib/private/handler-bundle";
import { crc32, deterministicZip, readStoredZip } from "../src/lib/private/zip";
import { CONFIG, FakeEc2, FakeRoute53, mockAws, stateEvent } from "./support/fake-aws";

describe("handler bundle", () => {
  const bundle = handlerBundle();
  const zip = fs.readFileSync(bundle.zipPath);
  const files = readStoredZip(zip);
  const js = files["index.js"].toString("utf8");

  it("is one index.js in a ZIP with fixed timestamps and mode 0644", () => {
    expect(Object.keys(files)).toEqual(["index.js"]);
    expect(zip.readUInt16LE(10)).toBe(0); // DOS time 00:00:00
    expect(zip.readUInt16LE(12)).toBe((1 << 5) | 1); // DOS date 1980-01-01
    const central = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    expect(zip.readUInt32LE(central + 38) >>> 16).toBe(0o100644);
    expect(zip.readUInt32LE(14)).toBe(crc32(files["index.js"]));
    expect(bundle).toMatchObject({ zipBytes: zip.length, jsBytes: files["index.js"].length });
  });

  it("builds byte-for-byte the same archive every time", () => {
    const again = buildHandlerZip();
    expect(again.zip.equals(zip)).toBe(true);
    expect(deterministicZip({ "index.js": again.js }).equals(zip)).toBe(true);
  });

  it("keeps the AWS SDK external and carries no absolute paths or source maps", () => {
    expect(js).toContain('require("@aws-sdk/client-ec2")');
    expect(js).toContain('require("@aws-sdk/client-route-53")');
    expect(js).toContain('require("@aws-sdk/client-cloudwatch")');
    expect(js).not.toContain("node_modules");
    expect(js).not.toContain(path.resolve(__dirname, "../../.."));
    expect(js).not.toContain("sourceMappingURL");
    expect(js).toContain("// src/handler/updater.ts");
  });

  it("exports a handler that runs against the SDK clients the runtime provides", async () => {
    const ec2 = new FakeEc2();
    const r53 = new FakeRoute53();
    mockAws(ec2, r53);
    ec2.instances.set("i-0123456789abcdef0", {
      state: "running",
      tags: { "edge:dns-name": "bos.edge.example.com" },
      carrierIp: "155.146.10.1",
    });
    const env = {
      EDGE_DNS_ZONE_ID: CONFIG.zoneId,
      EDGE_DNS_RECORD_NAME: "bos.edge.example.com",
      EDGE_DNS_WEIGHT: "10",
      EDGE_DNS_TTL: "30",
      EDGE_DNS_MANAGED_TAG_KEY: "edge:dns-name",
      EDGE_DNS_MANAGED_TAG_VALUE: "bos.edge.example.com",
      EDGE_DNS_ALARM_PREFIX: "wavelength-bos-prod-dns-updater",
      AWS_REGION: "us-east-1",
    };
    const saved = { ...process.env };
    Object.assign(process.env, env);
    const write = jest.spyOn(process.stdout, "write").mockImplementation(() => true);
    try {
      const module = { exports: {} as { handler?: (event: unknown) => Promise<unknown> } };
      // The bundle as Lambda loads it: CommonJS, resolving @aws-sdk/* from the runtime (here: the
      // workspace's copies, which aws-sdk-client-mock has stubbed).
      new Function("require", "module", "exports", js)(require, module, module.exports);
      await expect(
        module.exports.handler!(stateEvent("i-0123456789abcdef0", "running")),
      ).resolves.toMatchObject({ decision: "upsert" });
      expect(r53.byIdentifier()["i-0123456789abcdef0"]).toMatchObject({
        Weight: 10,
        TTL: 30,
        ResourceRecords: [{ Value: "155.146.10.1" }],
        HealthCheckId: "hc-0001",
      });
      const lines = write.mock.calls.map(([chunk]) => JSON.parse(String(chunk)) as object);
      expect(lines.at(-1)).toMatchObject({ decision: "upsert" });
    } finally {
      write.mockRestore();
      process.env = saved;
      jest.restoreAllMocks();
    }
  });
});
