import type { EC2Client } from "@aws-sdk/client-ec2";
import type { ResourceRecordSet, Route53Client } from "@aws-sdk/client-route-53";
import type { UpdaterConfig } from "./config";
import { parseEvent, type Ec2StateChangeEvent } from "./events";
import { observeInstance, type Call, type Observation } from "./instances";
import { jsonLogger, type LogEntry, type Logger } from "./log";
import {
  changeRecordSet,
  desiredRecordSet,
  isUpdaterShaped,
  listRecordSets,
  recordMatches,
  valueOf,
} from "./records";
import { errorCode, sleep, withRetry, type Delay, type RetryOptions } from "./retry";

/** What the updater decided for one event (one log line each). */
export type Decision =
  /** wrote the instance's record */
  | "upsert"
  /** removed the instance's record */
  | "delete"
  /** the record already matched */
  | "unchanged"
  /** no record should exist and none does */
  | "absent"
  /** the instance does not carry the managed tag */
  | "ignore-unmanaged"
  /** a record with the instance's id exists but is not one the updater writes */
  | "ignore-foreign-record"
  /** not a state-change event the updater handles */
  | "ignore-event"
  /** the record changed between list and delete; reconcile again */
  | "delete-conflict"
  /** the instance changed while its record was written; reconcile again */
  | "recheck";

/** Result of one invocation: the last decision. */
export interface UpdateResult {
  readonly decision: Decision;
  readonly instanceId?: string;
  readonly rounds: number;
}

/** Clients and knobs of the handler; everything but the clients and config has a default. */
export interface UpdaterDeps {
  readonly ec2: EC2Client;
  readonly route53: Route53Client;
  readonly config: UpdaterConfig;
  /** @default one JSON line per entry on stdout */
  readonly log?: Logger;
  /** @default setTimeout */
  readonly delay?: Delay;
  /** Jitter source for the backoff. @default Math.random */
  readonly random?: () => number;
  /** @default 6 attempts, 200 ms base, 5 s cap */
  readonly retry?: RetryOptions;
  /**
   * Reconcile rounds per event before giving up with an error (Lambda then retries the event,
   * and sends it to the dead-letter queue after its retries). @default 5
   */
  readonly maxRounds?: number;
}

/**
 * The carrier-IP DNS updater. Each event is only a trigger: the handler reconciles the instance's
 * record with what DescribeInstances says *now*, so duplicated and out-of-order events converge
 * on the same result.
 *
 * - running, managed, with an address: UPSERT a weighted A record, SetIdentifier = instance id;
 * - stopped, stopping, shutting-down, terminated, gone, or without an address: DELETE the record
 *   with the instance id as set identifier, with its exact current values; none is success;
 * - instances without the managed tag, and records the updater would not have written, are
 *   never touched.
 *
 * After a write it describes the instance again; if the state moved meanwhile (a concurrent
 * invocation for an older event may have acted on stale data) it reconciles again.
 */
export function createHandler(
  deps: UpdaterDeps,
): (event: Ec2StateChangeEvent) => Promise<UpdateResult> {
  const log = deps.log ?? jsonLogger;
  const config = deps.config;
  const maxRounds = deps.maxRounds ?? 5;
  const base = { recordName: config.recordName, zoneId: config.zoneId };

  return async (event) => {
    const parsed = parseEvent(event);
    if (!parsed.ok) {
      log({
        level: "info",
        decision: "ignore-event",
        reason: parsed.reason,
        eventId: event?.id,
        ...base,
      });
      return { decision: "ignore-event", rounds: 0 };
    }
    const { instanceId, state } = parsed;
    const context = { instanceId, eventState: state, eventId: event.id, ...base };
    const call: Call = (operation, fn) =>
      withRetry(operation, fn, {
        options: deps.retry,
        delay: deps.delay ?? sleep,
        random: deps.random ?? Math.random,
        log,
        context,
      });
    const decide = (round: number, decision: Decision, extra: LogEntry): UpdateResult => {
      log({ level: "info", decision, round, ...context, ...extra });
      return { decision, instanceId, rounds: round };
    };

    try {
      for (let round = 1; round <= maxRounds; round++) {
        const seen = await observeInstance(deps.ec2, instanceId, config, call);
        const current = describe(seen);
        if (seen.kind === "instance" && !seen.managed) {
          return decide(round, "ignore-unmanaged", {
            currentState: current,
            tag: config.managedTagKey,
          });
        }
        const sets = await listRecordSets(deps.route53, config, call);
        const existing = sets.find((s) => s.SetIdentifier === instanceId);
        if (existing && !isUpdaterShaped(existing)) {
          return decide(round, "ignore-foreign-record", { currentState: current });
        }

        const wanted = wantedIp(seen);
        if (wanted !== undefined) {
          const desired = desiredRecordSet(config, instanceId, wanted.ip);
          if (existing && recordMatches(existing, desired)) {
            return decide(round, "unchanged", {
              currentState: current,
              ip: wanted.ip,
              source: wanted.source,
            });
          }
          await changeRecordSet(deps.route53, config, "UPSERT", desired, call);
          const previous = existing ? valueOf(existing) : undefined;
          decide(round, "upsert", {
            currentState: current,
            ip: wanted.ip,
            source: wanted.source,
            ...(previous ? { previousIp: previous } : {}),
            weight: config.weight,
            ttl: config.ttl,
          });
        } else {
          const reason = absenceReason(seen);
          if (!existing) return decide(round, "absent", { currentState: current, reason });
          try {
            await changeRecordSet(
              deps.route53,
              config,
              "DELETE",
              existing as ResourceRecordSet,
              call,
            );
          } catch (err) {
            // The values changed since the list (a concurrent UPSERT) or the set is already gone.
            if (errorCode(err) !== "InvalidChangeBatch") throw err;
            decide(round, "delete-conflict", { currentState: current, ip: valueOf(existing) });
            continue;
          }
          decide(round, "delete", { currentState: current, reason, ip: valueOf(existing) });
        }

        const after = await observeInstance(deps.ec2, instanceId, config, call);
        const settled =
          (after.kind === "instance" && !after.managed) || wantedIp(after)?.ip === wanted?.ip;
        if (settled)
          return {
            decision: wanted !== undefined ? "upsert" : "delete",
            instanceId,
            rounds: round,
          };
        decide(round, "recheck", {
          currentState: describe(after),
          reason: "the instance changed while its record was written",
        });
      }
    } catch (err) {
      log({
        level: "error",
        decision: "error",
        error: errorCode(err),
        message: err instanceof Error ? err.message : String(err),
        ...context,
      });
      throw err;
    }
    const message = `instance ${instanceId}: the record did not settle after ${maxRounds} rounds`;
    log({ level: "error", decision: "error", error: "NotSettled", message, ...context });
    throw new Error(message);
  };
}

function describe(seen: Observation): string {
  return seen.kind === "gone" ? "gone" : seen.state;
}

/** The address the record should hold, or undefined when no record should exist. */
function wantedIp(seen: Observation): { ip: string; source: string } | undefined {
  if (seen.kind !== "instance" || !seen.managed || seen.state !== "running" || !seen.address)
    return undefined;
  return seen.address;
}

function absenceReason(seen: Observation): string {
  if (seen.kind === "gone") return "instance-gone";
  if (seen.state !== "running") return "not-running";
  return "no-address";
}
