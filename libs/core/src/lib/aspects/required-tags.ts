import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Annotations, TerraformResource, type IAspect } from "cdktf";
import type { IConstruct } from "constructs";

/**
 * Guards the required tags (`site`, `environment`, `managed-by`) that the provider's
 * `default_tags` puts on every taggable resource: a resource may add tags but never override a
 * required one with another value, and no provider may drop them with `ignore_tags`. Violations
 * are errors on the construct, so synth fails before anything is written.
 */
export class RequiredTagsAspect implements IAspect {
  constructor(private readonly required: Readonly<Record<string, string>>) {}

  visit(node: IConstruct): void {
    if (node instanceof AwsProvider) {
      const ignored = node.ignoreTags;
      const keys = Array.isArray(ignored) ? ignored.flatMap((t) => t.keys ?? []) : [];
      for (const key of keys) {
        if (key in this.required) {
          Annotations.of(node).addError(`provider ignore_tags drops the required tag "${key}"`);
        }
      }
      return;
    }
    if (!(node instanceof TerraformResource)) return;
    const tags = (node as unknown as { tagsInput?: Record<string, string> }).tagsInput;
    if (!tags || typeof tags !== "object") return;
    for (const [key, value] of Object.entries(tags)) {
      if (key in this.required && value !== this.required[key]) {
        Annotations.of(node).addError(
          `tag "${key}" = "${value}" overrides the required value "${this.required[key]}"; remove it from the resource's tags`,
        );
      }
    }
  }
}
