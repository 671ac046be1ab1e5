import { AcmCertificate } from "@cdktf/provider-aws/lib/acm-certificate";
import { AcmCertificateValidation } from "@cdktf/provider-aws/lib/acm-certificate-validation";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import type { EdgeStack } from "@edge/core";
import { TerraformIterator, Token } from "cdktf";
import type { Construct } from "constructs";
import type { EdgeEndpointCertificate } from "../edge-endpoint-props";

/** What {@link requestCertificate} created. */
export interface RequestedCertificate {
  readonly certificate: AcmCertificate;
  readonly validationRecords: Route53Record;
  readonly validation: AcmCertificateValidation;
  /** The certificate's ARN once validated: listeners that use it wait for the validation. */
  readonly validatedArn: string;
}

/**
 * An ACM certificate for the endpoint's name, validated by DNS in the site's hosted zone, in the
 * pattern of the Terraform AWS provider docs (aws_acm_certificate_validation, "DNS Validation
 * with Route 53"): one aws_route53_record per element of the certificate's
 * domain_validation_options (for_each keyed by domain_name, allow_overwrite, ttl 60), and an
 * aws_acm_certificate_validation whose validation_record_fqdns are those records' fqdn. The
 * domain_validation_options are a set known only after the certificate exists, so the records
 * iterate it in Terraform (cdktf TerraformIterator.fromComplexList) rather than in TypeScript.
 *
 * Addresses: `<scope>_certificate`, `<scope>_certificate-validation-record["<domain>"]`,
 * `<scope>_certificate-validation`.
 */
export function requestCertificate(
  scope: Construct,
  stack: EdgeStack,
  props: EdgeEndpointCertificate,
  name: string,
): RequestedCertificate {
  const sans = props.subjectAlternativeNames ?? [];
  const certificate = new AcmCertificate(scope, "certificate", {
    domainName: props.domainName,
    ...(sans.length > 0 ? { subjectAlternativeNames: [...sans] } : {}),
    validationMethod: "DNS",
    // A listener holds the certificate: the replacement must exist before the old one goes
    // (Terraform AWS provider, aws_acm_certificate: "It's recommended to specify
    // create_before_destroy = true in a lifecycle block to replace a certificate which is
    // currently in use").
    lifecycle: { createBeforeDestroy: true },
    tags: { Name: stack.physicalName(name) },
  });
  const options = TerraformIterator.fromComplexList(
    certificate.domainValidationOptions,
    "domain_name",
  );
  const validationRecords = new Route53Record(scope, "certificate-validation-record", {
    forEach: options,
    zoneId: props.hostedZoneId,
    name: options.getString("resource_record_name"),
    type: options.getString("resource_record_type"),
    records: [options.getString("resource_record_value")],
    ttl: 60,
    // The provider doc's pattern: names that share a validation record (a name and its
    // wildcard, or the same name requested by another stack) take it over instead of failing.
    allowOverwrite: true,
  });
  const validation = new AcmCertificateValidation(scope, "certificate-validation", {
    certificateArn: certificate.arn,
    validationRecordFqdns: Token.asList(
      TerraformIterator.fromResources(validationRecords).pluckProperty("fqdn"),
    ),
  });
  return { certificate, validationRecords, validation, validatedArn: validation.certificateArn };
}
