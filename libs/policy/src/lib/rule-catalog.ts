import { amiEncrypted } from "../rules/ec2/ami-encrypted";
import { detailedMonitoring } from "../rules/ec2/detailed-monitoring";
import { ebsVolumeEncrypted } from "../rules/ec2/ebs-volume-encrypted";
import { imdsv2Required } from "../rules/ec2/imdsv2-required";
import { launchVolumesEncrypted } from "../rules/ec2/launch-volumes-encrypted";
import { metadataHopLimit } from "../rules/ec2/metadata-hop-limit";
import { noPublicIpAtLaunch } from "../rules/ec2/no-public-ip-at-launch";
import { noSecretsInUserData } from "../rules/ec2/no-secrets-in-user-data";
import { snapshotImportEncrypted } from "../rules/ec2/snapshot-import-encrypted";
import { noPlaintextSecretsInEnvironment } from "../rules/ecs/no-plaintext-secrets-in-environment";
import { publicListenerTls } from "../rules/elb/public-listener-tls";
import { targetDeadLetterQueue } from "../rules/events/target-dead-letter-queue";
import { environmentDeclaresBoundary } from "../rules/iam/environment-declares-boundary";
import { noAdministratorAccess } from "../rules/iam/no-administrator-access";
import { noRiskyUnscopedActions } from "../rules/iam/no-risky-unscoped-actions";
import { noWildcardActions } from "../rules/iam/no-wildcard-actions";
import { rolePermissionsBoundary } from "../rules/iam/role-permissions-boundary";
import { scopedResources } from "../rules/iam/scoped-resources";
import { trustPolicyNotPublic } from "../rules/iam/trust-policy-not-public";
import { lambdaDeadLetterQueue } from "../rules/lambda/dead-letter-queue";
import { scopedInvokePermission } from "../rules/lambda/scoped-invoke-permission";
import { logGroupKms } from "../rules/logs/log-group-kms";
import { logGroupRetention } from "../rules/logs/log-group-retention";
import { publicZoneDnssec } from "../rules/route53/public-zone-dnssec";
import { publicZoneQueryLogging } from "../rules/route53/public-zone-query-logging";
import { declaredPublicIngress } from "../rules/security-group/declared-public-ingress";
import { securityGroupDescriptions } from "../rules/security-group/descriptions";
import { noWorldAdminIngress } from "../rules/security-group/no-world-admin-ingress";
import { noWorldAllPortsEgress } from "../rules/security-group/no-world-all-ports-egress";
import { noWorldAllPortsIngress } from "../rules/security-group/no-world-all-ports-ingress";
import { queueEncrypted } from "../rules/sqs/queue-encrypted";
import { s3BackendSecure } from "../rules/state/s3-backend-secure";
import { noAutoAcceptAttachments } from "../rules/transit-gateway/no-auto-accept-attachments";
import { noAutoAcceptMulticast } from "../rules/transit-gateway/no-auto-accept-multicast";
import { defaultSecurityGroupClosed } from "../rules/vpc/default-security-group-closed";
import { flowLogsEnabled } from "../rules/vpc/flow-logs-enabled";
import { subnetNoPublicIp } from "../rules/vpc/subnet-no-public-ip";
import type { Rule } from "./rule";

/** Every rule of the pack, in README order. Ids are stable: suppressions name them. */
export const RULES: readonly Rule[] = [
  imdsv2Required,
  metadataHopLimit,
  launchVolumesEncrypted,
  ebsVolumeEncrypted,
  snapshotImportEncrypted,
  amiEncrypted,
  detailedMonitoring,
  noPublicIpAtLaunch,
  noSecretsInUserData,
  noPlaintextSecretsInEnvironment,
  flowLogsEnabled,
  defaultSecurityGroupClosed,
  subnetNoPublicIp,
  securityGroupDescriptions,
  noWorldAdminIngress,
  noWorldAllPortsIngress,
  declaredPublicIngress,
  noWorldAllPortsEgress,
  publicListenerTls,
  logGroupRetention,
  logGroupKms,
  noWildcardActions,
  scopedResources,
  noRiskyUnscopedActions,
  rolePermissionsBoundary,
  environmentDeclaresBoundary,
  trustPolicyNotPublic,
  noAdministratorAccess,
  noAutoAcceptAttachments,
  noAutoAcceptMulticast,
  lambdaDeadLetterQueue,
  scopedInvokePermission,
  queueEncrypted,
  targetDeadLetterQueue,
  publicZoneDnssec,
  publicZoneQueryLogging,
  s3BackendSecure,
];

const BY_ID = new Map(RULES.map((r) => [r.id, r]));

/** The rule with id `id`, if the pack has one. */
export function ruleById(id: string): Rule | undefined {
  return BY_ID.get(id);
}
