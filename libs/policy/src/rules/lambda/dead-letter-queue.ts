import { blocksOf, refersTo, stringOf, UNKNOWN } from "../../lib/private/values";
import {
  compliant,
  defineStackRule,
  nonCompliant,
  notApplicable,
  type AddressedOutcome,
} from "../../lib/rule";

/** EDGE-LAMBDA-1: failed asynchronous invocations are kept. */
export const lambdaDeadLetterQueue = defineStackRule({
  id: "EDGE-LAMBDA-1",
  level: "error",
  checkov: ["CKV_AWS_116"],
  info: "every Lambda function has a dead-letter queue or an on-failure destination",
  explanation:
    "Functions invoked asynchronously (EventBridge rules, such as the carrier-IP DNS updater) drop an event after the retries fail; without a dead-letter queue the DNS record silently stays stale. An aws_lambda_function_event_invoke_config with an on_failure destination for the function counts as well",
  fix: "set dead_letter_config.target_arn to an SQS queue (or add an event invoke config with destination_config.on_failure)",
  check(stack) {
    const configs = stack.resourcesOf("aws_lambda_function_event_invoke_config");
    return stack.resourcesOf("aws_lambda_function").map((fn): AddressedOutcome => {
      const dlq = blocksOf(fn.config, "dead_letter_config");
      if (dlq === UNKNOWN)
        return {
          address: fn.address,
          outcome: notApplicable("dead_letter_config is generated dynamically"),
        };
      const target = stringOf(dlq[0]?.target_arn);
      if (target !== undefined) return { address: fn.address, outcome: compliant() };
      const destination = configs.some((c) => {
        if (!refersTo(c.config.function_name, fn.address, ["function_name", "arn", "id"]))
          return false;
        const dest = blocksOf(c.config, "destination_config");
        if (dest === UNKNOWN) return true;
        const failure = blocksOf(dest[0] ?? {}, "on_failure");
        return failure === UNKNOWN || stringOf(failure[0]?.destination) !== undefined;
      });
      return {
        address: fn.address,
        outcome: destination
          ? compliant()
          : nonCompliant("no dead_letter_config and no on-failure destination"),
      };
    });
  },
});
