import { riskCategories, type IamRiskCategory } from "../../lib/private/iam-actions";
import { allows, judgeStatements, unscoped } from "../../lib/private/iam-findings";
import { IAM_DOCUMENT_TYPES } from "../../lib/private/iam-policy";
import { UNKNOWN } from "../../lib/private/values";
import { defineResourceRule } from "../../lib/rule";

/** EDGE-IAM-3: no privilege escalation, credential exposure, exfiltration, permission changes or writes on every resource. */
export const noRiskyUnscopedActions = defineResourceRule({
  id: "EDGE-IAM-3",
  level: "error",
  checkov: ["CKV_AWS_286", "CKV_AWS_287", "CKV_AWS_288", "CKV_AWS_289", "CKV_AWS_290"],
  appliesTo: IAM_DOCUMENT_TYPES,
  info: 'no privilege-escalation, credential-exposure, data-exfiltration, permissions-management or write action on Resource "*"',
  explanation:
    "These are the five Cloudsplaining categories behind checkov CKV_AWS_286 (privilege escalation, e.g. iam:PassRole, iam:PutRolePolicy), CKV_AWS_287 (credentials exposure, e.g. sts:AssumeRole, iam:CreateAccessKey), CKV_AWS_288 (data exfiltration, e.g. s3:GetObject, secretsmanager:GetSecretValue), CKV_AWS_289 (permissions management, e.g. s3:PutBucketPolicy) and CKV_AWS_290 (write access). Unconstrained, each lets a compromised edge host reach beyond its site. The write and permissions-management categories are recognised from action names, since the IAM access-level database is not available offline",
  fix: "scope the listed actions to the ARNs the workload uses, or add a condition",
  check(block) {
    return judgeStatements(block, ["permissions", "document"], (s) => {
      if (!allows(s) || s.principals.length > 0) return undefined;
      const wide = unscoped(s);
      if (wide === false) return undefined;
      const found = new Map<IamRiskCategory, string[]>();
      let unknown = false;
      for (const action of s.actions) {
        if (action === UNKNOWN) {
          unknown = true;
          continue;
        }
        for (const category of riskCategories(action))
          found.set(category, [...(found.get(category) ?? []), action]);
      }
      if (found.size === 0) return unknown ? UNKNOWN : undefined;
      if (wide === UNKNOWN) return UNKNOWN;
      return `allows ${[...found.entries()].map(([c, actions]) => `${c} (${actions.join(", ")})`).join(", ")} on every resource`;
    });
  },
});
