import { boolOf, stringOf, UNKNOWN } from "../../lib/private/values";
import { compliant, defineResourceRule, nonCompliant, notApplicable } from "../../lib/rule";

/** EDGE-SQS-1: queues (dead-letter queues included) say how they are encrypted. */
export const queueEncrypted = defineResourceRule({
  id: "EDGE-SQS-1",
  level: "error",
  checkov: ["CKV_AWS_27"],
  appliesTo: ["aws_sqs_queue"],
  info: "queues are encrypted at rest with SQS-managed or KMS keys",
  explanation:
    "Dead-letter queues keep the events that failed, which carry the same data as the events that succeeded. New queues get SSE-SQS from the service by default, but the stack states it so a review (and checkov) can see it",
  fix: "set sqs_managed_sse_enabled = true, or kms_master_key_id for a customer-managed key",
  check({ config }) {
    const kms = stringOf(config.kms_master_key_id);
    const sse = boolOf(config.sqs_managed_sse_enabled);
    if (kms !== undefined || sse === true) return compliant();
    if (sse === UNKNOWN)
      return notApplicable("sqs_managed_sse_enabled is only known at apply time");
    return nonCompliant(
      sse === false
        ? "sqs_managed_sse_enabled is false and no kms_master_key_id is set"
        : "neither sqs_managed_sse_enabled nor kms_master_key_id is set",
    );
  },
});
