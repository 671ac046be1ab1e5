import { coversTcpPort, SECURITY_GROUP_TYPES } from "../../lib/private/security-group-rules";
import { UNKNOWN } from "../../lib/private/values";
import { judgeWorldRules } from "../../lib/private/world-ingress";
import { defineResourceRule } from "../../lib/rule";

/** EDGE-SG-2: SSH and RDP are never open to the internet. */
export const noWorldAdminIngress = defineResourceRule({
  id: "EDGE-SG-2",
  level: "error",
  checkov: ["CKV_AWS_24", "CKV_AWS_25"],
  appliesTo: SECURITY_GROUP_TYPES,
  info: "no ingress from 0.0.0.0/0 or ::/0 to port 22 or 3389",
  explanation:
    "SSH and RDP open to the internet are scanned within minutes of creation. Administrative access goes through the VPC's EC2 Instance Connect Endpoint (RegionVpc creates it), which needs SSH from the endpoint's security group only",
  fix: "admit port 22 from the EC2 Instance Connect Endpoint's security group (or a known CIDR) instead of 0.0.0.0/0",
  check(block) {
    return judgeWorldRules(
      block,
      "ingress",
      (rule) => {
        const ssh = coversTcpPort(rule, 22);
        const rdp = coversTcpPort(rule, 3389);
        if (ssh === true || rdp === true) return true;
        return ssh === UNKNOWN || rdp === UNKNOWN ? UNKNOWN : false;
      },
      "SSH or RDP",
    );
  },
});
