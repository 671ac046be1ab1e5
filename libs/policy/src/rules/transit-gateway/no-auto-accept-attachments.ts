import { show, stringOf, UNKNOWN } from "../../lib/private/values";
import { compliant, defineResourceRule, nonCompliant, notApplicable } from "../../lib/rule";

/** EDGE-TGW-1: shared attachments are accepted one by one. */
export const noAutoAcceptAttachments = defineResourceRule({
  id: "EDGE-TGW-1",
  level: "error",
  checkov: ["CKV_AWS_331"],
  appliesTo: ["aws_ec2_transit_gateway"],
  info: "transit gateways do not auto-accept shared VPC attachments",
  explanation:
    "With auto-accept, any account the gateway is shared with (through AWS RAM) can attach a VPC and start routing into the hub without review. The provider default is disable",
  fix: 'set auto_accept_shared_attachments = "disable" (or leave it out)',
  check({ config }) {
    const value = stringOf(config.auto_accept_shared_attachments);
    if (value === UNKNOWN)
      return notApplicable("auto_accept_shared_attachments is only known at apply time");
    return value === "enable"
      ? nonCompliant(`auto_accept_shared_attachments is ${show(value)}`)
      : compliant();
  },
});
