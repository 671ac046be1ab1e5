import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { EdgeStack } from "@edge/core";
import type { Construct } from "constructs";
import type { OsvFleetAlarmProps } from "../osv-fleet-alarms";

/** The fleet's alarm topic (its own, unless `alarmTopicArn`) and the CPU alarm's common settings. */
export function fleetAlarmBase(fleet: Construct, props: OsvFleetAlarmProps) {
  const stack = EdgeStack.of(fleet);
  const id = fleet.node.id;
  let topic: SnsTopic | undefined;
  if (props.alarmTopicArn === undefined) {
    topic = new SnsTopic(fleet, "alarm-topic", {
      name: stack.physicalName(id, "alarms"),
      ...(props.alarmTopicKmsKeyArn !== undefined
        ? { kmsMasterKeyId: props.alarmTopicKmsKeyArn }
        : {}),
    });
  }
  const topicArn = props.alarmTopicArn ?? topic!.arn;
  const cpu = {
    alarmName: stack.physicalName(id, "cpu"),
    comparisonOperator: "GreaterThanThreshold",
    threshold: props.cpuAlarmThresholdPercent ?? 80,
    evaluationPeriods: props.cpuAlarmEvaluationMinutes ?? 5,
    alarmActions: [topicArn],
    okActions: [topicArn],
    treatMissingData: "missing",
  };
  return { topic, topicArn, cpu };
}
