import { LAUNCH_TYPES } from "../../lib/private/ec2";
import { blocksOf, boolOf, isRecord, UNKNOWN } from "../../lib/private/values";
import { compliant, defineResourceRule, nonCompliant, notApplicable } from "../../lib/rule";

type Json = Record<string, unknown>;

/** EDGE-EC2-3: every EBS volume an instance, launch template or launch configuration declares is encrypted. */
export const launchVolumesEncrypted = defineResourceRule({
  id: "EDGE-EC2-3",
  level: "error",
  checkov: ["CKV_AWS_8"],
  appliesTo: LAUNCH_TYPES,
  info: "every EBS volume declared at launch is encrypted",
  explanation:
    "Unencrypted volumes (and the snapshots taken from them) expose data at rest to anyone who can copy or share a snapshot. Each root_block_device, ebs_block_device and launch template block_device_mappings.ebs must say encrypted = true. Volumes a resource does not declare come from its AMI, whose encryption EDGE-EC2-5 and EDGE-EC2-6 check where the stack builds the image",
  fix: "set encrypted = true on every root_block_device, ebs_block_device and block_device_mappings.ebs",
  check({ type, config }) {
    const volumes: { label: string; encrypted: unknown }[] = [];
    const add = (key: string, pick: (b: Json) => Json | undefined = (b) => b): boolean => {
      const found = blocksOf(config, key);
      if (found === UNKNOWN) return false;
      found.forEach((block, i) => {
        const ebs = pick(block);
        if (ebs) volumes.push({ label: `${key}[${i}]`, encrypted: ebs.encrypted });
      });
      return true;
    };
    const known =
      type === "aws_launch_template"
        ? add("block_device_mappings", (b) =>
            isRecord(b.ebs)
              ? b.ebs
              : Array.isArray(b.ebs) && isRecord(b.ebs[0])
                ? (b.ebs[0] as Json)
                : undefined,
          )
        : add("root_block_device") && add("ebs_block_device");
    if (!known) return notApplicable("block devices are generated dynamically");
    const bad = volumes.filter((v) => boolOf(v.encrypted) !== true);
    const unknown = bad.filter((v) => boolOf(v.encrypted) === UNKNOWN);
    if (bad.length > unknown.length) {
      return nonCompliant(
        `${bad
          .filter((v) => boolOf(v.encrypted) !== UNKNOWN)
          .map((v) => v.label)
          .join(", ")} not encrypted`,
      );
    }
    return unknown.length > 0
      ? notApplicable("encryption of some volumes is only known at apply time")
      : compliant();
  },
});
