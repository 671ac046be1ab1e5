import { numberOf, UNKNOWN } from "../../lib/private/values";
import { compliant, defineResourceRule, nonCompliant, notApplicable } from "../../lib/rule";

/** EDGE-LOGS-1: log groups do not keep logs forever by accident. */
export const logGroupRetention = defineResourceRule({
  id: "EDGE-LOGS-1",
  level: "error",
  checkov: ["CKV_AWS_66"],
  appliesTo: ["aws_cloudwatch_log_group"],
  info: "log groups set a retention period",
  explanation:
    "Without retention_in_days CloudWatch Logs keeps everything forever: the cost grows without bound and logs outlive whatever retention policy the organization has. Sites choose the period per environment (RegionVpc: 365 days in production, 30 otherwise)",
  fix: "set retention_in_days to one of the values CloudWatch Logs accepts",
  check({ config }) {
    const days = numberOf(config.retention_in_days);
    if (days === UNKNOWN) return notApplicable("retention_in_days is only known at apply time");
    if (days === undefined || days === 0)
      return nonCompliant("retention_in_days is not set, so logs are kept forever");
    return compliant();
  },
});
