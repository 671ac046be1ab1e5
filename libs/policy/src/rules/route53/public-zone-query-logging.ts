import { publicZones, zoneRefs } from "../../lib/private/route53";
import { compliant, defineStackRule, nonCompliant, notApplicable } from "../../lib/rule";

/** EDGE-R53-2: public zones the site creates log their queries. */
export const publicZoneQueryLogging = defineStackRule({
  id: "EDGE-R53-2",
  level: "error",
  checkov: ["CKV2_AWS_39"],
  info: "public hosted zones the site creates have query logging",
  explanation:
    "Query logs show who resolved the edge endpoints and when, which is how DNS-based traffic steering is debugged and how reconnaissance is spotted. Route 53 writes them to a CloudWatch Logs group in us-east-1 (give it a retention, EDGE-LOGS-1). Private zones are out of scope",
  fix: "add an aws_route53_query_log with zone_id = the zone's id and a log group in us-east-1",
  check(stack) {
    return publicZones(stack).map(({ zone, known }) => {
      if (!known)
        return {
          address: zone.address,
          outcome: notApplicable("the zone's vpc blocks are generated dynamically"),
        };
      const logs = zoneRefs(stack, "aws_route53_query_log", "zone_id", zone);
      if (logs.found.length > 0) return { address: zone.address, outcome: compliant() };
      if (logs.opaque)
        return {
          address: zone.address,
          outcome: notApplicable("a query log's zone is only known at apply time"),
        };
      return {
        address: zone.address,
        outcome: nonCompliant("public zone without an aws_route53_query_log"),
      };
    });
  },
});
