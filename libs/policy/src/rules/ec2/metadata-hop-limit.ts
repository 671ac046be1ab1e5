import { metadataOptions, LAUNCH_TYPES } from "../../lib/private/ec2";
import { numberOf, stringOf, UNKNOWN } from "../../lib/private/values";
import { compliant, defineResourceRule, nonCompliant, notApplicable } from "../../lib/rule";

/** EDGE-EC2-2: metadata responses never leave the instance. */
export const metadataHopLimit = defineResourceRule({
  id: "EDGE-EC2-2",
  level: "error",
  checkov: ["CKV_AWS_341"],
  appliesTo: LAUNCH_TYPES,
  info: "instance metadata response hop limit is 1",
  explanation:
    "With a hop limit above 1 a container or a forwarded packet on the host can fetch the metadata token and the role credentials. The limit must be set explicitly: when it is left out, the AMI or account default applies, and AMIs registered with imds_support v2.0 default to 2 (checkov passes an unset limit; this rule does not)",
  fix: "set metadata_options.http_put_response_hop_limit = 1",
  check({ config }) {
    const options = metadataOptions(config);
    if (options === UNKNOWN) return notApplicable("metadata_options is generated dynamically");
    if (options !== undefined && stringOf(options.http_endpoint) === "disabled") return compliant();
    const limit = options === undefined ? undefined : numberOf(options.http_put_response_hop_limit);
    if (limit === UNKNOWN) return notApplicable("the hop limit is only known at apply time");
    if (limit === undefined) {
      return nonCompliant(
        "metadata_options.http_put_response_hop_limit is not set, so the AMI or account default applies (2 for imds_support v2.0 AMIs)",
      );
    }
    return limit <= 1
      ? compliant()
      : nonCompliant(`metadata_options.http_put_response_hop_limit is ${limit}`);
  },
});
