import { ConfigCheck } from "@edge/core";
import type { AlarmSpec } from "../../handler/config";

// Route 53 API reference, AlarmIdentifier.Name: Route 53 supports CloudWatch alarms with
// "Standard-resolution metrics. High-resolution metrics aren't supported" and "Statistics:
// Average, Minimum, Maximum, Sum, and SampleCount. Extended statistics aren't supported."
const STATISTICS = ["Average", "Minimum", "Maximum", "Sum", "SampleCount"];
const OPERATORS = [
  "GreaterThanOrEqualToThreshold",
  "GreaterThanThreshold",
  "LessThanThreshold",
  "LessThanOrEqualToThreshold",
];

/** Checks the alarm behind the hosts' CLOUDWATCH_METRIC health checks. */
export function checkAlarm(check: ConfigCheck, alarm: AlarmSpec, path: string): void {
  check.expect(STATISTICS.includes(alarm.statistic), {
    code: "EDGE_DNS_HEALTH_ALARM",
    path: `${path}.statistic`,
    value: alarm.statistic,
    problem:
      "route 53 health checks follow alarms on Average, Minimum, Maximum, Sum or SampleCount only",
    fix: `use one of ${STATISTICS.join(", ")}`,
  });
  check.expect(OPERATORS.includes(alarm.comparisonOperator), {
    code: "EDGE_DNS_HEALTH_ALARM",
    path: `${path}.comparisonOperator`,
    value: alarm.comparisonOperator,
    problem: "not a static-threshold comparison operator",
    fix: `use one of ${OPERATORS.join(", ")}`,
  });
  // Standard resolution: periods of 60 s or a multiple (CloudWatch PutMetricAlarm, Period).
  check.expect(Number.isInteger(alarm.period) && alarm.period >= 60 && alarm.period % 60 === 0, {
    code: "EDGE_DNS_HEALTH_ALARM",
    path: `${path}.period`,
    value: alarm.period,
    problem:
      "route 53 supports standard-resolution alarms only: a period of 60 s or a multiple of 60",
    fix: "use 60",
  });
  check.expect(Number.isInteger(alarm.evaluationPeriods) && alarm.evaluationPeriods >= 1, {
    code: "EDGE_DNS_HEALTH_ALARM",
    path: `${path}.evaluationPeriods`,
    value: alarm.evaluationPeriods,
    problem: "an alarm evaluates at least one period",
    fix: "use a whole number from 1, such as 2",
  });
  check.expect(
    alarm.namespace.length > 0 && alarm.metricName.length > 0 && alarm.dimensionName.length > 0,
    {
      code: "EDGE_DNS_HEALTH_ALARM",
      path,
      value: alarm,
      problem:
        "the alarm needs a namespace, a metric name and the dimension that carries the instance id",
      fix: 'name the metric the hosts publish, such as { namespace: "Edge/App", metricName: "Unhealthy", dimensionName: "InstanceId" }',
    },
  );
}
