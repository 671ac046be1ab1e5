import { metadataOptions, LAUNCH_TYPES } from "../../lib/private/ec2";
import { show, stringOf, UNKNOWN } from "../../lib/private/values";
import { compliant, defineResourceRule, nonCompliant, notApplicable } from "../../lib/rule";

/** EDGE-EC2-1: IMDSv2 on every instance, launch template and launch configuration. */
export const imdsv2Required = defineResourceRule({
  id: "EDGE-EC2-1",
  level: "error",
  checkov: ["CKV_AWS_79"],
  appliesTo: LAUNCH_TYPES,
  info: "instance metadata requires IMDSv2 session tokens",
  explanation:
    "IMDSv1 answers any unauthenticated GET, so a server-side request forgery in a workload hands out the instance role's credentials; IMDSv2 needs a token obtained with a PUT. Without metadata_options the AMI or account default decides, which may still allow IMDSv1. OSv's user-data mode reads metadata without tokens: that is the one accepted exception and must be suppressed explicitly on the OSv launch template, with its reason",
  fix: 'set metadata_options.http_tokens = "required" (or http_endpoint = "disabled")',
  check({ config }) {
    const options = metadataOptions(config);
    if (options === UNKNOWN) return notApplicable("metadata_options is generated dynamically");
    if (options === undefined)
      return nonCompliant(
        "metadata_options is not set, so the AMI or account default decides and IMDSv1 may stay enabled",
      );
    const endpoint = stringOf(options.http_endpoint);
    if (endpoint === "disabled") return compliant();
    const tokens = stringOf(options.http_tokens);
    if (tokens === UNKNOWN || endpoint === UNKNOWN)
      return notApplicable("metadata_options is only known at apply time");
    if (tokens === "required") return compliant();
    return nonCompliant(
      `metadata_options.http_tokens is ${show(tokens)}, so IMDSv1 answers without a session token`,
    );
  },
});
