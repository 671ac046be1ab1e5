import { isExpression, refersTo } from "../../lib/private/values";
import {
  compliant,
  defineStackRule,
  nonCompliant,
  notApplicable,
  type AddressedOutcome,
} from "../../lib/rule";

/** EDGE-VPC-1: every VPC the stack creates has a flow log. */
export const flowLogsEnabled = defineStackRule({
  id: "EDGE-VPC-1",
  level: "error",
  checkov: ["CKV2_AWS_11"],
  info: "every VPC has a flow log",
  explanation:
    "Flow logs are the only record of who talked to what inside a VPC; without them an incident at an edge site cannot be reconstructed. Each aws_vpc of the stack needs an aws_flow_log whose vpc_id refers to it. VPCs that a site only extends (read from another site's outputs) are checked in the stack that creates them",
  fix: "add an aws_flow_log with vpc_id = the VPC's id (RegionVpc does this)",
  check(stack) {
    const flowLogs = stack.resourcesOf("aws_flow_log");
    const opaque = flowLogs.some(
      (f) =>
        isExpression(f.config.vpc_id) &&
        !/^\$\{aws_vpc\.[^.]+\.id\}$/.test(String(f.config.vpc_id)),
    );
    return stack.resourcesOf("aws_vpc").map((vpc): AddressedOutcome => {
      if (flowLogs.some((f) => refersTo(f.config.vpc_id, vpc.address)))
        return { address: vpc.address, outcome: compliant() };
      if (opaque)
        return {
          address: vpc.address,
          outcome: notApplicable("a flow log's vpc_id is only known at apply time"),
        };
      return { address: vpc.address, outcome: nonCompliant("no aws_flow_log refers to this VPC") };
    });
  },
});
