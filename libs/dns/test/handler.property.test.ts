/**
 * Property: whatever the order, duplication and interleaving of state-change events (and of the
 * handler's own AWS calls, scheduled by fast-check, so concurrent invocations interleave call by
 * call), with invocations dying between any two calls (and retried, as Lambda retries a failed
 * asynchronous invocation and the dead-letter queue is replayed), the records of the name end up
 * exactly as the running managed instances with an address, each with exactly one tagged health
 * check and one alarm of its own, nothing else of the updater's is left, and every other record
 * is untouched. No reserved concurrency: invocations of one instance run at the same time.
 */
import fc from "fast-check";
import { createHandler } from "../src/handler/updater";
import { TAG_INSTANCE, TAG_UPDATER } from "../src/handler/health";
import {
  CONFIG,
  FakeEc2,
  FakeRoute53,
  mockAws,
  RECORD_NAME,
  stateEvent,
  type FakeInstance,
} from "./support/fake-aws";

const IDS = [
  "i-00000000000000001",
  "i-00000000000000002",
  "i-00000000000000003",
  "i-00000000000000004",
];
const MANAGED = { [CONFIG.managedTagKey]: CONFIG.managedTagValue! };

interface InstanceSpec {
  readonly managed: boolean;
  readonly address: "carrier" | "public" | "none";
}
interface Command {
  readonly instance: number;
  readonly action: "start" | "stop" | "terminate" | "forget";
  readonly duplicate: boolean;
}

const instanceArb = fc.record<InstanceSpec>({
  managed: fc.constantFrom(true, true, true, false),
  address: fc.constantFrom("carrier", "carrier", "public", "none"),
});
const commandArb = fc.record<Command>({
  instance: fc.nat({ max: IDS.length - 1 }),
  action: fc.constantFrom("start", "start", "stop", "terminate", "forget"),
  duplicate: fc.boolean(),
});
/** true: the invocation dies before this call (timeout, out of memory, retries exhausted). */
const faultArb = fc.constantFrom(false, false, false, false, true);

afterEach(() => jest.restoreAllMocks());

describe("carrier-ip updater (property)", () => {
  it("converges on the running managed instances under random, duplicated, reordered and concurrent events", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.scheduler(),
        fc.array(instanceArb, { minLength: IDS.length, maxLength: IDS.length }),
        fc.array(commandArb, { maxLength: 14 }),
        fc.array(faultArb, { maxLength: 40 }),
        async (s, specs, commands, faults) => {
          const ec2 = new FakeEc2();
          const r53 = new FakeRoute53();
          const { ec2Client, route53Client, cloudwatchClient, cloudwatch } = mockAws(
            ec2,
            r53,
            (kind, answer) =>
              s.schedule(Promise.resolve(), kind).then(() => {
                if (faults.shift()) throw new Error(`Runtime.ExitError before ${kind}`);
                return answer();
              }),
          );
          // Other records of the zone: a Terraform-managed endpoint, another name, and a stale
          // record of an unmanaged instance. None may change.
          const foreign = [
            {
              Name: RECORD_NAME,
              Type: "A" as const,
              SetIdentifier: "region-hub",
              Weight: 5,
              TTL: 60,
              ResourceRecords: [{ Value: "198.51.100.7" }],
            },
            {
              Name: "other.example.com.",
              Type: "A" as const,
              SetIdentifier: IDS[0],
              Weight: 1,
              TTL: 30,
              ResourceRecords: [{ Value: "192.0.2.1" }],
            },
          ];
          r53.seed(...foreign);
          specs.forEach((spec, i) => {
            ec2.instances.set(IDS[i], {
              state: "stopped",
              tags: spec.managed ? MANAGED : { Name: "other" },
            });
            if (!spec.managed) {
              const stale = {
                Name: RECORD_NAME,
                Type: "A" as const,
                SetIdentifier: IDS[i],
                Weight: 1,
                TTL: 30,
                ResourceRecords: [{ Value: `192.0.2.${100 + i}` }],
              };
              r53.seed(stale);
              foreign.push(stale);
            }
          });

          let nonce = 0;
          const handler = createHandler({
            ec2: ec2Client,
            route53: route53Client,
            cloudwatch: cloudwatchClient,
            config: CONFIG,
            log: () => undefined,
            nonce: () => `n${++nonce}`,
            maxRounds: 100,
          });
          const invocations: Promise<unknown>[] = [];
          const failures: unknown[] = [];
          // Lambda retries a failed asynchronous invocation twice, then the event goes to the
          // dead-letter queue, which is replayed: every event is eventually handled.
          const invoke = async (event: ReturnType<typeof stateEvent>) => {
            for (let attempt = 1; ; attempt++) {
              try {
                return await handler(event);
              } catch (err) {
                if (attempt === 50) {
                  failures.push(err);
                  return undefined;
                }
              }
            }
          };
          let nextIp = 1;
          const emit = (id: string, state: string, duplicate: boolean) => {
            for (let n = duplicate ? 2 : 1; n > 0; n--)
              invocations.push(invoke(stateEvent(id, state)));
          };
          const later = (fn: () => void) => void s.schedule(Promise.resolve()).then(fn);
          const apply = (cmd: Command) => {
            const id = IDS[cmd.instance];
            const inst = ec2.instances.get(id)! as FakeInstance;
            const spec = specs[cmd.instance];
            switch (cmd.action) {
              case "start":
                if (inst.state !== "stopped") return;
                inst.state = "running";
                inst.carrierIp = spec.address === "carrier" ? `155.146.0.${nextIp++}` : undefined;
                inst.publicIp = spec.address === "public" ? `203.0.113.${nextIp++}` : undefined;
                return emit(id, "running", cmd.duplicate);
              case "stop":
                if (inst.state !== "running") return;
                inst.state = "stopping";
                emit(id, "stopping", cmd.duplicate);
                return later(() => {
                  inst.state = "stopped";
                  inst.carrierIp = undefined; // auto-assigned carrier and public IPs are released on stop
                  inst.publicIp = undefined;
                  emit(id, "stopped", cmd.duplicate);
                });
              case "terminate":
                if (inst.state !== "running" && inst.state !== "stopped") return;
                inst.state = "shutting-down";
                emit(id, "shutting-down", cmd.duplicate);
                return later(() => {
                  inst.state = "terminated";
                  inst.carrierIp = undefined;
                  inst.publicIp = undefined;
                  emit(id, "terminated", cmd.duplicate);
                });
              case "forget":
                if (inst.state === "terminated") inst.forgotten = true;
                return;
            }
          };
          for (const cmd of commands) later(() => apply(cmd));

          await s.waitIdle();
          await Promise.all(invocations);

          expect(failures).toEqual([]);
          const expected = Object.fromEntries(
            IDS.filter(
              (id, i) =>
                specs[i].managed &&
                ec2.instances.get(id)!.state === "running" &&
                specs[i].address !== "none",
            ).map((id) => {
              const inst = ec2.instances.get(id)!;
              return [
                id,
                {
                  Name: RECORD_NAME,
                  Type: "A",
                  SetIdentifier: id,
                  Weight: CONFIG.weight,
                  TTL: CONFIG.ttl,
                  ResourceRecords: [{ Value: inst.carrierIp ?? inst.publicIp }],
                  HealthCheckId: expect.any(String),
                },
              ];
            }),
          );
          const managedNow = Object.fromEntries(
            Object.entries(r53.byIdentifier()).filter(([id]) =>
              IDS.some((x, i) => x === id && specs[i].managed),
            ),
          );
          expect(managedNow).toEqual(expected);
          // One tagged health check per answered host, the one its record names; one alarm per
          // answered host; nothing else left behind.
          const checks = [...r53.healthChecks.entries()];
          expect(checks.map(([, h]) => h.tags[TAG_INSTANCE]).sort()).toEqual(
            Object.keys(expected).sort(),
          );
          for (const [id, h] of checks) {
            expect(h.tags[TAG_UPDATER]).toBe("bos.edge.example.com");
            expect(managedNow[h.tags[TAG_INSTANCE]]?.HealthCheckId).toBe(id);
            expect(h.check.HealthCheckConfig?.AlarmIdentifier?.Name).toBe(
              `${CONFIG.alarmPrefix}-${h.tags[TAG_INSTANCE]}`,
            );
          }
          expect([...cloudwatch.alarms.keys()].sort()).toEqual(
            Object.keys(expected)
              .map((id) => `${CONFIG.alarmPrefix}-${id}`)
              .sort(),
          );
          // An instance that can no longer be described has no tag to check: a record under the
          // name with its id as set identifier is then taken as the updater's (synth reserves
          // instance-id set identifiers for it) and may be removed. Everything else stays.
          const gone = (id: string | undefined) =>
            IDS.some((x) => x === id && ec2.instances.get(x)!.forgotten);
          for (const set of foreign) {
            if (set.Name === RECORD_NAME && gone(set.SetIdentifier)) continue;
            expect(r53.sets).toContainEqual(set);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
