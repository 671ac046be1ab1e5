import { ConfigCheck, isUnresolved, parseOutpostArn, parseZone } from "@edge/core";
import type { OutpostProps } from "../outpost";
import { planRackUplinks, type RackUplinkPlan } from "../rack-uplinks";

/** Outpost props with defaults applied. */
export interface OutpostSettings {
  /** `op-…`, or a placeholder when the ARN is a token. */
  readonly outpostId: string;
  readonly racks: number;
  readonly aceRack: boolean;
  readonly instanceTypes: readonly string[];
  readonly uplinkPlan: RackUplinkPlan;
}

// EC2 instance type names: family (with generation and attributes), a dot, the size
// (EC2 UG "Amazon EC2 instance type naming conventions": c7gn.xlarge, u-6tb1.metal).
const INSTANCE_TYPE = /^[a-z][a-z0-9-]*\.[a-z0-9]+$/;

/** Checks every Outpost prop, reporting all problems at once. */
export function validateOutpostProps(
  props: OutpostProps,
  ctx: { region: string; path: string },
): OutpostSettings {
  const { path, region } = ctx;
  const check = new ConfigCheck();

  let outpostId = "(unknown until apply)";
  if (isUnresolved(props.arn)) {
    check.collect(() =>
      parseZone(props.availabilityZone, {
        region,
        path: `${path}.availabilityZone`,
        kinds: ["availability-zone"],
      }),
    );
  } else {
    check.collect(() => {
      outpostId = parseOutpostArn(props.arn, {
        region,
        path: `${path}.arn`,
        availabilityZone: props.availabilityZone,
        availabilityZonePath: `${path}.availabilityZone`,
      }).outpostId;
    });
  }

  const types = Array.isArray(props.instanceTypes) ? props.instanceTypes : [];
  check.expect(types.length > 0, {
    code: "EDGE_OUTPOST_INSTANCE_TYPES",
    path: `${path}.instanceTypes`,
    value: props.instanceTypes,
    problem: "an Outpost offers only the instance types it was ordered with, and none are listed",
    fix: 'list the instance types of the Outpost\'s capacity, e.g. ["m5.2xlarge", "c5.4xlarge"]',
  });
  const seen = new Map<string, number>();
  types.forEach((type, i) => {
    const typePath = `${path}.instanceTypes[${i}]`;
    if (isUnresolved(type)) return;
    if (typeof type !== "string" || !INSTANCE_TYPE.test(type)) {
      check.fail({
        code: "EDGE_OUTPOST_INSTANCE_TYPES",
        path: typePath,
        value: type,
        problem: "not an EC2 instance type name",
        fix: 'write it as family.size, for example "m5.2xlarge"',
      });
      return;
    }
    const first = seen.get(type);
    if (first !== undefined) {
      check.fail({
        code: "EDGE_OUTPOST_INSTANCE_TYPES",
        path: typePath,
        value: type,
        problem: `${type} is already listed at ${path}.instanceTypes[${first}]`,
        fix: "list each instance type once",
      });
    } else {
      seen.set(type, i);
    }
  });

  const aceRack = props.aceRack ?? false;
  let uplinkPlan: RackUplinkPlan | undefined;
  check.collect(() => {
    uplinkPlan = planRackUplinks({ racks: props.racks ?? 1, aceRack, path: `${path}.racks` });
  });
  check.throwIfFailed();

  return {
    outpostId,
    racks: uplinkPlan!.racks,
    aceRack,
    instanceTypes: [...types],
    uplinkPlan: uplinkPlan!,
  };
}
