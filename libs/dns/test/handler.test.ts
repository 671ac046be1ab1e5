import { PutMetricAlarmCommand } from "@aws-sdk/client-cloudwatch";
import { DescribeInstancesCommand } from "@aws-sdk/client-ec2";
import {
  ChangeResourceRecordSetsCommand,
  ChangeTagsForResourceCommand,
  CreateHealthCheckCommand,
  ListResourceRecordSetsCommand,
  ListTagsForResourcesCommand,
} from "@aws-sdk/client-route-53";
import { createClients, MAX_ATTEMPTS } from "../src/handler/clients";
import { normalizeRecordName, readConfig, STATUS_CHECK_ALARM } from "../src/handler/config";
import { callerReferencePrefix, TAG_INSTANCE, TAG_UPDATER } from "../src/handler/health";
import { jsonLogger } from "../src/handler/log";
import { createHandler, type UpdaterDeps } from "../src/handler/updater";
import {
  captureLog,
  CONFIG,
  FakeEc2,
  FakeRoute53,
  mockAws,
  RECORD_NAME,
  route53Error,
  stateEvent,
  type CallKind,
} from "./support/fake-aws";

const WL = "i-0123456789abcdef0"; // managed Wavelength host
const WL2 = "i-0fedcba9876543210";
const OTHER = "i-0aaaaaaaaaaaaaaaa"; // untagged instance
const ALARM = `${CONFIG.alarmPrefix}-${WL}`;

const managed = { "edge:dns-name": "bos.edge.example.com" };
const regionHub = {
  Name: RECORD_NAME,
  Type: "A" as const,
  SetIdentifier: "region-hub",
  Weight: 0,
  AliasTarget: {
    DNSName: "hub-nlb.elb.us-east-1.amazonaws.com.",
    HostedZoneId: "Z26RNL4JYFTOTI",
    EvaluateTargetHealth: true,
  },
};
const recordOf = (id: string, ip: string, healthCheckId?: string) => ({
  Name: RECORD_NAME,
  Type: "A" as const,
  SetIdentifier: id,
  Weight: 10,
  TTL: 30,
  ResourceRecords: [{ Value: ip }],
  ...(healthCheckId ? { HealthCheckId: healthCheckId } : {}),
});
const tagsOf = (id: string) => ({
  Name: `${CONFIG.alarmPrefix}-${id}`,
  [TAG_UPDATER]: "bos.edge.example.com",
  [TAG_INSTANCE]: id,
});

/** Throws once on the first call of `kind`: the function dies between two calls. */
function crashOn(kind: CallKind) {
  let crashed = false;
  return async <T>(k: CallKind, answer: () => T): Promise<T> => {
    if (k === kind && !crashed) {
      crashed = true;
      throw new Error(`Runtime.ExitError before ${kind}`);
    }
    return answer();
  };
}

function setup(
  options: Partial<UpdaterDeps> = {},
  wrap?: <T>(kind: CallKind, answer: () => T) => Promise<T>,
) {
  const ec2 = new FakeEc2();
  const r53 = new FakeRoute53();
  const mocks = mockAws(ec2, r53, wrap);
  const logs = captureLog();
  let n = 0;
  const handler = createHandler({
    ec2: mocks.ec2Client,
    route53: mocks.route53Client,
    cloudwatch: mocks.cloudwatchClient,
    config: CONFIG,
    log: logs.log,
    nonce: () => `n${++n}`,
    ...options,
  });
  const actions = () => logs.entries.filter((e) => e.action).map((e) => e.action);
  return { ec2, r53, cw: mocks.cloudwatch, handler, logs, actions, ...mocks };
}

afterEach(() => jest.restoreAllMocks());

describe("carrier-ip updater handler", () => {
  it("gives a running managed host an alarm, a CLOUDWATCH_METRIC health check on it, and a weighted A record with its carrier ip", async () => {
    const t = setup();
    t.r53.seed(regionHub);
    t.ec2.instances.set(WL, { state: "running", tags: managed, carrierIp: "155.146.10.1" });

    await expect(t.handler(stateEvent(WL, "running"))).resolves.toEqual({
      decision: "upsert",
      instanceId: WL,
      rounds: 2,
    });

    // The alarm: EC2 status checks of this instance (CloudWatch PutMetricAlarm), tagged.
    expect(t.cw.alarms.get(ALARM)).toEqual({
      AlarmName: ALARM,
      AlarmDescription: `carrier-ip dns updater: health of ${WL} behind bos.edge.example.com`,
      Namespace: "AWS/EC2",
      MetricName: "StatusCheckFailed",
      Dimensions: [{ Name: "InstanceId", Value: WL }],
      Statistic: "Maximum",
      ComparisonOperator: "GreaterThanOrEqualToThreshold",
      Threshold: 1,
      Period: 60,
      EvaluationPeriods: 2,
      Tags: Object.entries(tagsOf(WL)).map(([Key, Value]) => ({ Key, Value })),
    });
    // The health check follows the alarm (Route 53 API, HealthCheckConfig: Type
    // CLOUDWATCH_METRIC, AlarmIdentifier { Region, Name }, InsufficientDataHealthStatus).
    expect([...t.r53.healthChecks.values()]).toEqual([
      {
        check: {
          Id: "hc-0001",
          CallerReference: `${callerReferencePrefix(CONFIG, WL)}n1`,
          HealthCheckVersion: 1,
          HealthCheckConfig: {
            Type: "CLOUDWATCH_METRIC",
            AlarmIdentifier: { Region: "us-east-1", Name: ALARM },
            InsufficientDataHealthStatus: "LastKnownStatus",
          },
        },
        tags: tagsOf(WL),
      },
    ]);
    expect(t.r53.changes.map((c) => c.ChangeBatch)).toEqual([
      {
        Comment: `carrier-ip dns updater: UPSERT ${WL}`,
        Changes: [{ Action: "UPSERT", ResourceRecordSet: recordOf(WL, "155.146.10.1", "hc-0001") }],
      },
    ]);
    expect(t.r53.byIdentifier()["region-hub"]).toEqual(regionHub);
    expect(t.actions()).toEqual(["alarm-put", "health-check-create", "upsert"]);
    expect(t.logs.decisions()).toEqual([
      expect.objectContaining({
        decision: "upsert",
        instanceId: WL,
        eventState: "running",
        currentState: "running",
        ip: "155.146.10.1",
        source: "carrier",
        recordName: RECORD_NAME,
        zoneId: CONFIG.zoneId,
        round: 2,
      }),
    ]);
  });

  it("falls back to the public ip for an instance without a carrier ip (Region or Local Zone)", async () => {
    const t = setup();
    t.ec2.instances.set(WL, { state: "running", tags: managed, publicIp: "203.0.113.9" });
    await t.handler(stateEvent(WL, "running"));
    expect(t.r53.byIdentifier()[WL]).toEqual(recordOf(WL, "203.0.113.9", "hc-0001"));
    expect(t.logs.decisions()[0]).toMatchObject({ decision: "upsert", source: "public" });
  });

  it.each(["stopping", "stopped", "shutting-down", "terminated"])(
    "on %s deletes the record (with its exact current values), then its health check, then its alarm",
    async (state) => {
      const t = setup();
      t.ec2.instances.set(WL, { state: "running", tags: managed, carrierIp: "155.146.10.1" });
      t.r53.seed(regionHub, recordOf(WL2, "155.146.10.2"));
      await t.handler(stateEvent(WL, "running"));
      const inst = t.ec2.instances.get(WL)!;
      inst.state = state;
      if (state !== "stopping") inst.carrierIp = undefined;

      await expect(t.handler(stateEvent(WL, state))).resolves.toMatchObject({
        decision: "delete",
      });

      expect(t.r53.changes.at(-1)?.ChangeBatch?.Changes).toEqual([
        { Action: "DELETE", ResourceRecordSet: recordOf(WL, "155.146.10.1", "hc-0001") },
      ]);
      expect(Object.keys(t.r53.byIdentifier()).sort()).toEqual([WL2, "region-hub"].sort());
      expect(t.r53.healthChecks.size).toBe(0);
      expect(t.cw.alarms.size).toBe(0);
      expect(t.actions().slice(3)).toEqual(["delete", "health-check-delete", "alarm-delete"]);
      expect(t.logs.decisions().at(-1)).toMatchObject({
        decision: "delete",
        reason: "not-running",
        eventState: state,
      });
    },
  );

  it("cleans up by set identifier and tags when the terminated instance can no longer be described", async () => {
    const t = setup();
    t.ec2.instances.set(WL, { state: "running", tags: managed, carrierIp: "155.146.10.1" });
    await t.handler(stateEvent(WL, "running"));
    t.ec2.instances.set(WL, { state: "terminated", tags: managed, forgotten: true });
    await t.handler(stateEvent(WL, "terminated"));
    expect(t.r53.byIdentifier()).toEqual({});
    expect(t.r53.healthChecks.size).toBe(0);
    expect(t.cw.alarms.size).toBe(0);
    expect(t.logs.decisions().at(-1)).toMatchObject({
      decision: "delete",
      reason: "instance-gone",
      currentState: "gone",
    });
  });

  it("treats nothing to remove as success on stop and terminate", async () => {
    const t = setup();
    t.r53.seed(regionHub);
    t.ec2.instances.set(WL, { state: "terminated", tags: managed });
    await expect(t.handler(stateEvent(WL, "terminated"))).resolves.toEqual({
      decision: "absent",
      instanceId: WL,
      rounds: 1,
    });
    expect(t.r53.changes).toEqual([]);
    expect(t.actions()).toEqual([]);
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
    expect(t.r53Mock.commandCalls(CreateHealthCheckCommand)).toHaveLength(0);
    expect(t.cwMock.commandCalls(PutMetricAlarmCommand)).toHaveLength(0);
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
    const foreign = {
      ...recordOf(WL, "192.0.2.50"),
      ResourceRecords: [{ Value: "192.0.2.50" }, { Value: "192.0.2.51" }],
    };
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
    expect(t.r53.healthChecks.size).toBe(1);
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
    expect(t.cw.alarms.size).toBe(0);
    expect(t.logs.decisions().map((d) => [d.decision, d.eventState, d.currentState])).toEqual([
      ["absent", "terminated", "terminated"],
      ["absent", "running", "terminated"],
    ]);
  });

  it("does not delete the record of a restarted instance when the older stopped event arrives late", async () => {
    const t = setup();
    t.ec2.instances.set(WL, { state: "running", tags: managed, carrierIp: "155.146.10.3" });
    await t.handler(stateEvent(WL, "running"));
    await expect(t.handler(stateEvent(WL, "stopped"))).resolves.toMatchObject({
      decision: "unchanged",
    });
    expect(t.r53.byIdentifier()[WL]).toEqual(recordOf(WL, "155.146.10.3", "hc-0001"));
  });

  it("replaces the value and attaches a health check when a restarted instance came back with another carrier ip", async () => {
    const t = setup();
    t.r53.seed(recordOf(WL, "155.146.10.1"));
    t.ec2.instances.set(WL, { state: "running", tags: managed, carrierIp: "155.146.10.4" });
    await t.handler(stateEvent(WL, "running"));
    expect(t.r53.byIdentifier()[WL]).toEqual(recordOf(WL, "155.146.10.4", "hc-0001"));
    expect(t.logs.entries.find((e) => e.action === "upsert")).toMatchObject({
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

  describe("crash recovery (a failed invocation is retried by Lambda)", () => {
    it("finds a health check created just before a crash, before its tags, by its caller reference, and tags it instead of creating another", async () => {
      const t = setup({}, crashOn("route53:ChangeTagsForResource"));
      t.ec2.instances.set(WL, { state: "running", tags: managed, carrierIp: "155.146.10.1" });
      await expect(t.handler(stateEvent(WL, "running"))).rejects.toThrow(
        "Runtime.ExitError before route53:ChangeTagsForResource",
      );
      expect([...t.r53.healthChecks.values()].map((h) => h.tags)).toEqual([{}]);
      expect(t.r53.byIdentifier()[WL]).toBeUndefined();

      await expect(t.handler(stateEvent(WL, "running"))).resolves.toMatchObject({
        decision: "upsert",
      });
      expect(t.r53Mock.commandCalls(CreateHealthCheckCommand)).toHaveLength(1);
      expect([...t.r53.healthChecks.values()].map((h) => h.tags)).toEqual([tagsOf(WL)]);
      expect(t.r53.byIdentifier()[WL]).toEqual(recordOf(WL, "155.146.10.1", "hc-0001"));
      expect(t.actions()).toEqual(["alarm-put", "health-check-tag", "upsert"]);
    });

    it("reuses the tagged health check and alarm when it crashed before the record", async () => {
      const t = setup({}, crashOn("route53:ChangeResourceRecordSets"));
      t.ec2.instances.set(WL, { state: "running", tags: managed, carrierIp: "155.146.10.1" });
      await expect(t.handler(stateEvent(WL, "running"))).rejects.toThrow("Runtime.ExitError");
      await t.handler(stateEvent(WL, "running"));
      expect(t.r53Mock.commandCalls(CreateHealthCheckCommand)).toHaveLength(1);
      expect(t.cwMock.commandCalls(PutMetricAlarmCommand)).toHaveLength(1);
      expect(t.r53.byIdentifier()[WL]).toEqual(recordOf(WL, "155.146.10.1", "hc-0001"));
    });

    it("removes the health check and alarm left behind by a crash after the record's DELETE", async () => {
      let crash = false;
      const t = setup({}, async (kind, answer) => {
        if (crash && kind === "route53:DeleteHealthCheck") {
          crash = false;
          throw new Error("Runtime.ExitError after the DELETE");
        }
        return answer();
      });
      t.ec2.instances.set(WL, { state: "running", tags: managed, carrierIp: "155.146.10.1" });
      await t.handler(stateEvent(WL, "running"));
      t.ec2.instances.set(WL, { state: "terminated", tags: managed });
      crash = true;
      await expect(t.handler(stateEvent(WL, "terminated"))).rejects.toThrow("Runtime.ExitError");
      expect(t.r53.byIdentifier()[WL]).toBeUndefined();
      expect(t.r53.healthChecks.size).toBe(1);
      expect(t.cw.alarms.size).toBe(1);

      // The retry finds them by tag (ListTagsForResources) and the alarm by name.
      await expect(t.handler(stateEvent(WL, "terminated"))).resolves.toMatchObject({
        decision: "delete",
      });
      expect(t.r53.healthChecks.size).toBe(0);
      expect(t.cw.alarms.size).toBe(0);
    });

    it("keeps one health check when a race left two, and deletes the other", async () => {
      const t = setup();
      t.ec2.instances.set(WL, { state: "running", tags: managed, carrierIp: "155.146.10.1" });
      await t.handler(stateEvent(WL, "running"));
      const second = t.r53.createHealthCheck({
        CallerReference: `${callerReferencePrefix(CONFIG, WL)}other`,
        HealthCheckConfig: { Type: "CLOUDWATCH_METRIC" },
      });
      t.r53.changeTags({
        ResourceType: "healthcheck",
        ResourceId: second.HealthCheck.Id,
        AddTags: Object.entries(tagsOf(WL)).map(([Key, Value]) => ({ Key, Value })),
      });
      await t.handler(stateEvent(WL, "running"));
      expect([...t.r53.healthChecks.keys()]).toEqual(["hc-0001"]);
      expect(t.r53.byIdentifier()[WL]).toEqual(recordOf(WL, "155.146.10.1", "hc-0001"));
    });
  });

  it("re-reads and retries when the record changed between its list and its DELETE (compare-and-set)", async () => {
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
      rounds: 3,
    });
    expect(t.actions()).toEqual(["delete-conflict", "delete"]);
    expect(t.r53.byIdentifier()).toEqual({});
  });

  it("re-reads after every write and undoes a record for an instance that stopped meanwhile", async () => {
    const t = setup();
    t.ec2.instances.set(WL, { state: "running", tags: managed, carrierIp: "155.146.10.1" });
    t.r53.beforeChange = () => {
      t.ec2.instances.get(WL)!.state = "stopped";
      t.r53.beforeChange = undefined;
    };
    await expect(t.handler(stateEvent(WL, "running"))).resolves.toMatchObject({
      decision: "delete",
    });
    expect(t.actions()).toEqual([
      "alarm-put",
      "health-check-create",
      "upsert",
      "delete",
      "health-check-delete",
      "alarm-delete",
    ]);
    expect(t.r53.byIdentifier()).toEqual({});
    expect(t.r53.healthChecks.size).toBe(0);
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

  it("passes on errors the SDK did not retry, logging them", async () => {
    const t = setup({}, async (kind, answer) => {
      if (kind === "route53:ChangeResourceRecordSets") throw route53Error("AccessDenied");
      return answer();
    });
    t.ec2.instances.set(WL, { state: "running", tags: managed, carrierIp: "155.146.10.1" });
    await expect(t.handler(stateEvent(WL, "running"))).rejects.toMatchObject({
      name: "AccessDenied",
    });
    expect(t.logs.entries.at(-1)).toMatchObject({
      level: "error",
      decision: "error",
      error: "AccessDenied",
      instanceId: WL,
    });
  });

  it("walks every page of the name's record sets and of the account's health checks", async () => {
    const t = setup();
    t.r53.pageSize = 2;
    t.r53.healthCheckPageSize = 3;
    const others = Array.from({ length: 5 }, (_, i) =>
      recordOf(`i-0${String(i).repeat(16)}`, `192.0.2.${i + 1}`),
    );
    // Twelve foreign CLOUDWATCH_METRIC health checks: two ListTagsForResources batches of 10.
    for (let i = 0; i < 12; i++) {
      t.r53.createHealthCheck({
        CallerReference: `other-${i}`,
        HealthCheckConfig: { Type: "CLOUDWATCH_METRIC" },
      });
    }
    t.r53.seed({ ...regionHub, Name: "a.example.com." }, ...others, {
      ...regionHub,
      Name: "zz.example.com.",
    });
    t.ec2.instances.set(WL, { state: "running", tags: managed, carrierIp: "155.146.10.1" });
    await t.handler(stateEvent(WL, "running"));
    t.ec2.instances.get(WL)!.state = "stopped";
    await expect(t.handler(stateEvent(WL, "stopped"))).resolves.toMatchObject({
      decision: "delete",
    });
    expect(t.r53Mock.commandCalls(ListResourceRecordSetsCommand).length).toBeGreaterThanOrEqual(3);
    expect(t.r53Mock.commandCalls(ListTagsForResourcesCommand).length).toBeGreaterThanOrEqual(2);
    expect(Object.keys(t.r53.byIdentifier())).toHaveLength(5);
    expect(t.r53.healthChecks.size).toBe(12);
    expect(t.r53Mock.commandCalls(ChangeTagsForResourceCommand)).toHaveLength(1);
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

  it("logs one JSON line per write and one for the decision by default", async () => {
    const write = jest.spyOn(process.stdout, "write").mockImplementation(() => true);
    const t = setup({ log: jsonLogger });
    t.ec2.instances.set(WL, { state: "running", tags: managed, carrierIp: "155.146.10.1" });
    await t.handler(stateEvent(WL, "running"));
    const lines = write.mock.calls.map(([chunk]) => String(chunk));
    write.mockRestore();
    expect(lines).toHaveLength(4);
    expect(lines.every((l) => l.endsWith("\n"))).toBe(true);
    expect(lines.map((l) => JSON.parse(l) as Record<string, unknown>)).toEqual([
      expect.objectContaining({ action: "alarm-put", time: expect.any(String) }),
      expect.objectContaining({ action: "health-check-create" }),
      expect.objectContaining({ action: "upsert", instanceId: WL }),
      expect.objectContaining({ decision: "upsert", instanceId: WL }),
    ]);
  });
});

describe("updater clients", () => {
  // The SDK's own retry strategy instead of a hand-kept list of error codes (AWS SDKs and Tools
  // Reference Guide, "Retry behavior": adaptive mode). The Smithy classification the strategy
  // uses lists PriorRequestNotComplete, Throttling and RequestLimitExceeded as throttling errors.
  it.each(["ec2", "route53", "cloudwatch"] as const)(
    `the %s client retries in adaptive mode, ${MAX_ATTEMPTS} attempts`,
    async (name) => {
      const previous = process.env.AWS_REGION;
      process.env.AWS_REGION = "us-east-1";
      try {
        const client = createClients()[name];
        const config = client.config as unknown as {
          retryStrategy: () => Promise<{ mode: string }>;
          maxAttempts: () => Promise<number>;
        };
        expect((await config.retryStrategy()).mode).toBe("adaptive");
        expect(await config.maxAttempts()).toBe(MAX_ATTEMPTS);
      } finally {
        if (previous === undefined) delete process.env.AWS_REGION;
        else process.env.AWS_REGION = previous;
      }
    },
  );
});

describe("updater configuration", () => {
  const env = {
    EDGE_DNS_ZONE_ID: "/hostedzone/Z0123456789ABCDEFGHIJ",
    EDGE_DNS_RECORD_NAME: "BOS.Edge.Example.com",
    EDGE_DNS_WEIGHT: "10",
    EDGE_DNS_TTL: "30",
    EDGE_DNS_MANAGED_TAG_KEY: "edge:dns-name",
    EDGE_DNS_ALARM_PREFIX: "wavelength-bos-prod-dns-updater",
    AWS_REGION: "us-east-1",
  };

  it("reads the environment the construct sets and normalizes the name and zone id", () => {
    expect(readConfig(env)).toEqual({
      zoneId: "Z0123456789ABCDEFGHIJ",
      recordName: "bos.edge.example.com.",
      weight: 10,
      ttl: 30,
      managedTagKey: "edge:dns-name",
      alarmPrefix: "wavelength-bos-prod-dns-updater",
      region: "us-east-1",
      alarm: STATUS_CHECK_ALARM,
    });
    expect(readConfig({ ...env, EDGE_DNS_MANAGED_TAG_VALUE: "x" }).managedTagValue).toBe("x");
    expect(
      readConfig({
        ...env,
        EDGE_DNS_ALARM: JSON.stringify({ namespace: "Edge/App", metricName: "Healthy" }),
      }).alarm,
    ).toEqual({ ...STATUS_CHECK_ALARM, namespace: "Edge/App", metricName: "Healthy" });
  });

  it("fails the cold start on missing or out-of-range values", () => {
    expect(() => readConfig({ ...env, EDGE_DNS_WEIGHT: "256", EDGE_DNS_ZONE_ID: "" })).toThrow(
      'carrier-ip dns updater configuration: EDGE_DNS_ZONE_ID is not set; EDGE_DNS_WEIGHT must be an integer from 0 to 255 (got "256")',
    );
    expect(() => readConfig({ ...env, EDGE_DNS_TTL: "-1" })).toThrow(
      "EDGE_DNS_TTL must be an integer",
    );
    expect(() => readConfig({ ...env, EDGE_DNS_ALARM: "{" })).toThrow("EDGE_DNS_ALARM is not JSON");
  });

  it("compares names the way Route 53 returns them", () => {
    expect(normalizeRecordName("\\052.Example.com")).toBe("*.example.com.");
    expect(normalizeRecordName("a.example.com.")).toBe("a.example.com.");
  });
});
