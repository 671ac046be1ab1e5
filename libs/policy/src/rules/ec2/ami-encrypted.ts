import { blocksOf, boolOf, show, stringOf, UNKNOWN } from "../../lib/private/values";
import { compliant, defineResourceRule, nonCompliant, notApplicable } from "../../lib/rule";

/** EDGE-EC2-6: AMIs the stack registers or copies are encrypted. */
export const amiEncrypted = defineResourceRule({
  id: "EDGE-EC2-6",
  level: "error",
  checkov: ["CKV_AWS_204", "CKV_AWS_235"],
  appliesTo: ["aws_ami", "aws_ami_copy"],
  info: "images (AMIs) registered or copied by the stack are encrypted",
  explanation:
    "Instances inherit the encryption of their AMI's snapshots. An aws_ami_copy must set encrypted = true; an aws_ami block device must be encrypted unless it is built from a snapshot_id, whose encryption it inherits (EDGE-EC2-5 checks imported snapshots)",
  fix: "set encrypted = true on aws_ami_copy and on every aws_ami ebs_block_device without a snapshot_id",
  check({ type, config }) {
    if (type === "aws_ami_copy") {
      const encrypted = boolOf(config.encrypted);
      if (encrypted === UNKNOWN) return notApplicable("encrypted is only known at apply time");
      return encrypted === true
        ? compliant()
        : nonCompliant(`encrypted is ${show(config.encrypted)}`);
    }
    const devices = blocksOf(config, "ebs_block_device");
    if (devices === UNKNOWN) return notApplicable("block devices are generated dynamically");
    const bad: string[] = [];
    let unknown = false;
    devices.forEach((d, i) => {
      if (stringOf(d.snapshot_id) !== undefined) return; // inherits the snapshot's encryption
      const encrypted = boolOf(d.encrypted);
      if (encrypted === UNKNOWN) unknown = true;
      else if (encrypted !== true) bad.push(`ebs_block_device[${i}]`);
    });
    if (bad.length > 0)
      return nonCompliant(`${bad.join(", ")} not encrypted and not built from a snapshot`);
    return unknown
      ? notApplicable("encryption of some block devices is only known at apply time")
      : compliant();
  },
});
