import { boolOf, show, UNKNOWN } from "../../lib/private/values";
import { compliant, defineResourceRule, nonCompliant, notApplicable } from "../../lib/rule";

/** EDGE-EC2-4: standalone EBS volumes are encrypted. */
export const ebsVolumeEncrypted = defineResourceRule({
  id: "EDGE-EC2-4",
  level: "error",
  checkov: ["CKV_AWS_3"],
  appliesTo: ["aws_ebs_volume"],
  info: "standalone EBS volumes are encrypted",
  explanation:
    "A standalone volume without encryption keeps its data, and every snapshot of it, readable to whoever can attach or copy it. Relying on the account's encryption-by-default setting is invisible in code, so the volume says it",
  fix: "set encrypted = true (and kms_key_id for a customer-managed key)",
  check({ config }) {
    const encrypted = boolOf(config.encrypted);
    if (encrypted === UNKNOWN) return notApplicable("encrypted is only known at apply time");
    return encrypted === true
      ? compliant()
      : nonCompliant(`encrypted is ${show(config.encrypted)}`);
  },
});
