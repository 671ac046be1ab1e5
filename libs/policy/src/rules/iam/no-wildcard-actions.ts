import { allows, judgeStatements } from "../../lib/private/iam-findings";
import { IAM_DOCUMENT_TYPES } from "../../lib/private/iam-policy";
import { defineResourceRule } from "../../lib/rule";

/** EDGE-IAM-1: no policy grants every action. */
export const noWildcardActions = defineResourceRule({
  id: "EDGE-IAM-1",
  level: "error",
  checkov: ["CKV_AWS_63"],
  appliesTo: IAM_DOCUMENT_TYPES,
  info: 'no policy statement allows the action "*" or uses Allow with NotAction',
  explanation:
    'Action "*" is administrator access to every service, and Allow with NotAction grants everything except a list, which grows with every new AWS action. Least privilege lists the actions the workload calls',
  fix: 'list the actions the workload needs instead of "*"',
  check(block) {
    return judgeStatements(block, ["permissions", "document", "trust"], (s) => {
      if (!allows(s)) return undefined;
      if (s.notAction) return "allows every action except a list (NotAction)";
      if (s.actions.some((a) => a === "*" || a === "*:*")) return 'allows the action "*"';
      return undefined;
    });
  },
});
