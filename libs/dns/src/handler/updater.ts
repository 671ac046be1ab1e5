import type { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import type { EC2Client } from "@aws-sdk/client-ec2";
import type { ResourceRecordSet, Route53Client } from "@aws-sdk/client-route-53";
import type { UpdaterConfig } from "./config";
import { errorCode } from "./errors";
import { parseEvent, type Ec2StateChangeEvent } from "./events";
import {
  alarmMatches,
  alarmNameOf,
  createHealthCheck,
  deleteAlarm,
  deleteHealthCheck,
  describeAlarm,
  findHealthChecks,
  putAlarm,
  tagHealthCheck,
} from "./health";
import { observeInstance, type Observation } from "./instances";
import { jsonLogger, type LogEntry, type Logger } from "./log";
import {
  changeRecordSet,
  desiredRecordSet,
  isUpdaterShaped,
  listRecordSets,
  recordMatches,
  valueOf,
} from "./records";

/** What the updater decided for one event (the last decision of the invocation). */
export type Decision =
  /** wrote the instance's record (and its alarm and health check) */
  | "upsert"
  /** removed the instance's record, health check and alarm */
  | "delete"
  /** everything already matched */
  | "unchanged"
  /** nothing should exist and nothing does */
  | "absent"
  /** the instance does not carry the managed tag */
  | "ignore-unmanaged"
  /** a record with the instance's id exists but is not one the updater writes */
  | "ignore-foreign-record"
  /** not a state-change event the updater handles */
  | "ignore-event";

/** Result of one invocation. */
export interface UpdateResult {
  readonly decision: Decision;
  readonly instanceId?: string;
  /** Rounds run, the last one (which changed nothing) included. */
  readonly rounds: number;
}

/** Clients and knobs of the handler; everything but the clients and config has a default. */
export interface UpdaterDeps {
  readonly ec2: EC2Client;
  readonly route53: Route53Client;
  readonly cloudwatch: CloudWatchClient;
  readonly config: UpdaterConfig;
  /** @default one JSON line per entry on stdout */
  readonly log?: Logger;
  /** Unique suffix of health check caller references. @default time and randomness */
  readonly nonce?: () => string;
  /**
   * Rounds per event before giving up with an error (Lambda then retries the event, and sends
   * it to the dead-letter queue after its retries). @default 8
   */
  readonly maxRounds?: number;
}

/**
 * The carrier-IP DNS updater. Each event is only a trigger: every round reads what is true now
 * (DescribeInstances, the name's records, the instance's tagged health checks and its alarm),
 * writes what differs, and starts over; the invocation ends with a round that had nothing to
 * write. So duplicated, reordered and concurrent invocations converge without reserved
 * concurrency: whichever invocation writes last reads the final state after its write, and a
 * DELETE is a compare-and-set (Route 53 deletes only a record set given with all its current
 * values, ChangeResourceRecordSets; a mismatch fails with InvalidChangeBatch, and the next
 * round re-reads).
 *
 * - running, managed, with an address: the alarm (PutMetricAlarm), a CLOUDWATCH_METRIC health
 *   check bound to it (tagged), and a weighted A record (SetIdentifier = instance id, the
 *   carrier IP, HealthCheckId); when an alarm is in ALARM, Route 53 stops answering the record;
 * - stopped, stopping, shutting-down, terminated, gone, or without an address: DELETE the
 *   record, then its health checks, then its alarm;
 * - instances without the managed tag, and records the updater would not have written, are
 *   never touched.
 *
 * Health checks carry the updater's and the instance's tags (and a caller reference prefix for
 * the moment between CreateHealthCheck and its tags), so a crash between two calls leaves
 * nothing behind: the next invocation for the instance (Lambda retries a failed one) finds them
 * and finishes the job.
 */
export function createHandler(
  deps: UpdaterDeps,
): (event: Ec2StateChangeEvent) => Promise<UpdateResult> {
  const log = deps.log ?? jsonLogger;
  const config = deps.config;
  const maxRounds = deps.maxRounds ?? 8;
  const nonce =
    deps.nonce ?? (() => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`);
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
    const note = (round: number, action: string, extra: LogEntry = {}): void =>
      log({ level: "info", action, round, ...context, ...extra });
    const finish = (round: number, decision: Decision, extra: LogEntry): UpdateResult => {
      log({ level: "info", decision, round, ...context, ...extra });
      return { decision, instanceId, rounds: round };
    };

    let wrote = false;
    try {
      for (let round = 1; round <= maxRounds; round++) {
        const seen = await observeInstance(deps.ec2, instanceId, config);
        const current = describe(seen);
        if (seen.kind === "instance" && !seen.managed) {
          return finish(round, "ignore-unmanaged", {
            currentState: current,
            tag: config.managedTagKey,
          });
        }
        const sets = await listRecordSets(deps.route53, config);
        const existing = sets.find((s) => s.SetIdentifier === instanceId);
        if (existing && !isUpdaterShaped(existing)) {
          return finish(round, "ignore-foreign-record", { currentState: current });
        }
        const checks = await findHealthChecks(deps.route53, config, instanceId);
        const alarm = await describeAlarm(deps.cloudwatch, config, instanceId);
        const wanted = wantedIp(seen);
        let writes = 0;

        if (wanted !== undefined) {
          if (!alarm || !alarmMatches(alarm, config, instanceId)) {
            await putAlarm(deps.cloudwatch, config, instanceId);
            note(round, "alarm-put", { alarm: alarmNameOf(config, instanceId) });
            writes++;
          }
          for (const c of checks.filter((c) => !c.tagged)) {
            await tagHealthCheck(deps.route53, config, instanceId, c.id);
            note(round, "health-check-tag", { healthCheckId: c.id });
            writes++;
          }
          const ids = checks.map((c) => c.id);
          let chosen =
            existing?.HealthCheckId && ids.includes(existing.HealthCheckId)
              ? existing.HealthCheckId
              : ids[0];
          if (chosen === undefined) {
            chosen = await createHealthCheck(deps.route53, config, instanceId, nonce());
            note(round, "health-check-create", { healthCheckId: chosen });
            writes++;
          }
          const desired = desiredRecordSet(config, instanceId, wanted.ip, chosen);
          if (!existing || !recordMatches(existing, desired)) {
            try {
              await changeRecordSet(deps.route53, config, "UPSERT", desired);
            } catch (err) {
              // The chosen health check was deleted by a concurrent invocation meanwhile.
              if (!CONFLICTS.has(errorCode(err))) throw err;
              note(round, "upsert-conflict", { error: errorCode(err) });
              wrote = true;
              continue;
            }
            const previous = existing ? valueOf(existing) : undefined;
            note(round, "upsert", {
              currentState: current,
              ip: wanted.ip,
              source: wanted.source,
              ...(previous ? { previousIp: previous } : {}),
              weight: config.weight,
              ttl: config.ttl,
              healthCheckId: chosen,
            });
            writes++;
          }
          for (const extra of ids.filter((id) => id !== chosen)) {
            await deleteHealthCheck(deps.route53, extra);
            note(round, "health-check-delete", { healthCheckId: extra, reason: "duplicate" });
            writes++;
          }
        } else {
          if (existing) {
            try {
              await changeRecordSet(deps.route53, config, "DELETE", existing as ResourceRecordSet);
            } catch (err) {
              // Compare-and-set: the values changed since the list (a concurrent UPSERT) or the
              // set is already gone. Re-read and decide again.
              if (errorCode(err) !== "InvalidChangeBatch") throw err;
              note(round, "delete-conflict", { currentState: current, ip: valueOf(existing) });
              wrote = true;
              continue;
            }
            note(round, "delete", {
              currentState: current,
              reason: absenceReason(seen),
              ip: valueOf(existing),
            });
            writes++;
          }
          for (const c of checks) {
            await deleteHealthCheck(deps.route53, c.id);
            note(round, "health-check-delete", { healthCheckId: c.id });
            writes++;
          }
          if (alarm) {
            await deleteAlarm(deps.cloudwatch, config, instanceId);
            note(round, "alarm-delete", { alarm: alarmNameOf(config, instanceId) });
            writes++;
          }
        }

        if (writes === 0) {
          const decision: Decision =
            wanted !== undefined ? (wrote ? "upsert" : "unchanged") : wrote ? "delete" : "absent";
          return finish(round, decision, {
            currentState: current,
            ...(wanted ? { ip: wanted.ip, source: wanted.source } : {}),
            ...(wanted ? {} : { reason: absenceReason(seen) }),
          });
        }
        wrote = true;
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

/** Errors of an UPSERT that a re-read resolves (a health check deleted meanwhile). */
const CONFLICTS = new Set(["InvalidChangeBatch", "NoSuchHealthCheck", "InvalidInput"]);

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
