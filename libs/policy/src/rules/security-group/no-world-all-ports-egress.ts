import { coversAllPorts, SECURITY_GROUP_TYPES } from "../../lib/private/security-group-rules";
import { judgeWorldRules } from "../../lib/private/world-ingress";
import { defineResourceRule } from "../../lib/rule";

/** EDGE-SG-5: no unrestricted egress unless the site declares it. */
export const noWorldAllPortsEgress = defineResourceRule({
  id: "EDGE-SG-5",
  level: "error",
  checkov: ["CKV_AWS_382"],
  appliesTo: SECURITY_GROUP_TYPES,
  info: "no egress to 0.0.0.0/0 or ::/0 on all ports or all protocols",
  explanation:
    "Allow-all egress is the exfiltration path of a compromised host. Egress lists the ports the workload needs (443 to AWS APIs, the application's peers). Terraform removes AWS's default allow-all egress rule from groups it creates, so leaving egress out is compliant. Where a host really needs open egress, declare it with a suppression and the reason",
  fix: "allow only the destination ports and networks the workload needs",
  check(block) {
    return judgeWorldRules(block, "egress", coversAllPorts, "every port");
  },
});
