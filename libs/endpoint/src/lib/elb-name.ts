import { createHash } from "node:crypto";
import type { EdgeStack } from "@edge/core";

/**
 * A load balancer or target group name: at most 32 letters, digits and hyphens (ELB API
 * CreateLoadBalancer and CreateTargetGroup, Name). A longer `<site>-<env>-<part>` (ad-hoc
 * environment names run to 24 characters) keeps its first 23 characters and a hash of the whole,
 * so two environments never share a name.
 */
export function elbName(stack: EdgeStack, part: string): string {
  const full = stack.physicalName(part);
  if (full.length <= 32) return full;
  const hash = createHash("sha256").update(full).digest("hex").slice(0, 8);
  return `${full.slice(0, 23).replace(/-+$/, "")}-${hash}`;
}
