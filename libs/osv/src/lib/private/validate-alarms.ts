import type { ConfigCheck } from "@edge/core";
import type { OsvFleetAlarmProps } from "../osv-fleet-alarms";
import { checkKmsArn, isInt } from "./checks";

/** The fleet alarms' rules: CPU threshold and window, the topic and its key. */
export function checkAlarmProps(props: OsvFleetAlarmProps, path: string, check: ConfigCheck): void {
  if (props.cpuAlarmThresholdPercent !== undefined) {
    const t = props.cpuAlarmThresholdPercent;
    check.expect(typeof t === "number" && t > 0 && t <= 100, {
      code: "EDGE_CONFIG_VALUE",
      path: `${path}.cpuAlarmThresholdPercent`,
      value: t,
      problem: "the CPU threshold is a percentage above 0 and at most 100",
      fix: "give a percentage such as 80",
    });
  }
  if (props.cpuAlarmEvaluationMinutes !== undefined) {
    check.expect(
      isInt(props.cpuAlarmEvaluationMinutes, 1) && props.cpuAlarmEvaluationMinutes <= 1440,
      {
        code: "EDGE_CONFIG_VALUE",
        path: `${path}.cpuAlarmEvaluationMinutes`,
        value: props.cpuAlarmEvaluationMinutes,
        problem: "the evaluation window is a whole number of minutes from 1 to 1440",
        fix: "give the minutes of high CPU that raise the alarm, such as 5",
      },
    );
  }
  if (props.alarmTopicKmsKeyArn !== undefined) {
    checkKmsArn(props.alarmTopicKmsKeyArn, `${path}.alarmTopicKmsKeyArn`, check);
    check.expect(props.alarmTopicArn === undefined, {
      code: "EDGE_CONFIG_VALUE",
      path: `${path}.alarmTopicKmsKeyArn`,
      value: props.alarmTopicKmsKeyArn,
      problem:
        "the key applies to a topic this construct creates, and alarmTopicArn names an existing one",
      fix: "remove alarmTopicKmsKeyArn, or remove alarmTopicArn",
    });
  }

}
