import { DataAwsOutpostsOutpost } from "@cdktf/provider-aws/lib/data-aws-outposts-outpost";
import { DataAwsOutpostsOutpostInstanceTypes } from "@cdktf/provider-aws/lib/data-aws-outposts-outpost-instance-types";
import { EdgeConfigError, EdgeStack, isUnresolved, validateFor } from "@edge/core";
import { Op, type Precondition } from "cdktf";
import { Construct } from "constructs";
import { validateOutpostProps } from "./private/validate-outpost-props";
import type { RackUplinkPlan } from "./rack-uplinks";

/** An Outpost that subnets and placement groups can be placed on. */
export interface IOutpost {
  /** `arn:aws:outposts:<region>:<account>:outpost/op-<17 hex>`. */
  readonly arn: string;
  /** The Outpost's availability zone, e.g. `us-east-1a`. */
  readonly availabilityZone: string;
  /** Compute racks, not counting an ACE rack. */
  readonly racks: number;
  /** Instance types the Outpost was ordered with. */
  readonly instanceTypes: readonly string[];
  /**
   * Plan-time checks that every resource placed on this Outpost carries as
   * `lifecycle.precondition`: the Outpost AWS reports is homed to `availabilityZone`.
   */
  readonly placementPreconditions: readonly Precondition[];
  /** Config path of the Outpost's props (`environments.prod.outpost`), for errors of what is placed on it. @default - not known */
  readonly configPath?: string;
}

/** Props of {@link Outpost}. */
export interface OutpostProps {
  /** ARN of an Outpost homed to the stack's region. */
  readonly arn: string;
  /** The availability zone the Outpost is homed to, in the stack's region. */
  readonly availabilityZone: string;
  /**
   * Instance types the Outpost was ordered with: an Outpost has only that capacity. Checked
   * against `data.aws_outposts_outpost_instance_types` at plan time.
   */
  readonly instanceTypes: readonly string[];
  /** Compute racks of the logical Outpost, not counting an ACE rack. @default 1 */
  readonly racks?: number;
  /** The Outpost's racks are cabled through an ACE rack. @default false */
  readonly aceRack?: boolean;
  /** Config path of these props, for errors. @default "outpost" */
  readonly configPath?: string;
}

/**
 * An existing Outpost, referenced by ARN: it looks the Outpost and its instance types up and
 * checks at plan time that AWS reports the configured availability zone and every configured
 * instance type (`lifecycle.postcondition` on the two data sources; a precondition cannot read its
 * own data source, Terraform allows `self` only in postconditions). Creates no resource.
 */
export class Outpost extends Construct implements IOutpost {
  readonly arn: string;
  readonly outpostId: string;
  readonly availabilityZone: string;
  readonly racks: number;
  readonly aceRack: boolean;
  readonly instanceTypes: readonly string[];
  /** Network uplinks the customer network devices must provide for this Outpost. */
  readonly uplinkPlan: RackUplinkPlan;
  /** `data.aws_outposts_outpost`. */
  readonly outpostLookup: DataAwsOutpostsOutpost;
  /** `data.aws_outposts_outpost_instance_types`. */
  readonly instanceTypesLookup: DataAwsOutpostsOutpostInstanceTypes;
  readonly placementPreconditions: readonly Precondition[];
  /** Config path of these props (`outpost` unless given). */
  readonly configPath: string;

  constructor(scope: Construct, id: string, props: OutpostProps) {
    super(scope, id);
    const stack = EdgeStack.of(this);
    this.configPath = props.configPath ?? "outpost";
    const settings = validateFor(this, () =>
      validateOutpostProps(props, {
        region: stack.environment.region,
        path: this.configPath,
      }),
    );
    this.arn = props.arn;
    this.outpostId = settings.outpostId;
    this.availabilityZone = props.availabilityZone;
    this.racks = settings.racks;
    this.aceRack = settings.aceRack;
    this.instanceTypes = settings.instanceTypes;
    this.uplinkPlan = settings.uplinkPlan;
    // "Outpost op-…" in plan-time messages; an ARN known only at apply time has no id yet.
    const name = isUnresolved(props.arn) ? "The Outpost" : `Outpost ${this.outpostId}`;

    this.outpostLookup = new DataAwsOutpostsOutpost(this, "outpost", {
      arn: props.arn,
      lifecycle: {
        postcondition: [
          {
            condition: `\${self.availability_zone == ${JSON.stringify(props.availabilityZone)}}`,
            errorMessage: `${name} is not homed to ${props.availabilityZone}, the availability zone set at ${this.configPath}.availabilityZone.`,
          },
        ],
      },
    });
    this.instanceTypesLookup = new DataAwsOutpostsOutpostInstanceTypes(this, "instance-types", {
      arn: props.arn,
      lifecycle: {
        postcondition: [
          {
            condition: `\${length(setsubtract(${JSON.stringify(settings.instanceTypes)}, self.instance_types)) == 0}`,
            errorMessage: `${name} does not offer every instance type listed at ${this.configPath}.instanceTypes (${settings.instanceTypes.join(", ")}).`,
          },
        ],
      },
    });
    this.placementPreconditions = [
      {
        condition: Op.eq(this.outpostLookup.availabilityZone, props.availabilityZone),
        errorMessage: `${name} is not homed to ${props.availabilityZone}; resources placed on it must be in its availability zone.`,
      },
    ];
  }

  /** True when the Outpost was ordered with `instanceType` (per {@link OutpostProps.instanceTypes}). */
  offersInstanceType(instanceType: string): boolean {
    return this.instanceTypes.includes(instanceType);
  }

  /**
   * Throws `EDGE_OUTPOST_INSTANCE_TYPE` unless the Outpost offers `instanceType`. For constructs
   * that launch instances on the Outpost; `path` is where the type is configured.
   */
  requireInstanceType(instanceType: string, path: string): void {
    if (this.offersInstanceType(instanceType)) return;
    throw new EdgeConfigError({
      code: "EDGE_OUTPOST_INSTANCE_TYPE",
      path,
      value: instanceType,
      problem: `the Outpost ${this.outpostId} has no ${instanceType} capacity: it offers only ${this.instanceTypes.join(", ")}`,
      fix: `use one of ${this.instanceTypes.join(", ")}, or order ${instanceType} capacity and add it to ${this.configPath}.instanceTypes`,
    });
  }
}
