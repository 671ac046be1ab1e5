import { EdgeConfigError, isUnresolved } from "@edge/core";

/** The `aws_subnet` arguments that tie a subnet to an Outpost, as they will be synthesized. */
export interface SubnetOutpostAttributes {
  /** `outpost_arn`. */
  readonly outpostArn?: string;
  /** `availability_zone`. */
  readonly availabilityZone?: string;
  /** `customer_owned_ipv4_pool`. */
  readonly customerOwnedIpv4Pool?: string;
  /** `map_customer_owned_ip_on_launch`. */
  readonly mapCustomerOwnedIpOnLaunch?: boolean;
}

/** Where the attributes come from, for errors. */
export interface SubnetOutpostAttributeContext {
  /** The availability zone of the Outpost named by `outpostArn`. */
  readonly outpostAvailabilityZone?: string;
  /** Config path of each attribute. */
  readonly paths: { readonly [K in keyof SubnetOutpostAttributes]-?: string };
}

/**
 * Checks the Outpost arguments of one `aws_subnet` against the rules AWS and the provider
 * enforce at apply time, and returns every violation (an empty list when the subnet is valid):
 *
 * - `EDGE_OUTPOST_SUBNET_AZ`: with `outpost_arn`, `availability_zone` must be the Outpost's
 *   (EC2 `CreateSubnet`: "If you specify an Outpost ARN, you must also specify the Availability
 *   Zone of the Outpost subnet").
 * - `EDGE_OUTPOST_COIP_NEEDS_ARN`: `customer_owned_ipv4_pool` requires `outpost_arn` (provider
 *   `aws_subnet` doc: "`outpost_arn` must be specified").
 * - `EDGE_OUTPOST_COIP_MAP`: `map_customer_owned_ip_on_launch = true` requires both (provider doc:
 *   "`customer_owned_ipv4_pool` and `outpost_arn` must be specified when `true`"; EC2
 *   `ModifySubnetAttribute`: "When this value is true, you must specify the customer-owned IP pool").
 *
 * Unresolved tokens count as set and are never compared.
 */
export function checkOutpostSubnetAttributes(
  attrs: SubnetOutpostAttributes,
  ctx: SubnetOutpostAttributeContext,
): EdgeConfigError[] {
  const errors: EdgeConfigError[] = [];
  const set = (v: string | undefined) => v !== undefined && v !== "";
  const { outpostArn, availabilityZone, customerOwnedIpv4Pool, mapCustomerOwnedIpOnLaunch } = attrs;
  const outpostAz = ctx.outpostAvailabilityZone;

  if (set(outpostArn) && !isUnresolved(availabilityZone)) {
    if (!set(availabilityZone)) {
      errors.push(
        new EdgeConfigError({
          code: "EDGE_OUTPOST_SUBNET_AZ",
          path: ctx.paths.availabilityZone,
          value: availabilityZone,
          problem: "a subnet with an outpost_arn needs the availability zone of its Outpost",
          fix:
            outpostAz !== undefined
              ? `set availabilityZone to "${outpostAz}"`
              : "set availabilityZone to the Outpost's availability zone",
        }),
      );
    } else if (
      outpostAz !== undefined &&
      !isUnresolved(outpostAz) &&
      availabilityZone !== outpostAz
    ) {
      errors.push(
        new EdgeConfigError({
          code: "EDGE_OUTPOST_SUBNET_AZ",
          path: ctx.paths.availabilityZone,
          value: availabilityZone,
          problem: `the Outpost is homed to ${outpostAz}, and its subnets must be in that availability zone`,
          fix: `use "${outpostAz}", or put a subnet for ${availabilityZone} in the Region VPC instead`,
        }),
      );
    }
  }
  if (set(customerOwnedIpv4Pool) && !set(outpostArn)) {
    errors.push(
      new EdgeConfigError({
        code: "EDGE_OUTPOST_COIP_NEEDS_ARN",
        path: ctx.paths.customerOwnedIpv4Pool,
        value: customerOwnedIpv4Pool,
        problem:
          "customer_owned_ipv4_pool requires outpost_arn: customer-owned IPs exist only on an Outpost",
        fix: "set outpostArn to the Outpost whose local gateway owns the pool, or remove the pool",
      }),
    );
  }
  if (mapCustomerOwnedIpOnLaunch === true && (!set(customerOwnedIpv4Pool) || !set(outpostArn))) {
    const missing = [
      ...(set(customerOwnedIpv4Pool) ? [] : ["customer_owned_ipv4_pool"]),
      ...(set(outpostArn) ? [] : ["outpost_arn"]),
    ];
    errors.push(
      new EdgeConfigError({
        code: "EDGE_OUTPOST_COIP_MAP",
        path: ctx.paths.mapCustomerOwnedIpOnLaunch,
        value: mapCustomerOwnedIpOnLaunch,
        problem: `map_customer_owned_ip_on_launch = true requires customer_owned_ipv4_pool and outpost_arn, and ${missing.join(" and ")} ${missing.length === 1 ? "is" : "are"} not set`,
        fix: "use the CoIP routing mode with a pool, or set mapCustomerOwnedIpOnLaunch to false",
      }),
    );
  }
  return errors;
}
