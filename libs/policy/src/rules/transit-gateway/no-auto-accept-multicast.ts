import { show, stringOf, UNKNOWN } from "../../lib/private/values";
import { compliant, defineResourceRule, nonCompliant, notApplicable } from "../../lib/rule";

/** EDGE-TGW-2: shared multicast domain associations are accepted one by one. */
export const noAutoAcceptMulticast = defineResourceRule({
  id: "EDGE-TGW-2",
  level: "error",
  checkov: [],
  appliesTo: ["aws_ec2_transit_gateway_multicast_domain"],
  info: "multicast domains do not auto-accept shared subnet associations",
  explanation:
    "A shared multicast domain that auto-accepts associations lets any account it is shared with join its subnets to the group and receive (or inject) the multicast stream. checkov has no equivalent check",
  fix: 'set auto_accept_shared_associations = "disable" (or leave it out)',
  check({ config }) {
    const value = stringOf(config.auto_accept_shared_associations);
    if (value === UNKNOWN)
      return notApplicable("auto_accept_shared_associations is only known at apply time");
    return value === "enable"
      ? nonCompliant(`auto_accept_shared_associations is ${show(value)}`)
      : compliant();
  },
});
