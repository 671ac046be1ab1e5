import { findSecrets } from "../../lib/private/secrets";
import { isExpression } from "../../lib/private/values";
import { compliant, defineResourceRule, nonCompliant, notApplicable } from "../../lib/rule";

/** Environment variable names that hold secrets. */
const SECRET_NAME =
  /(^|_)(PASSWORD|PASSWD|PWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIALS?)($|_)/i;

interface ContainerEnv {
  readonly name?: unknown;
  readonly environment?: readonly { readonly name?: unknown; readonly value?: unknown }[];
}

/** EDGE-ECS-1: no secret-looking values in a task definition's plain environment. */
export const noPlaintextSecretsInEnvironment = defineResourceRule({
  id: "EDGE-ECS-1",
  level: "error",
  checkov: [],
  appliesTo: ["aws_ecs_task_definition"],
  info: "container environment variables hold no secrets",
  explanation:
    "A container's environment is stored in plain text in the task definition, which anyone with ecs:DescribeTaskDefinition can read, and in cdk.tf.json, Terraform state and Terraform Cloud. Secrets belong in the container's secrets, read from SSM Parameter Store SecureString parameters or Secrets Manager by the task execution role when the task starts. The rule flags variables named like secrets (PASSWORD, SECRET, TOKEN, API_KEY, PRIVATE_KEY, ACCESS_KEY, CREDENTIALS) with a literal value, and values that look like credentials (AWS keys, private keys, common tokens); values that are Terraform expressions are skipped",
  fix: "move the value to the container's secrets (valueFrom an SSM SecureString parameter or a Secrets Manager secret)",
  check({ config }) {
    const raw = config.container_definitions;
    if (typeof raw !== "string")
      return notApplicable("container_definitions is only known at apply time");
    // References inside the JSON (the image's repository URL, the log group's name) leave it
    // JSON with `${…}` in some string values: those values are skipped, the rest is checked.
    // Only a definition that is itself an expression (jsonencode(var.…)) is unknown.
    let containers: ContainerEnv[];
    try {
      containers = JSON.parse(raw) as ContainerEnv[];
    } catch {
      return notApplicable(
        isExpression(raw)
          ? "container_definitions is only known at apply time"
          : "container_definitions is not JSON",
      );
    }
    const found: string[] = [];
    for (const c of Array.isArray(containers) ? containers : []) {
      for (const e of Array.isArray(c.environment) ? c.environment : []) {
        if (typeof e.name !== "string" || typeof e.value !== "string" || e.value === "") continue;
        if (isExpression(e.value)) continue;
        const kinds = findSecrets(`${e.name}=${e.value}`).map((h) => h.kind);
        if (SECRET_NAME.test(e.name) || kinds.length > 0) {
          found.push(
            `${e.name} of container ${String(c.name)}${kinds.length > 0 ? ` (${kinds.join(", ")})` : ""}`,
          );
        }
      }
    }
    return found.length > 0
      ? nonCompliant(`plain environment values look like secrets: ${found.join("; ")}`)
      : compliant();
  },
});
