import { boolOf, stringOf } from "../../lib/private/values";
import { compliant, defineStackRule, nonCompliant } from "../../lib/rule";

/** EDGE-STATE-1: remote state in S3 is encrypted and locked. */
export const s3BackendSecure = defineStackRule({
  id: "EDGE-STATE-1",
  level: "error",
  checkov: [],
  info: "an S3 state backend encrypts the state and locks it",
  explanation:
    "Terraform state holds every attribute of every resource, secrets included, so it is encrypted at rest (encrypt = true); and two applies that write the same state at once corrupt it, so the backend locks (S3-native use_lockfile, or a DynamoDB table). Local state (dev) and Terraform Cloud are out of scope. checkov does not check backends",
  fix: "set encrypt = true and use_lockfile = true on the S3 backend (the environment's s3 backend does both)",
  check(stack) {
    const backend = stack.backend;
    if (!backend || backend.type !== "s3") return [];
    const problems: string[] = [];
    if (boolOf(backend.config.encrypt) !== true) problems.push("encrypt is not true");
    const locked = boolOf(backend.config.use_lockfile) === true || stringOf(backend.config.dynamodb_table) !== undefined;
    if (!locked) problems.push("neither use_lockfile nor dynamodb_table is set");
    return [{ address: backend.address, outcome: problems.length > 0 ? nonCompliant(problems.join(" and ")) : compliant() }];
  },
});
