import { coversAllPorts, SECURITY_GROUP_TYPES } from "../../lib/private/security-group-rules";
import { judgeWorldRules } from "../../lib/private/world-ingress";
import { defineResourceRule } from "../../lib/rule";

/** EDGE-SG-3: nothing admits every port from the internet. */
export const noWorldAllPortsIngress = defineResourceRule({
  id: "EDGE-SG-3",
  level: "error",
  checkov: ["CKV_AWS_277"],
  appliesTo: SECURITY_GROUP_TYPES,
  info: "no ingress from 0.0.0.0/0 or ::/0 on all ports or all protocols",
  explanation:
    "A rule that admits every port from anywhere turns the security group off. Even public edge services expose one or two ports, which EDGE-SG-4 asks the site to declare",
  fix: "admit only the ports the service listens on, from the sources that need them",
  check(block) {
    return judgeWorldRules(block, "ingress", coversAllPorts, "every port");
  },
});
