import { publicZones, zoneRefs } from "../../lib/private/route53";
import { stringOf } from "../../lib/private/values";
import { compliant, defineStackRule, nonCompliant, notApplicable } from "../../lib/rule";

/** EDGE-R53-1: public zones the site creates are signed. */
export const publicZoneDnssec = defineStackRule({
  id: "EDGE-R53-1",
  level: "error",
  checkov: ["CKV2_AWS_38"],
  info: "public hosted zones the site creates have DNSSEC signing",
  explanation:
    "Without DNSSEC a resolver cannot tell a forged answer from a real one, and the weighted records that steer users between edge sites are exactly what an attacker would forge. Signing needs an aws_route53_key_signing_key and an aws_route53_hosted_zone_dnssec for the zone. Zones the site only reads, and private zones, are out of scope",
  fix: "add an aws_route53_key_signing_key (with a KMS key in us-east-1) and an aws_route53_hosted_zone_dnssec for the zone",
  check(stack) {
    return publicZones(stack).map(({ zone, known }) => {
      if (!known)
        return {
          address: zone.address,
          outcome: notApplicable("the zone's vpc blocks are generated dynamically"),
        };
      const dnssec = zoneRefs(stack, "aws_route53_hosted_zone_dnssec", "hosted_zone_id", zone);
      const ksk = zoneRefs(stack, "aws_route53_key_signing_key", "hosted_zone_id", zone);
      const signing = dnssec.found.some((d) => stringOf(d.config.signing_status) !== "NOT_SIGNING");
      const active = ksk.found.some((k) => stringOf(k.config.status) !== "INACTIVE");
      if (signing && active) return { address: zone.address, outcome: compliant() };
      if (dnssec.opaque || ksk.opaque)
        return {
          address: zone.address,
          outcome: notApplicable("a DNSSEC resource's zone is only known at apply time"),
        };
      const missing = [
        !active && "an active key-signing key",
        !signing && "hosted zone DNSSEC signing",
      ]
        .filter(Boolean)
        .join(" and ");
      return { address: zone.address, outcome: nonCompliant(`public zone without ${missing}`) };
    });
  },
});
