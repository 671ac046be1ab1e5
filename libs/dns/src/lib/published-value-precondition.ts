import { Fn, Op, type TerraformResource } from "cdktf";

/**
 * Makes `resource` fail at plan time, with `errorMessage`, when `value` (read from another site's
 * state) is empty: a site that published "" would otherwise fail at apply with a Route 53 error
 * about the record. Replaces the resource's lifecycle.
 */
export function requirePublishedValue(
  resource: TerraformResource,
  value: string,
  errorMessage: string,
): void {
  resource.lifecycle = {
    precondition: [
      // (length >= 1: cdktf 0.21 renders a falsy operand such as "" or 0 as `undefined`.)
      { condition: Op.gte(Fn.lengthOf(value), 1), errorMessage },
    ],
  };
}
