import { stringOf, UNKNOWN } from "../../lib/private/values";
import { compliant, defineResourceRule, nonCompliant } from "../../lib/rule";

/** EDGE-LOGS-2: log groups use a customer-managed KMS key where one is declared. */
export const logGroupKms = defineResourceRule({
  id: "EDGE-LOGS-2",
  level: "warning",
  checkov: ["CKV_AWS_158"],
  appliesTo: ["aws_cloudwatch_log_group"],
  info: "log groups are encrypted with a customer-managed KMS key",
  explanation:
    "CloudWatch Logs always encrypts at rest with a service key; a customer-managed key adds a key policy and CloudTrail records of every decrypt. The key is optional (RegionVpc takes flowLogKmsKeyArn), so a log group without one is a warning, not an error, and disappears once a site declares a key",
  fix: "declare a KMS key for the log group (kms_key_id; RegionVpc: flowLogKmsKeyArn)",
  check({ config }) {
    const key = stringOf(config.kms_key_id);
    if (key === UNKNOWN) return compliant(); // a reference to a key is a key
    return key === undefined
      ? nonCompliant("kms_key_id is not set, so only the service-owned key protects the logs")
      : compliant();
  },
});
