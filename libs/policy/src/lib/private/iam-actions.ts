import { actionMatches } from "./iam-policy";

/**
 * Risky IAM actions by category, after the lists Cloudsplaining publishes and checkov's
 * CKV_AWS_286-290 use. The full IAM access-level database is not available offline, so "write"
 * and "permissions management" are recognised by the verb and noun of the action name; the
 * other categories are explicit lists.
 */
export type IamRiskCategory =
  | "privilege escalation"
  | "credentials exposure"
  | "data exfiltration"
  | "permissions management"
  | "write access";

const PRIVILEGE_ESCALATION = [
  "iam:AddUserToGroup",
  "iam:AttachGroupPolicy",
  "iam:AttachRolePolicy",
  "iam:AttachUserPolicy",
  "iam:CreateAccessKey",
  "iam:CreateLoginProfile",
  "iam:CreatePolicyVersion",
  "iam:PassRole",
  "iam:PutGroupPolicy",
  "iam:PutRolePolicy",
  "iam:PutUserPolicy",
  "iam:SetDefaultPolicyVersion",
  "iam:UpdateAssumeRolePolicy",
  "iam:UpdateLoginProfile",
  "glue:UpdateDevEndpoint",
  "lambda:UpdateFunctionCode",
  "lambda:UpdateFunctionConfiguration",
];

const CREDENTIALS_EXPOSURE = [
  "chime:CreateApiKey",
  "codepipeline:PollForJobs",
  "cognito-identity:GetCredentialsForIdentity",
  "cognito-identity:GetOpenIdToken",
  "cognito-identity:GetOpenIdTokenForDeveloperIdentity",
  "connect:GetFederationToken",
  "ec2:GetPasswordData",
  "gamelift:RequestUploadCredentials",
  "iam:CreateAccessKey",
  "iam:CreateLoginProfile",
  "iam:CreateServiceSpecificCredential",
  "iam:ResetServiceSpecificCredential",
  "iam:UpdateAccessKey",
  "lightsail:GetInstanceAccessDetails",
  "lightsail:GetRelationalDatabaseMasterUserPassword",
  "rds-db:Connect",
  "redshift:GetClusterCredentials",
  "sso:GetRoleCredentials",
  "sts:AssumeRole",
  "sts:AssumeRoleWithSAML",
  "sts:AssumeRoleWithWebIdentity",
  "sts:GetFederationToken",
  "sts:GetSessionToken",
];

const DATA_EXFILTRATION = [
  "s3:GetObject",
  "ssm:GetParameter",
  "ssm:GetParameters",
  "ssm:GetParametersByPath",
  "secretsmanager:GetSecretValue",
  "kms:Decrypt",
];

/** Actions that only work with `Resource: "*"` (no resource-level permissions): not restrictable. */
const NOT_RESTRICTABLE = [
  "cloudwatch:GetMetricData",
  "cloudwatch:GetMetricStatistics",
  "cloudwatch:PutMetricData",
  "ec2:CreateNetworkInterface",
  // Service Authorization Reference, Amazon ECS: DiscoverPollEndpoint has no resource types.
  "ecs:DiscoverPollEndpoint",
  "ecr:GetAuthorizationToken",
  "logs:CreateLogDelivery",
  "logs:DeleteLogDelivery",
  "logs:GetLogDelivery",
  "logs:PutResourcePolicy",
  "logs:UpdateLogDelivery",
  "route53:GetHostedZoneCount",
  // Creates a health check that has no ARN yet (Service Authorization Reference, Amazon Route 53:
  // no resource type for CreateHealthCheck).
  "route53:CreateHealthCheck",
  "sts:GetCallerIdentity",
  "tag:GetResources",
  "xray:GetSamplingRules",
  "xray:GetSamplingStatisticSummaries",
  "xray:GetSamplingTargets",
  "xray:PutTelemetryRecords",
  "xray:PutTraceSegments",
];

/** `List*` actions that do take a resource ARN, so `*` on them is unscoped. */
const RESTRICTABLE_LISTS = [
  "s3:ListBucket*",
  "s3:ListMultipartUploadParts",
  "secretsmanager:ListSecretVersionIds",
  "kms:ListGrants",
  "kms:ListKeyPolicies",
];

const WRITE_VERBS = [
  "Abort",
  "Accept",
  "Add",
  "Allocate",
  "Apply",
  "Assign",
  "Associate",
  "Attach",
  "Authorize",
  "Batch",
  "Cancel",
  "Change",
  "Complete",
  "Copy",
  "Create",
  "Deactivate",
  "Delete",
  "Deploy",
  "Deregister",
  "Detach",
  "Disable",
  "Disassociate",
  "Enable",
  "Execute",
  "Import",
  "Invoke",
  "Modify",
  "Move",
  "Pass",
  "Publish",
  "Purge",
  "Put",
  "Reboot",
  "Register",
  "Reject",
  "Release",
  "Remove",
  "Replace",
  "Request",
  "Reset",
  "Restore",
  "Revoke",
  "Rotate",
  "Run",
  "Send",
  "Set",
  "Start",
  "Stop",
  "Submit",
  "Terminate",
  "Unassign",
  "Update",
  "Upload",
  "Write",
];

const PERMISSION_NOUN =
  /(Polic(y|ies)|Permissions?|Acl|Grants?|SnapshotAttribute|ImageAttribute|TopicAttributes)/;

const nameOf = (action: string) => action.slice(action.indexOf(":") + 1);

/** True when the pattern can match an action that starts with one of `verbs`. */
function mayStartWith(pattern: string, verbs: readonly string[]): boolean {
  const name = nameOf(pattern);
  if (name.startsWith("*")) return true;
  const stem = name.split(/[*?]/)[0];
  return verbs.some(
    (v) =>
      stem.toLowerCase().startsWith(v.toLowerCase()) ||
      (name.length > stem.length && v.toLowerCase().startsWith(stem.toLowerCase())),
  );
}

/** True when an action (or action pattern) needs no resource-level scoping, such as `ec2:Describe*`. */
export function isNotRestrictable(action: string): boolean {
  if (action === "*") return false;
  if (NOT_RESTRICTABLE.some((a) => actionMatches(action, a) && !/[*?]/.test(action))) return true;
  if (RESTRICTABLE_LISTS.some((p) => actionMatches(p, action))) return false;
  const name = nameOf(action);
  return /^(Describe|List)/i.test(name) && name.length > 0;
}

/** The risk categories an action (or action pattern) allowed on every resource falls into. */
export function riskCategories(action: string): IamRiskCategory[] {
  const out: IamRiskCategory[] = [];
  const listed = (list: readonly string[]) => list.some((a) => actionMatches(action, a));
  if (listed(PRIVILEGE_ESCALATION)) out.push("privilege escalation");
  if (listed(CREDENTIALS_EXPOSURE)) out.push("credentials exposure");
  if (listed(DATA_EXFILTRATION)) out.push("data exfiltration");
  const name = nameOf(action);
  const write = action === "*" || mayStartWith(action, WRITE_VERBS);
  if (write && (action === "*" || name.startsWith("*") || PERMISSION_NOUN.test(name)))
    out.push("permissions management");
  if (
    write &&
    !isNotRestrictable(action) &&
    !NOT_RESTRICTABLE.some((a) => a.toLowerCase() === action.toLowerCase())
  )
    out.push("write access");
  return out;
}
