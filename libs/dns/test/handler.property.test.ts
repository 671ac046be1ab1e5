/**
 * Property: whatever the order, duplication and interleaving of state-change events (and of the
 * handler's own AWS calls, scheduled by fast-check), with throttling injected, the records of the
 * name end up exactly as the running managed instances with an address, and every other record
 * is untouched.
 */
import fc from "fast-check";
import { createHandler } from "../src/handler/updater";
import {
  CONFIG,
  ec2Error,
  FakeEc2,
  FakeRoute53,
  mockAws,
  RECORD_NAME,
  route53Error,
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
const faultArb = fc.constantFrom<string | undefined>(
  undefined,
  undefined,
  undefined,
  "Throttling",
  "PriorRequestNotComplete",
);

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
          // Faults are drawn per call but never more than two in a row, so retries always win.
          let streak = 0;
          const nextFault = (): string | undefined => {
            const fault = streak >= 2 ? undefined : faults.shift();
            streak = fault ? streak + 1 : 0;
            return fault;
          };
          const { ec2Client, route53Client } = mockAws(ec2, r53, (kind, answer) =>
            s.schedule(Promise.resolve(), kind).then(() => {
              const fault = nextFault();
              if (fault)
                throw kind === "ec2:DescribeInstances"
                  ? ec2Error("RequestLimitExceeded")
                  : route53Error(fault);
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

          const handler = createHandler({
            ec2: ec2Client,
            route53: route53Client,
            config: CONFIG,
            log: () => undefined,
            delay: () => s.schedule(Promise.resolve()),
            random: () => 0.5,
            maxRounds: 100,
          });
          const invocations: Promise<unknown>[] = [];
          const failures: unknown[] = [];
          // Lambda retries a failed asynchronous invocation twice.
          const invoke = async (event: ReturnType<typeof stateEvent>) => {
            for (let attempt = 1; ; attempt++) {
              try {
                return await handler(event);
              } catch (err) {
                if (attempt === 3) {
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
