/**
 * In-memory stand-ins for the parts of EC2 and Route 53 the updater uses, wired into the SDK v3
 * clients with aws-sdk-client-mock. Route 53 follows the documented rules the handler relies on:
 * UPSERT creates or replaces by (name, type, set identifier); DELETE needs the exact current
 * values and fails with InvalidChangeBatch otherwise or when the set is missing; listing is
 * sorted and paged with Next* markers.
 */
import {
  DescribeInstancesCommand,
  EC2Client,
  EC2ServiceException,
  type DescribeInstancesCommandInput,
  type DescribeInstancesCommandOutput,
} from "@aws-sdk/client-ec2";
import {
  ChangeResourceRecordSetsCommand,
  InvalidChangeBatch,
  ListResourceRecordSetsCommand,
  Route53Client,
  Route53ServiceException,
  type ChangeResourceRecordSetsCommandInput,
  type ChangeResourceRecordSetsCommandOutput,
  type ListResourceRecordSetsCommandInput,
  type ListResourceRecordSetsCommandOutput,
  type ResourceRecordSet,
} from "@aws-sdk/client-route-53";
import { mockClient } from "aws-sdk-client-mock";
import type { UpdaterConfig } from "../../src/handler/config";
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

/**
 * Mocks both SDK clients onto the fakes. `wrap` lets a test decide when answers are computed
 * (the fast-check scheduler does this to interleave concurrent invocations).
 */
export type CallKind =
  "ec2:DescribeInstances" | "route53:ListResourceRecordSets" | "route53:ChangeResourceRecordSets";

export function mockAws(
  ec2: FakeEc2,
  route53: FakeRoute53,
  wrap: <T>(kind: CallKind, answer: () => T) => Promise<T> = async (_kind, answer) => answer(),
) {
  const ec2Mock = mockClient(EC2Client);
  const r53Mock = mockClient(Route53Client);
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
    ec2Client: new EC2Client({ region: "us-east-1" }),
    route53Client: new Route53Client({ region: "us-east-1" }),
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
