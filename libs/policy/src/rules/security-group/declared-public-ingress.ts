import {
  coversAllPorts,
  coversTcpPort,
  SECURITY_GROUP_TYPES,
} from "../../lib/private/security-group-rules";
import { UNKNOWN } from "../../lib/private/values";
import { judgeWorldRules } from "../../lib/private/world-ingress";
import { defineResourceRule } from "../../lib/rule";

/** EDGE-SG-4: any other port open to the internet is a public port the site declares. */
export const declaredPublicIngress = defineResourceRule({
  id: "EDGE-SG-4",
  level: "warning",
  checkov: ["CKV_AWS_260"],
  appliesTo: SECURITY_GROUP_TYPES,
  info: "other ports open to 0.0.0.0/0 or ::/0 are declared public ports",
  explanation:
    "Edge services are often meant to be reached from anywhere (a carrier network, the internet), so a public port is not an error, but it must be a decision: suppress this warning on the security group with the reason the port is public. SSH, RDP and all-ports rules are errors of EDGE-SG-2 and EDGE-SG-3 instead. checkov's CKV_AWS_260 covers the port-80 case of this rule",
  fix: "narrow the source to the networks that use the port; a port that is public on purpose is declared with a suppression and its reason",
  check(block) {
    return judgeWorldRules(
      block,
      "ingress",
      (rule) => {
        const all = coversAllPorts(rule);
        const ssh = coversTcpPort(rule, 22);
        const rdp = coversTcpPort(rule, 3389);
        if (all === UNKNOWN || ssh === UNKNOWN || rdp === UNKNOWN) return UNKNOWN;
        return !all && !ssh && !rdp;
      },
      "a port",
    );
  },
});
