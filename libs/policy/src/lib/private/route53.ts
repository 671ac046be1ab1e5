import type { StackView, TerraformBlock } from "../terraform-view";
import { blocksOf, isExpression, referenceOf, UNKNOWN } from "./values";

/** Public hosted zones the stack creates; private zones (with a vpc block) are out of scope. */
export function publicZones(stack: StackView): { zone: TerraformBlock; known: boolean }[] {
  return stack
    .resourcesOf("aws_route53_zone")
    .flatMap((zone): { zone: TerraformBlock; known: boolean }[] => {
      const vpcs = blocksOf(zone.config, "vpc");
      if (vpcs === UNKNOWN) return [{ zone, known: false }];
      return vpcs.length === 0 ? [{ zone, known: true }] : [];
    });
}

/**
 * True when `value` is the zone's id, directly (`${aws_route53_zone.z.id}`) or through another
 * resource's attribute that is (`${aws_route53_key_signing_key.k.hosted_zone_id}`, the ordering
 * trick of the provider's DNSSEC example).
 */
function pointsToZone(stack: StackView, value: unknown, zone: TerraformBlock, depth = 3): boolean {
  const ref = referenceOf(value);
  if (!ref || depth === 0) return false;
  if (ref.address === zone.address) return ref.attribute === "id" || ref.attribute === "zone_id";
  const via = stack.blocks.find((b) => b.address === ref.address);
  return via !== undefined && pointsToZone(stack, via.config[ref.attribute], zone, depth - 1);
}

/** Resources of `type` whose `attribute` refers to `zone`; `opaque` when some refer to something unknown. */
export function zoneRefs(
  stack: StackView,
  type: string,
  attribute: string,
  zone: TerraformBlock,
): { found: TerraformBlock[]; opaque: boolean } {
  const all = stack.resourcesOf(type);
  const found = all.filter((r) => pointsToZone(stack, r.config[attribute], zone));
  const opaque = all.some(
    (r) =>
      isExpression(r.config[attribute]) &&
      !found.includes(r) &&
      referenceOf(r.config[attribute]) === undefined,
  );
  return { found, opaque };
}
