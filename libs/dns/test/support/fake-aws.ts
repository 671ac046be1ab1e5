/**
 * In-memory stand-ins for the parts of EC2, Route 53 and CloudWatch the updater uses, wired into
 * the SDK v3 clients with aws-sdk-client-mock. Route 53 follows the documented rules the handler
 * relies on: UPSERT creates or replaces by (name, type, set identifier); DELETE needs the exact
 * current values and fails with InvalidChangeBatch otherwise or when the set is missing ("To
 * delete a resource record set, you must specify all the same values that you specified when
 * you created it", ChangeResourceRecordSets); listing is sorted and paged with Next* markers;
 * a caller reference is never reused (CreateHealthCheck); DeleteHealthCheck of an unknown id is
 * NoSuchHealthCheck. CloudWatch's PutMetricAlarm creates or replaces an alarm by name.
 */
import {
  CloudWatchClient,
  CloudWatchServiceException,
  DeleteAlarmsCommand,
  DescribeAlarmsCommand,
  PutMetricAlarmCommand,
  type DeleteAlarmsCommandInput,
  type DescribeAlarmsCommandInput,
  type MetricAlarm,
  type PutMetricAlarmCommandInput,
} from "@aws-sdk/client-cloudwatch";
import {
  DescribeInstancesCommand,
  EC2Client,
  EC2ServiceException,
  type DescribeInstancesCommandInput,
  type DescribeInstancesCommandOutput,
} from "@aws-sdk/client-ec2";
import {
  ChangeResourceRecordSetsCommand,
  ChangeTagsForResourceCommand,
  CreateHealthCheckCommand,
  DeleteHealthCheckCommand,
  InvalidChangeBatch,
  ListHealthChecksCommand,
  ListResourceRecordSetsCommand,
  ListTagsForResourcesCommand,
  type ChangeTagsForResourceCommandInput,
  type CreateHealthCheckCommandInput,
  type DeleteHealthCheckCommandInput,
  type HealthCheck,
  type ListHealthChecksCommandInput,
  type ListTagsForResourcesCommandInput,
  Route53Client,
  Route53ServiceException,
  type ChangeResourceRecordSetsCommandInput,
  type ChangeResourceRecordSetsCommandOutput,
  type ListResourceRecordSetsCommandInput,
  type ListResourceRecordSetsCommandOutput,
  type ResourceRecordSet,
} from "@aws-sdk/client-route-53";
import { mockClient } from "aws-sdk-client-mock";
import { STATUS_CHECK_ALARM, type UpdaterConfig } from "../../src/handler/config";
import type { LogEntry } from "../../src/handler/log";

export const ZONE_ID = "Z0123456789ABCDEFGHIJ";
export const RECORD_NAME = "bos.edge.example.com.";
export const CONFIG: UpdaterConfig = {
  zoneId: ZONE_ID,
  recordName: RECORD_NAME,
  weight: 10,
  ttl: 30,
  managedTagKey: "edge:dns-name",
  managedTagValue: "bos.edge.example.com",
  alarmPrefix: "wavelength-bos-prod-dns-updater",
  region: "us-east-1",
  alarm: STATUS_CHECK_ALARM,
};

export interface FakeInstance {
  state: string;
  tags: Record<string, string>;
  carrierIp?: string;
  publicIp?: string;
  /** Terminated long enough ago that DescribeInstances no longer knows it. */
  forgotten?: boolean;
}

export function ec2Error(name: string): EC2ServiceException {
  return new EC2ServiceException({
    name,
    $fault: "client",
    $metadata: { httpStatusCode: 400 },
    message: name,
  });
}

export function cloudwatchError(name: string): Error {
  return new CloudWatchServiceException({
    name,
    $fault: "client",
    $metadata: { httpStatusCode: 400 },
    message: name,
  });
}

export function route53Error(name: string): Error {
  if (name === "InvalidChangeBatch")
    return new InvalidChangeBatch({
      $metadata: { httpStatusCode: 400 },
      message: "invalid change batch",
    });
  return new Route53ServiceException({
    name,
    $fault: "client",
    $metadata: { httpStatusCode: 400 },
    message: name,
  });
}

export class FakeEc2 {
  readonly instances = new Map<string, FakeInstance>();
  /** Errors to throw on the next calls, in order (undefined: answer normally). */
  readonly faults: (string | undefined)[] = [];
  calls = 0;

  describe(input: DescribeInstancesCommandInput): DescribeInstancesCommandOutput {
    this.calls++;
    const fault = this.faults.shift();
    if (fault) throw ec2Error(fault);
    const id = input.InstanceIds?.[0] ?? "";
    const inst = this.instances.get(id);
    if (!inst || inst.forgotten) throw ec2Error("InvalidInstanceID.NotFound");
    return {
      $metadata: {},
      Reservations: [
        {
          Instances: [
            {
              InstanceId: id,
              State: { Name: inst.state as never },
              Tags: Object.entries(inst.tags).map(([Key, Value]) => ({ Key, Value })),
              ...(inst.publicIp ? { PublicIpAddress: inst.publicIp } : {}),
              NetworkInterfaces: inst.carrierIp
                ? [{ Attachment: { DeviceIndex: 0 }, Association: { CarrierIp: inst.carrierIp } }]
                : [],
            },
          ],
        },
      ],
    };
  }
}

const norm = (name: string) =>
  name.toLowerCase().endsWith(".") ? name.toLowerCase() : `${name.toLowerCase()}.`;
const key = (s: ResourceRecordSet) => `${norm(s.Name!)}|${s.Type}|${s.SetIdentifier ?? ""}`;

export class FakeRoute53 {
  /** Record sets of the one zone. */
  sets: ResourceRecordSet[] = [];
  /** Errors to throw on the next change calls, in order (undefined: apply normally). */
  readonly faults: (string | undefined)[] = [];
  /** Items per list page. */
  pageSize = 300;
  /** Called before a change is applied (to simulate the world moving meanwhile). */
  beforeChange?: (input: ChangeResourceRecordSetsCommandInput) => void;
  changes: ChangeResourceRecordSetsCommandInput[] = [];
  listCalls = 0;
  /** Health checks by id, with their tags. */
  readonly healthChecks = new Map<string, { check: HealthCheck; tags: Record<string, string> }>();
  private readonly callerReferences = new Set<string>();
  private nextHealthCheck = 1;
  /** Health checks per ListHealthChecks page. */
  healthCheckPageSize = 100;

  createHealthCheck(input: CreateHealthCheckCommandInput) {
    const ref = input.CallerReference!;
    if (ref.length > 64) throw route53Error("InvalidInput");
    if (this.callerReferences.has(ref)) throw route53Error("HealthCheckAlreadyExists");
    this.callerReferences.add(ref);
    const id = `hc-${String(this.nextHealthCheck++).padStart(4, "0")}`;
    const check: HealthCheck = {
      Id: id,
      CallerReference: ref,
      HealthCheckConfig: structuredClone(input.HealthCheckConfig!),
      HealthCheckVersion: 1,
    };
    this.healthChecks.set(id, { check, tags: {} });
    return { $metadata: {}, HealthCheck: structuredClone(check), Location: `/healthcheck/${id}` };
  }

  deleteHealthCheck(input: DeleteHealthCheckCommandInput) {
    if (!this.healthChecks.delete(input.HealthCheckId!)) throw route53Error("NoSuchHealthCheck");
    return { $metadata: {} };
  }

  listHealthChecks(input: ListHealthChecksCommandInput) {
    const all = [...this.healthChecks.values()].map((h) => h.check);
    const from = input.Marker ? all.findIndex((h) => h.Id === input.Marker) : 0;
    const page = all.slice(Math.max(from, 0), Math.max(from, 0) + this.healthCheckPageSize);
    const next = all[Math.max(from, 0) + this.healthCheckPageSize];
    return {
      $metadata: {},
      HealthChecks: page.map((h) => structuredClone(h)),
      Marker: input.Marker ?? "",
      MaxItems: String(this.healthCheckPageSize),
      IsTruncated: next !== undefined,
      ...(next ? { NextMarker: next.Id } : {}),
    };
  }

  listTags(input: ListTagsForResourcesCommandInput) {
    if ((input.ResourceIds ?? []).length > 10) throw route53Error("InvalidInput");
    return {
      $metadata: {},
      ResourceTagSets: (input.ResourceIds ?? [])
        .filter((id) => this.healthChecks.has(id))
        .map((id) => ({
          ResourceType: "healthcheck" as const,
          ResourceId: id,
          Tags: Object.entries(this.healthChecks.get(id)!.tags).map(([Key, Value]) => ({
            Key,
            Value,
          })),
        })),
    };
  }

  changeTags(input: ChangeTagsForResourceCommandInput) {
    const hc = this.healthChecks.get(input.ResourceId!);
    if (!hc) throw route53Error("NoSuchHealthCheck");
    for (const t of input.AddTags ?? []) hc.tags[t.Key!] = t.Value!;
    return { $metadata: {} };
  }

  seed(...sets: ResourceRecordSet[]): this {
    for (const s of sets) this.sets.push({ ...s, Name: norm(s.Name!) });
    return this;
  }

  list(input: ListResourceRecordSetsCommandInput): ListResourceRecordSetsCommandOutput {
    this.listCalls++;
    const sorted = [...this.sets].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
    const start = `${norm(input.StartRecordName ?? "")}|${input.StartRecordType ?? ""}|${input.StartRecordIdentifier ?? ""}`;
    const from = sorted.filter((s) => key(s) >= start);
    const size = Number(input.MaxItems ?? this.pageSize);
    const page = from.slice(0, size);
    const next = from[size];
    return {
      $metadata: {},
      ResourceRecordSets: page.map((s) => structuredClone(s)),
      IsTruncated: next !== undefined,
      MaxItems: size,
      ...(next
        ? {
            NextRecordName: next.Name,
            NextRecordType: next.Type,
            ...(next.SetIdentifier ? { NextRecordIdentifier: next.SetIdentifier } : {}),
          }
        : {}),
    };
  }

  change(input: ChangeResourceRecordSetsCommandInput): ChangeResourceRecordSetsCommandOutput {
    const fault = this.faults.shift();
    if (fault) throw route53Error(fault);
    this.beforeChange?.(input);
    this.changes.push(structuredClone(input));
    for (const change of input.ChangeBatch?.Changes ?? []) {
      const set = { ...change.ResourceRecordSet!, Name: norm(change.ResourceRecordSet!.Name!) };
      const at = this.sets.findIndex((s) => key(s) === key(set));
      if (change.Action === "UPSERT") {
        // A record can only name a health check that exists (a DELETE repeats the values as
        // they are, whatever became of the health check).
        if (set.HealthCheckId !== undefined && !this.healthChecks.has(set.HealthCheckId))
          throw route53Error("NoSuchHealthCheck");
        if (at >= 0) this.sets[at] = set;
        else this.sets.push(set);
      } else if (change.Action === "DELETE") {
        if (at < 0) throw route53Error("InvalidChangeBatch");
        if (JSON.stringify(canonical(this.sets[at])) !== JSON.stringify(canonical(set)))
          throw route53Error("InvalidChangeBatch");
        this.sets.splice(at, 1);
      } else {
        throw new Error(`the fake does not implement ${change.Action}`);
      }
    }
    return {
      $metadata: {},
      ChangeInfo: {
        Id: `/change/C${this.changes.length}`,
        Status: "PENDING",
        SubmittedAt: new Date(0),
      },
    };
  }

  /** The sets with `name`, by set identifier. */
  byIdentifier(name = RECORD_NAME): Record<string, ResourceRecordSet> {
    return Object.fromEntries(
      this.sets.filter((s) => norm(s.Name!) === norm(name)).map((s) => [s.SetIdentifier ?? "", s]),
    );
  }
}

function canonical(s: ResourceRecordSet): unknown {
  return { ...s, Name: norm(s.Name!), ResourceRecords: s.ResourceRecords?.map((r) => r.Value) };
}

export class FakeCloudWatch {
  readonly alarms = new Map<string, MetricAlarm & { Tags?: { Key?: string; Value?: string }[] }>();

  describe(input: DescribeAlarmsCommandInput) {
    return {
      $metadata: {},
      MetricAlarms: (input.AlarmNames ?? [])
        .filter((n) => this.alarms.has(n))
        .map((n) => {
          const { Tags: _tags, ...alarm } = this.alarms.get(n)!;
          return structuredClone(alarm);
        }),
    };
  }

  put(input: PutMetricAlarmCommandInput) {
    this.alarms.set(input.AlarmName!, structuredClone(input) as never);
    return { $metadata: {} };
  }

  delete(input: DeleteAlarmsCommandInput) {
    const names = input.AlarmNames ?? [];
    if (names.some((n) => !this.alarms.has(n))) throw cloudwatchError("ResourceNotFound");
    for (const n of names) this.alarms.delete(n);
    return { $metadata: {} };
  }
}

/**
 * Mocks the SDK clients onto the fakes. `wrap` lets a test decide when answers are computed
 * (the fast-check scheduler does this to interleave concurrent invocations).
 */
export type CallKind =
  | "ec2:DescribeInstances"
  | "route53:ListResourceRecordSets"
  | "route53:ChangeResourceRecordSets"
  | "route53:CreateHealthCheck"
  | "route53:DeleteHealthCheck"
  | "route53:ListHealthChecks"
  | "route53:ListTagsForResources"
  | "route53:ChangeTagsForResource"
  | "cloudwatch:DescribeAlarms"
  | "cloudwatch:PutMetricAlarm"
  | "cloudwatch:DeleteAlarms";

export function mockAws(
  ec2: FakeEc2,
  route53: FakeRoute53,
  wrap: <T>(kind: CallKind, answer: () => T) => Promise<T> = async (_kind, answer) => answer(),
  cloudwatch: FakeCloudWatch = new FakeCloudWatch(),
) {
  const ec2Mock = mockClient(EC2Client);
  const r53Mock = mockClient(Route53Client);
  const cwMock = mockClient(CloudWatchClient);
  r53Mock
    .on(CreateHealthCheckCommand)
    .callsFake((input: CreateHealthCheckCommandInput) =>
      wrap("route53:CreateHealthCheck", () => route53.createHealthCheck(input)),
    );
  r53Mock
    .on(DeleteHealthCheckCommand)
    .callsFake((input: DeleteHealthCheckCommandInput) =>
      wrap("route53:DeleteHealthCheck", () => route53.deleteHealthCheck(input)),
    );
  r53Mock
    .on(ListHealthChecksCommand)
    .callsFake((input: ListHealthChecksCommandInput) =>
      wrap("route53:ListHealthChecks", () => route53.listHealthChecks(input)),
    );
  r53Mock
    .on(ListTagsForResourcesCommand)
    .callsFake((input: ListTagsForResourcesCommandInput) =>
      wrap("route53:ListTagsForResources", () => route53.listTags(input)),
    );
  r53Mock
    .on(ChangeTagsForResourceCommand)
    .callsFake((input: ChangeTagsForResourceCommandInput) =>
      wrap("route53:ChangeTagsForResource", () => route53.changeTags(input)),
    );
  cwMock
    .on(DescribeAlarmsCommand)
    .callsFake((input: DescribeAlarmsCommandInput) =>
      wrap("cloudwatch:DescribeAlarms", () => cloudwatch.describe(input)),
    );
  cwMock
    .on(PutMetricAlarmCommand)
    .callsFake((input: PutMetricAlarmCommandInput) =>
      wrap("cloudwatch:PutMetricAlarm", () => cloudwatch.put(input)),
    );
  cwMock
    .on(DeleteAlarmsCommand)
    .callsFake((input: DeleteAlarmsCommandInput) =>
      wrap("cloudwatch:DeleteAlarms", () => cloudwatch.delete(input)),
    );
  ec2Mock
    .on(DescribeInstancesCommand)
    .callsFake((input: DescribeInstancesCommandInput) =>
      wrap("ec2:DescribeInstances", () => ec2.describe(input)),
    );
  r53Mock
    .on(ListResourceRecordSetsCommand)
    .callsFake((input: ListResourceRecordSetsCommandInput) =>
      wrap("route53:ListResourceRecordSets", () => route53.list(input)),
    );
  r53Mock
    .on(ChangeResourceRecordSetsCommand)
    .callsFake((input: ChangeResourceRecordSetsCommandInput) =>
      wrap("route53:ChangeResourceRecordSets", () => route53.change(input)),
    );
  return {
    ec2Mock,
    r53Mock,
    cwMock,
    cloudwatch,
    ec2Client: new EC2Client({ region: "us-east-1" }),
    route53Client: new Route53Client({ region: "us-east-1" }),
    cloudwatchClient: new CloudWatchClient({ region: "us-east-1" }),
  };
}

/** A state-change event as EventBridge delivers it. */
export function stateEvent(instanceId: string, state: string, id = `evt-${instanceId}-${state}`) {
  return {
    version: "0",
    id,
    "detail-type": "EC2 Instance State-change Notification",
    source: "aws.ec2",
    account: "111111111111",
    time: "2025-01-01T00:00:00Z",
    region: "us-east-1",
    resources: [`arn:aws:ec2:us-east-1:111111111111:instance/${instanceId}`],
    detail: { "instance-id": instanceId, state },
  };
}

/** Collects log entries. */
export function captureLog(): {
  entries: LogEntry[];
  log: (entry: LogEntry) => void;
  decisions: () => LogEntry[];
} {
  const entries: LogEntry[] = [];
  return {
    entries,
    log: (entry) => entries.push(entry),
    decisions: () => entries.filter((e) => e.decision !== undefined),
  };
}
