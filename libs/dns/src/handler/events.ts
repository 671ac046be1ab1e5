/**
 * The EventBridge event EC2 emits on every instance state change. It carries only the instance id
 * and the new state (EC2 User Guide, "State change events for Amazon EC2 instances").
 */
export interface Ec2StateChangeEvent {
  readonly id?: string;
  readonly source?: string;
  readonly "detail-type"?: string;
  readonly time?: string;
  readonly region?: string;
  readonly account?: string;
  readonly detail?: {
    readonly "instance-id"?: string;
    readonly state?: string;
  };
}

export const DETAIL_TYPE = "EC2 Instance State-change Notification";

/** States the rule forwards: `running` adds a record, the others remove it. */
export const HANDLED_STATES = [
  "running",
  "stopping",
  "stopped",
  "shutting-down",
  "terminated",
] as const;
export type HandledState = (typeof HANDLED_STATES)[number];

// EC2 instance ids: "i-" and 8 (older) or 17 hexadecimal characters (EC2 User Guide, "Resource IDs").
const INSTANCE_ID = /^i-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;

/** True for a string shaped like an EC2 instance id. */
export function isInstanceId(value: unknown): value is string {
  return typeof value === "string" && INSTANCE_ID.test(value);
}

/** The instance and state of a well-formed state-change event, or why it is ignored. */
export function parseEvent(
  event: Ec2StateChangeEvent,
):
  | { readonly ok: true; readonly instanceId: string; readonly state: HandledState }
  | { readonly ok: false; readonly reason: string } {
  if (event?.source !== "aws.ec2" || event["detail-type"] !== DETAIL_TYPE) {
    return { ok: false, reason: "not an EC2 instance state-change notification" };
  }
  const instanceId = event.detail?.["instance-id"];
  const state = event.detail?.state;
  if (!isInstanceId(instanceId))
    return { ok: false, reason: "detail.instance-id is not an instance id" };
  if (!(HANDLED_STATES as readonly string[]).includes(state ?? ""))
    return { ok: false, reason: `state ${JSON.stringify(state)} is not handled` };
  return { ok: true, instanceId, state: state as HandledState };
}
