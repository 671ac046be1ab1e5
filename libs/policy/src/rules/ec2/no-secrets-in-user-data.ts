import { decodeBase64Text, findSecrets } from "../../lib/private/secrets";
import { isExpression } from "../../lib/private/values";
import { compliant, defineResourceRule, nonCompliant, notApplicable } from "../../lib/rule";

/** EDGE-EC2-9: no credentials in user data. */
export const noSecretsInUserData = defineResourceRule({
  id: "EDGE-EC2-9",
  level: "error",
  checkov: ["CKV_AWS_46"],
  appliesTo: ["aws_instance", "aws_launch_template", "aws_launch_configuration"],
  info: "user data holds no credentials",
  explanation:
    "User data is readable by anyone who can describe the instance or launch template and by every process on the host through the metadata service, and it lands in cdk.tf.json, in Terraform state and in Terraform Cloud. Credentials belong in Secrets Manager or SSM Parameter Store, fetched with the instance role. The scan looks for AWS keys, private keys, common tokens and password assignments with a literal value; parts that are Terraform expressions are skipped, and gzip-compressed user data cannot be scanned",
  fix: "move the credential to Secrets Manager or SSM Parameter Store and read it at boot with the instance role",
  check({ type, config }) {
    const fields: { key: string; base64: boolean }[] =
      type === "aws_launch_template"
        ? [{ key: "user_data", base64: true }]
        : [
            { key: "user_data", base64: false },
            { key: "user_data_base64", base64: true },
          ];
    const found: string[] = [];
    let unscanned = false;
    for (const { key, base64 } of fields) {
      const value = config[key];
      if (value === undefined || value === null || value === "") continue;
      if (typeof value !== "string") {
        unscanned = true;
        continue;
      }
      let text: string | undefined;
      if (base64) {
        text = isExpression(value) ? undefined : decodeBase64Text(value);
      } else {
        // Literal parts of a template can still be scanned; the expressions themselves cannot.
        text = value.replace(/\$\{[^}]*\}/g, "");
      }
      if (text === undefined) {
        unscanned = true;
        continue;
      }
      for (const hit of findSecrets(text)) found.push(`${hit.kind} on line ${hit.line} of ${key}`);
    }
    if (found.length > 0) return nonCompliant(`user data contains ${found.join(", ")}`);
    return unscanned
      ? notApplicable("user data is an expression or compressed, so it cannot be scanned")
      : compliant();
  },
});
