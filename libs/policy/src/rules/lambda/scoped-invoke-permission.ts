import { show, stringOf, UNKNOWN } from "../../lib/private/values";
import { compliant, defineResourceRule, nonCompliant, notApplicable } from "../../lib/rule";

/** EDGE-LAMBDA-2: invoke permissions name their caller. */
export const scopedInvokePermission = defineResourceRule({
  id: "EDGE-LAMBDA-2",
  level: "error",
  checkov: ["CKV_AWS_364", "CKV_AWS_301"],
  appliesTo: ["aws_lambda_permission"],
  info: "invoke permissions are not public, and grants to services name the source ARN or account",
  explanation:
    'A permission for principal "*" makes the function public (CKV_AWS_301), and a grant to a service principal such as events.amazonaws.com without source_arn or source_account lets that service invoke the function on behalf of any account: the confused-deputy problem (CKV_AWS_364). A function URL without authentication is public too',
  fix: 'set source_arn to the rule or resource that invokes the function (or source_account), and never use principal "*"',
  check({ config }) {
    const principal = stringOf(config.principal);
    if (principal === UNKNOWN) return notApplicable("principal is only known at apply time");
    if (principal === "*")
      return nonCompliant('principal is "*", so anyone may invoke the function');
    if (stringOf(config.function_url_auth_type) === "NONE")
      return nonCompliant('function_url_auth_type is "NONE", so the function URL is public');
    if (principal !== undefined && /\.amazonaws\.com(\.cn)?$/.test(principal)) {
      const scoped =
        stringOf(config.source_arn) !== undefined || stringOf(config.source_account) !== undefined;
      if (!scoped)
        return nonCompliant(
          `service principal ${show(principal)} without source_arn or source_account`,
        );
    }
    return compliant();
  },
});
