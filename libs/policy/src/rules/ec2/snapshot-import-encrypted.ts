import { boolOf, show, UNKNOWN } from "../../lib/private/values";
import { compliant, defineResourceRule, nonCompliant, notApplicable } from "../../lib/rule";

/** EDGE-EC2-5: snapshots imported from S3 (the OSv image pipeline) are encrypted. */
export const snapshotImportEncrypted = defineResourceRule({
  id: "EDGE-EC2-5",
  level: "error",
  checkov: [],
  appliesTo: ["aws_ebs_snapshot_import"],
  info: "snapshots imported from S3 are encrypted",
  explanation:
    "The OSv image pipeline turns a raw disk image in S3 into an EBS snapshot and then an AMI; every volume launched from that AMI inherits the snapshot's encryption. An unencrypted import makes every host of the fleet start from unencrypted disks. checkov has no check for snapshot imports",
  fix: "set encrypted = true on the aws_ebs_snapshot_import (and kms_key_id for a customer-managed key)",
  check({ config }) {
    const encrypted = boolOf(config.encrypted);
    if (encrypted === UNKNOWN) return notApplicable("encrypted is only known at apply time");
    return encrypted === true
      ? compliant()
      : nonCompliant(`encrypted is ${show(config.encrypted)}`);
  },
});
