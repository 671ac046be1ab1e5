/** Alarm props shared by {@link OsvAutoScalingFleet} and {@link OsvFixedHosts}. */
export interface OsvFleetAlarmProps {
  /** Average CPU above which the fleet alarm fires. @default 80 */
  readonly cpuAlarmThresholdPercent?: number;
  /** Minutes of high CPU that raise the alarm (one-minute datapoints). @default 5 */
  readonly cpuAlarmEvaluationMinutes?: number;
  /** Existing SNS topic for the alarms. @default - a topic of this fleet */
  readonly alarmTopicArn?: string;
  /**
   * Customer managed key for the fleet's topic; its key policy must let cloudwatch.amazonaws.com
   * use it (the AWS managed alias/aws/sns key cannot, and alarms would not be delivered).
   * @default - an unencrypted topic
   */
  readonly alarmTopicKmsKeyArn?: string;
}
