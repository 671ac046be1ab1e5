import { DescribeInstancesCommand } from "@aws-sdk/client-ec2";
import {
  ChangeResourceRecordSetsCommand,
  ListResourceRecordSetsCommand,
} from "@aws-sdk/client-route-53";
import { normalizeRecordName, readConfig } from "../src/handler/config";
import { jsonLogger } from "../src/handler/log";
import { createHandler, type UpdaterDeps } from "../src/handler/updater";
import {
  captureLog,
  CONFIG,
  FakeEc2,
  FakeRoute53,
  mockAws,
  RECORD_NAME,
  stateEvent,
} from "./support/fake-aws";

const WL = "i-0123456789abcdef0"; // managed Wavelength host
const WL2 = "i-0fedcba9876543210";
const OTHER = "i-0aaaaaaaaaaaaaaaa"; // untagged instance

const managed = { "edge:dns-name": "bos.edge.example.com" };
const regionHub = {
  Name: RECORD_NAME,
  Type: "A" as const,
  SetIdentifier: "region-hub",
  Weight: 5,
  TTL: 60,
  ResourceRecords: [{ Value: "198.51.100.7" }],
};
const recordOf = (id: string, ip: string) => ({
  Name: RECORD_NAME,
  Type: "A" as const,
  SetIdentifier: id,
  Weight: 10,
  TTL: 30,
  ResourceRecords: [{ Value: ip }],
});

function setup(options: Partial<UpdaterDeps> = {}) {
  const ec2 = new FakeEc2();
  const r53 = new FakeRoute53();
  const mocks = mockAws(ec2, r53);
  const logs = captureLog();
  const delays: number[] = [];
  const handler = createHandler({
    ec2: mocks.ec2Client,
    route53: mocks.route53Client,
    config: CONFIG,
    log: logs.log,
    delay: async (ms) => {
      delays.push(ms);
    },
    random: () => 1,
    ...options,
  });
  return { ec2, r53, handler, logs, delays, ...mocks };
}

afterEach(() => jest.restoreAllMocks());

describe("carrier-ip updater handler", () => {
  it("creates a weighted A record for a running managed instance, keyed by instance id, with its carrier ip", async () => {
    const t = setup();
    t.r53.seed(regionHub);
    t.ec2.instances.set(WL, { state: "running", tags: managed, carrierIp: "155.146.10.1" });

    await expect(t.handler(stateEvent(WL, "running"))).resolves.toEqual({
      decision: "upsert",
      instanceId: WL,
      rounds: 1,
    });

    expect(t.r53.changes).toEqual([
      {
        HostedZoneId: CONFIG.zoneId,
        ChangeBatch: {
          Comment: `carrier-ip dns updater: UPSERT ${WL}`,
          Changes: [{ Action: "UPSERT", ResourceRecordSet: recordOf(WL, "155.146.10.1") }],
        },
      },
    ]);
    expect(t.r53.byIdentifier()["region-hub"]).toEqual(regionHub);
    expect(t.logs.decisions()).toEqual([
      expect.objectContaining({
        decision: "upsert",
        instanceId: WL,
        eventState: "running",
        currentState: "running",
        ip: "155.146.10.1",
        source: "carrier",
        weight: 10,
        ttl: 30,
        recordName: RECORD_NAME,
        zoneId: CONFIG.zoneId,
      }),
    ]);
  });

  it("falls back to the public ip for an instance without a carrier ip (Region or Local Zone)", async () => {
    const t = setup();
    t.ec2.instances.set(WL, { state: "running", tags: managed, publicIp: "203.0.113.9" });
    await t.handler(stateEvent(WL, "running"));
    expect(t.r53.byIdentifier()[WL]).toEqual(recordOf(WL, "203.0.113.9"));
    expect(t.logs.decisions()[0]).toMatchObject({ decision: "upsert", source: "public" });
  });

  it.each(["stopping", "stopped", "shutting-down", "terminated"])(
    "deletes the record on %s, repeating its exact current values",
    async (state) => {
      const t = setup();
      t.r53.seed(regionHub, recordOf(WL, "155.146.10.1"), recordOf(WL2, "155.146.10.2"));
      t.ec2.instances.set(WL, {
        state,
        tags: managed,
        carrierIp: state === "stopping" ? "155.146.10.1" : undefined,
      });

      await expect(t.handler(stateEvent(WL, state))).resolves.toMatchObject({ decision: "delete" });

      expect(t.r53.changes.map((c) => c.ChangeBatch?.Changes?.[0])).toEqual([
        { Action: "DELETE", ResourceRecordSet: recordOf(WL, "155.146.10.1") },
      ]);
      expect(Object.keys(t.r53.byIdentifier()).sort()).toEqual([WL2, "region-hub"].sort());
      expect(t.logs.decisions()).toEqual([
        expect.objectContaining({
          decision: "delete",
          reason: "not-running",
          ip: "155.146.10.1",
          eventState: state,
        }),
      ]);
    },
  );

  it("deletes by set identifier when the terminated instance can no longer be described", async () => {
    const t = setup();
    t.r53.seed(recordOf(WL, "155.146.10.1"));
    t.ec2.instances.set(WL, { state: "terminated", tags: managed, forgotten: true });
    await t.handler(stateEvent(WL, "terminated"));
    expect(t.r53.byIdentifier()).toEqual({});
    expect(t.logs.decisions()[0]).toMatchObject({
      decision: "delete",
      reason: "instance-gone",
      currentState: "gone",
    });
  });

  it("treats a missing record as success on stop and terminate", async () => {
    const t = setup();
    t.r53.seed(regionHub);
    t.ec2.instances.set(WL, { state: "terminated", tags: managed });
    await expect(t.handler(stateEvent(WL, "terminated"))).resolves.toEqual({
      decision: "absent",
      instanceId: WL,
      rounds: 1,
    });
    expect(t.r53.changes).toEqual([]);
    expect(t.logs.decisions()).toEqual([
      expect.objectContaining({ decision: "absent", reason: "not-running" }),
    ]);
  });

  it("ignores instances without the managed tag, and never touches their records", async () => {
    const t = setup();
    t.r53.seed(recordOf(OTHER, "192.0.2.1"));
    t.ec2.instances.set(OTHER, {
      state: "running",
      tags: { Name: "web" },
      carrierIp: "155.146.10.9",
    });
    await expect(t.handler(stateEvent(OTHER, "running"))).resolves.toMatchObject({
      decision: "ignore-unmanaged",
    });
    t.ec2.instances.get(OTHER)!.state = "terminated";
    await expect(t.handler(stateEvent(OTHER, "terminated"))).resolves.toMatchObject({
      decision: "ignore-unmanaged",
    });
    expect(t.r53Mock.commandCalls(ChangeResourceRecordSetsCommand)).toHaveLength(0);
    expect(t.r53.byIdentifier()[OTHER]).toEqual(recordOf(OTHER, "192.0.2.1"));
  });

  it("requires the tag value too when one is configured", async () => {
    const t = setup();
    t.ec2.instances.set(WL, {
      state: "running",
      tags: { "edge:dns-name": "other.example.com" },
      carrierIp: "155.146.10.1",
    });
    await expect(t.handler(stateEvent(WL, "running"))).resolves.toMatchObject({
      decision: "ignore-unmanaged",
    });
    expect(t.r53.changes).toEqual([]);
  });

  it("leaves alone a record under the instance id that it would not have written", async () => {
    const t = setup();
    const foreign = { ...recordOf(WL, "192.0.2.50"), HealthCheckId: "hc-1" };
    t.r53.seed(foreign);
    t.ec2.instances.set(WL, { state: "stopped", tags: managed });
    await expect(t.handler(stateEvent(WL, "stopped"))).resolves.toMatchObject({
      decision: "ignore-foreign-record",
    });
    expect(t.r53.byIdentifier()[WL]).toEqual({ ...foreign, Name: RECORD_NAME });
  });

  it("is idempotent under duplicated events", async () => {
    const t = setup();
    t.ec2.instances.set(WL, { state: "running", tags: managed, carrierIp: "155.146.10.1" });
    await t.handler(stateEvent(WL, "running"));
    await t.handler(stateEvent(WL, "running"));
    expect(t.r53.changes).toHaveLength(1);
    expect(t.logs.decisions().map((d) => d.decision)).toEqual(["upsert", "unchanged"]);

    t.ec2.instances.get(WL)!.state = "terminated";
    await t.handler(stateEvent(WL, "terminated"));
    await t.handler(stateEvent(WL, "terminated"));
    expect(t.r53.changes).toHaveLength(2);
    expect(t.logs.decisions().map((d) => d.decision)).toEqual([
      "upsert",
      "unchanged",
      "delete",
      "absent",
    ]);
    expect(t.r53.byIdentifier()).toEqual({});
  });

  it("handles terminate-before-running: a late running event does not bring the record back", async () => {
    const t = setup();
    t.ec2.instances.set(WL, { state: "terminated", tags: managed, carrierIp: undefined });
    await t.handler(stateEvent(WL, "terminated"));
    await expect(t.handler(stateEvent(WL, "running"))).resolves.toMatchObject({
      decision: "absent",
    });
    expect(t.r53.changes).toEqual([]);
    expect(t.logs.decisions().map((d) => [d.decision, d.eventState, d.currentState])).toEqual([
      ["absent", "terminated", "terminated"],
      ["absent", "running", "terminated"],
    ]);
  });

  it("does not delete the record of a restarted instance when the older stopped event arrives late", async () => {
    const t = setup();
    t.ec2.instances.set(WL, { state: "running", tags: managed, carrierIp: "155.146.10.3" });
    t.r53.seed(recordOf(WL, "155.146.10.3"));
    await expect(t.handler(stateEvent(WL, "stopped"))).resolves.toMatchObject({
      decision: "unchanged",
    });
    expect(t.r53.byIdentifier()[WL]).toEqual(recordOf(WL, "155.146.10.3"));
  });

  it("replaces the value when a restarted instance came back with another carrier ip", async () => {
    const t = setup();
    t.r53.seed(recordOf(WL, "155.146.10.1"));
    t.ec2.instances.set(WL, { state: "running", tags: managed, carrierIp: "155.146.10.4" });
    await t.handler(stateEvent(WL, "running"));
    expect(t.r53.byIdentifier()[WL]).toEqual(recordOf(WL, "155.146.10.4"));
    expect(t.logs.decisions()[0]).toMatchObject({
      decision: "upsert",
      ip: "155.146.10.4",
      previousIp: "155.146.10.1",
    });
  });

  it("creates no record for a running instance without a carrier or public ip, and removes an old one", async () => {
    const t = setup();
    t.ec2.instances.set(WL, { state: "running", tags: managed });
    await expect(t.handler(stateEvent(WL, "running"))).resolves.toMatchObject({
      decision: "absent",
    });
    expect(t.logs.decisions()[0]).toMatchObject({
      decision: "absent",
      reason: "no-address",
      currentState: "running",
    });
    expect(t.r53.changes).toEqual([]);

    t.r53.seed(recordOf(WL, "155.146.10.1"));
    await expect(t.handler(stateEvent(WL, "running"))).resolves.toMatchObject({
      decision: "delete",
    });
    expect(t.logs.decisions()[1]).toMatchObject({ decision: "delete", reason: "no-address" });
    expect(t.r53.byIdentifier()).toEqual({});
  });

  it("retries Route 53 throttling and PriorRequestNotComplete with growing backoff", async () => {
    const t = setup();
    t.ec2.instances.set(WL, { state: "running", tags: managed, carrierIp: "155.146.10.1" });
    t.r53.faults.push("Throttling", "ThrottlingException", "PriorRequestNotComplete");
    await expect(t.handler(stateEvent(WL, "running"))).resolves.toMatchObject({
      decision: "upsert",
    });
    expect(t.r53Mock.commandCalls(ChangeResourceRecordSetsCommand)).toHaveLength(4);
    expect(t.delays).toEqual([200, 400, 800]);
    expect(
      t.logs.entries
        .filter((e) => e.event === "retry")
        .map((e) => [e.operation, e.error, e.attempt]),
    ).toEqual([
      ["route53:ChangeResourceRecordSets:UPSERT", "Throttling", 1],
      ["route53:ChangeResourceRecordSets:UPSERT", "ThrottlingException", 2],
      ["route53:ChangeResourceRecordSets:UPSERT", "PriorRequestNotComplete", 3],
    ]);
    expect(t.r53.byIdentifier()[WL]).toEqual(recordOf(WL, "155.146.10.1"));
  });

  it("retries EC2 RequestLimitExceeded", async () => {
    const t = setup();
    t.ec2.instances.set(WL, { state: "running", tags: managed, carrierIp: "155.146.10.1" });
    t.ec2.faults.push("RequestLimitExceeded");
    await expect(t.handler(stateEvent(WL, "running"))).resolves.toMatchObject({
      decision: "upsert",
    });
    expect(t.delays).toEqual([200]);
  });

  it("caps the backoff and gives up after the last attempt, logging the error", async () => {
    const t = setup({ retry: { maxAttempts: 4, baseDelayMs: 1000, maxDelayMs: 3000 } });
    t.ec2.instances.set(WL, { state: "running", tags: managed, carrierIp: "155.146.10.1" });
    t.r53.faults.push("Throttling", "Throttling", "Throttling", "Throttling");
    await expect(t.handler(stateEvent(WL, "running"))).rejects.toMatchObject({
      name: "Throttling",
    });
    expect(t.delays).toEqual([1000, 2000, 3000]);
    expect(t.logs.entries.at(-1)).toMatchObject({
      level: "error",
      decision: "error",
      error: "Throttling",
      instanceId: WL,
    });
  });

  it("does not retry errors that are not transient", async () => {
    const t = setup();
    t.ec2.instances.set(WL, { state: "running", tags: managed, carrierIp: "155.146.10.1" });
    t.r53.faults.push("AccessDenied");
    await expect(t.handler(stateEvent(WL, "running"))).rejects.toMatchObject({
      name: "AccessDenied",
    });
    expect(t.delays).toEqual([]);
  });

  it("reconciles again when the record changed between its list and its delete", async () => {
    const t = setup();
    t.r53.seed(recordOf(WL, "155.146.10.1"));
    t.ec2.instances.set(WL, { state: "stopped", tags: managed });
    let raced = false;
    t.r53.beforeChange = () => {
      if (raced) return;
      raced = true; // a concurrent invocation rewrites the value first
      t.r53.sets = t.r53.sets.map((s) =>
        s.SetIdentifier === WL ? recordOf(WL, "155.146.10.2") : s,
      );
    };
    await expect(t.handler(stateEvent(WL, "stopped"))).resolves.toMatchObject({
      decision: "delete",
      rounds: 2,
    });
    expect(t.logs.decisions().map((d) => d.decision)).toEqual(["delete-conflict", "delete"]);
    expect(t.r53.byIdentifier()).toEqual({});
  });

  it("re-checks the instance after a write and undoes a record for an instance that stopped meanwhile", async () => {
    const t = setup();
    t.ec2.instances.set(WL, { state: "running", tags: managed, carrierIp: "155.146.10.1" });
    t.r53.beforeChange = () => {
      t.ec2.instances.get(WL)!.state = "stopped";
      t.r53.beforeChange = undefined;
    };
    await expect(t.handler(stateEvent(WL, "running"))).resolves.toMatchObject({
      decision: "delete",
      rounds: 2,
    });
    expect(t.logs.decisions().map((d) => d.decision)).toEqual(["upsert", "recheck", "delete"]);
    expect(t.r53.byIdentifier()).toEqual({});
  });

  it("fails (so Lambda retries, then dead-letters) when the record does not settle", async () => {
    const t = setup({ maxRounds: 2 });
    t.ec2.instances.set(WL, { state: "running", tags: managed, carrierIp: "155.146.10.1" });
    let flip = 0;
    t.r53.beforeChange = () => {
      t.ec2.instances.get(WL)!.state = flip++ % 2 === 0 ? "stopped" : "running";
    };
    await expect(t.handler(stateEvent(WL, "running"))).rejects.toThrow(
      "did not settle after 2 rounds",
    );
    expect(t.logs.entries.at(-1)).toMatchObject({ decision: "error", error: "NotSettled" });
  });

  it("walks every page of the name's record sets", async () => {
    const t = setup();
    t.r53.pageSize = 2;
    const others = Array.from({ length: 5 }, (_, i) =>
      recordOf(`i-0${String(i).repeat(16)}`, `192.0.2.${i + 1}`),
    );
    t.r53.seed({ ...regionHub, Name: "a.example.com." }, ...others, recordOf(WL, "155.146.10.1"), {
      ...regionHub,
      Name: "zz.example.com.",
    });
    t.ec2.instances.set(WL, { state: "stopped", tags: managed });
    await expect(t.handler(stateEvent(WL, "stopped"))).resolves.toMatchObject({
      decision: "delete",
    });
    expect(t.r53Mock.commandCalls(ListResourceRecordSetsCommand).length).toBeGreaterThanOrEqual(3);
    expect(Object.keys(t.r53.byIdentifier())).toHaveLength(5);
  });

  it.each([
    ["another source", { ...stateEvent(WL, "running"), source: "aws.s3" }],
    [
      "another detail type",
      { ...stateEvent(WL, "running"), "detail-type": "EC2 Spot Instance Interruption Warning" },
    ],
    ["the pending state", stateEvent(WL, "pending")],
    ["a malformed instance id", stateEvent("i-xyz", "running")],
  ])("ignores %s without calling AWS", async (_name, event) => {
    const t = setup();
    await expect(t.handler(event)).resolves.toEqual({ decision: "ignore-event", rounds: 0 });
    expect(t.ec2Mock.commandCalls(DescribeInstancesCommand)).toHaveLength(0);
    expect(t.logs.decisions()).toEqual([
      expect.objectContaining({ decision: "ignore-event", level: "info" }),
    ]);
  });

  it("logs one JSON line per decision by default", async () => {
    const write = jest.spyOn(process.stdout, "write").mockImplementation(() => true);
    const t = setup({ log: jsonLogger });
    t.ec2.instances.set(WL, { state: "running", tags: managed, carrierIp: "155.146.10.1" });
    await t.handler(stateEvent(WL, "running"));
    const lines = write.mock.calls.map(([chunk]) => String(chunk));
    write.mockRestore();
    expect(lines).toHaveLength(1);
    expect(lines[0].endsWith("\n")).toBe(true);
    expect(JSON.parse(lines[0])).toMatchObject({
      decision: "upsert",
      instanceId: WL,
      time: expect.any(String),
    });
  });
});

describe("updater configuration", () => {
  const env = {
    EDGE_DNS_ZONE_ID: "/hostedzone/Z0123456789ABCDEFGHIJ",
    EDGE_DNS_RECORD_NAME: "BOS.Edge.Example.com",
    EDGE_DNS_WEIGHT: "10",
    EDGE_DNS_TTL: "30",
    EDGE_DNS_MANAGED_TAG_KEY: "edge:dns-name",
  };

  it("reads the environment the construct sets and normalizes the name and zone id", () => {
    expect(readConfig(env)).toEqual({
      zoneId: "Z0123456789ABCDEFGHIJ",
      recordName: "bos.edge.example.com.",
      weight: 10,
      ttl: 30,
      managedTagKey: "edge:dns-name",
    });
    expect(readConfig({ ...env, EDGE_DNS_MANAGED_TAG_VALUE: "x" }).managedTagValue).toBe("x");
  });

  it("fails the cold start on missing or out-of-range values", () => {
    expect(() => readConfig({ ...env, EDGE_DNS_WEIGHT: "256", EDGE_DNS_ZONE_ID: "" })).toThrow(
      'carrier-ip dns updater configuration: EDGE_DNS_ZONE_ID is not set; EDGE_DNS_WEIGHT must be an integer from 0 to 255 (got "256")',
    );
    expect(() => readConfig({ ...env, EDGE_DNS_TTL: "-1" })).toThrow(
      "EDGE_DNS_TTL must be an integer",
    );
  });

  it("compares names the way Route 53 returns them", () => {
    expect(normalizeRecordName("\\052.Example.com")).toBe("*.example.com.");
    expect(normalizeRecordName("a.example.com.")).toBe("a.example.com.");
  });
});
