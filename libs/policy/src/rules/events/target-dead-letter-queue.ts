import { blocksOf, stringOf, UNKNOWN } from "../../lib/private/values";
import { compliant, defineResourceRule, nonCompliant, notApplicable } from "../../lib/rule";

/** EDGE-EVENTS-1: EventBridge keeps events it could not deliver. */
export const targetDeadLetterQueue = defineResourceRule({
  id: "EDGE-EVENTS-1",
  level: "warning",
  checkov: [],
  appliesTo: ["aws_cloudwatch_event_target"],
  info: "every EventBridge target has a dead-letter queue",
  explanation:
    "When EventBridge cannot deliver an event to its target (throttling, a missing permission), it retries and then drops it. A dead-letter queue on the target keeps it for inspection and replay. A warning: a Lambda target's own dead-letter queue (EDGE-LAMBDA-1) covers failures inside the function but not failed deliveries. checkov has no equivalent check",
  fix: "set dead_letter_config.arn to an SQS queue",
  check({ config }) {
    const dlq = blocksOf(config, "dead_letter_config");
    if (dlq === UNKNOWN) return notApplicable("dead_letter_config is generated dynamically");
    return stringOf(dlq[0]?.arn) !== undefined
      ? compliant()
      : nonCompliant("no dead_letter_config");
  },
});
