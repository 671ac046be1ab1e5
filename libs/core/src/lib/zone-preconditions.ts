import { DataAwsAvailabilityZone } from "@cdktf/provider-aws/lib/data-aws-availability-zone";
import { DataAwsEc2InstanceTypeOfferings } from "@cdktf/provider-aws/lib/data-aws-ec2-instance-type-offerings";
import type { ITerraformDependable, Precondition } from "cdktf";
import type { Construct } from "constructs";
import type { Zone } from "./zones";

/** A data source and the precondition that reads it. */
export interface ZonePrecondition<D> {
  readonly dataSource: D;
  readonly precondition: Precondition;
}

/** `${expr}`: a Terraform expression inside a JSON string. */
const tf = (expr: string): string => "${" + expr + "}";
const hclList = (items: readonly string[]): string =>
  `[${items.map((i) => JSON.stringify(i)).join(", ")}]`;
/** The plain address of a data source (`data.<type>.<name>`), for hand-written expressions. */
const addressOf = (d: { terraformResourceType: string; friendlyUniqueId: string }): string =>
  `data.${d.terraformResourceType}.${d.friendlyUniqueId}`;

/**
 * Plan-time check that the account has opted in to `zone`'s group. The data source sets
 * `all_availability_zones = true`, or a zone that is not opted in would not be found at all and
 * plan would fail with a less useful "no matching AZ" error (provider data source
 * `aws_availability_zone`; `opt_in_status` is `opted-in`, `not-opted-in` or
 * `opt-in-not-required`, EC2 API `AvailabilityZone.OptInStatus`).
 *
 * `dependsOn` (the `aws_ec2_availability_zone_group` when the stack manages the opt-in) defers
 * the read until that resource is applied.
 */
export function zoneOptInPrecondition(
  scope: Construct,
  id: string,
  zone: Zone,
  options: { readonly dependsOn?: ITerraformDependable[] } = {},
): ZonePrecondition<DataAwsAvailabilityZone> {
  const dataSource = new DataAwsAvailabilityZone(scope, id, {
    name: zone.name,
    allAvailabilityZones: true,
    ...(options.dependsOn && options.dependsOn.length > 0 ? { dependsOn: options.dependsOn } : {}),
  });
  const status = `${addressOf(dataSource)}.opt_in_status`;
  return {
    dataSource,
    precondition: {
      condition: tf(`${status} == "opted-in"`),
      errorMessage:
        `Zone ${zone.name} is ${tf(status)} in this account, not opted-in: opt in to zone group ${zone.groupName} ` +
        `(aws ec2 modify-availability-zone-group --group-name ${zone.groupName} --opt-in-status opted-in) or let the site manage the opt-in.`,
    },
  };
}

/**
 * Plan-time check that every type in `instanceTypes` is offered in `zone`, from
 * `aws_ec2_instance_type_offerings` with `location_type = "availability-zone"` and the
 * `location` / `instance-type` filters of EC2 `DescribeInstanceTypeOfferings`.
 */
export function instanceTypeOfferingPrecondition(
  scope: Construct,
  id: string,
  zone: Zone,
  instanceTypes: readonly string[],
): ZonePrecondition<DataAwsEc2InstanceTypeOfferings> {
  const dataSource = new DataAwsEc2InstanceTypeOfferings(scope, id, {
    locationType: "availability-zone",
    filter: [
      { name: "location", values: [zone.name] },
      { name: "instance-type", values: [...instanceTypes] },
    ],
  });
  const missing = `setsubtract(${hclList(instanceTypes)}, ${addressOf(dataSource)}.instance_types)`;
  return {
    dataSource,
    precondition: {
      condition: tf(`length(${missing}) == 0`),
      errorMessage: `Instance types not offered in ${zone.name} for this account: ${tf(`join(", ", ${missing})`)}.`,
    },
  };
}
