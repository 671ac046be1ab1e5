import { blocksOf, boolOf, show, UNKNOWN } from "../../lib/private/values";
import { compliant, defineResourceRule, nonCompliant, notApplicable } from "../../lib/rule";

/** EDGE-EC2-7: one-minute metrics for instances. */
export const detailedMonitoring = defineResourceRule({
  id: "EDGE-EC2-7",
  level: "warning",
  checkov: ["CKV_AWS_126"],
  appliesTo: ["aws_instance", "aws_launch_template", "aws_launch_configuration"],
  info: "instances have detailed (one-minute) monitoring",
  explanation:
    "Recovery alarms and scaling on five-minute metrics react late, and an edge host that fails is noticed minutes after its users notice. Detailed monitoring costs per instance, so this is a warning: a development fleet may accept it",
  fix: "set monitoring = true (instances), monitoring.enabled = true (launch templates) or enable_monitoring = true (launch configurations)",
  check({ type, config }) {
    let value: unknown;
    if (type === "aws_launch_template") {
      const blocks = blocksOf(config, "monitoring");
      if (blocks === UNKNOWN) return notApplicable("monitoring is generated dynamically");
      value = blocks[0]?.enabled;
    } else if (type === "aws_launch_configuration") {
      value = config.enable_monitoring ?? true; // the provider defaults enable_monitoring to true
    } else {
      value = config.monitoring;
    }
    const enabled = boolOf(value);
    if (enabled === UNKNOWN) return notApplicable("monitoring is only known at apply time");
    return enabled === true ? compliant() : nonCompliant(`detailed monitoring is ${show(value)}`);
  },
});
