/**
 * The record name an ad-hoc environment uses instead of the name of the environment it derives
 * from: `<env>.<name>` (`feature-42.edge.dev.example.com`), a name of its own in the same hosted
 * zone, so its weighted records, set identifiers and the updater's managed tag never touch the
 * derived-from environment's. At most 255 characters, 63 per label (Route 53 Developer Guide,
 * "DNS domain name format"); ad-hoc names are at most 24 characters, one label.
 */
export function adHocRecordName(recordName: string, env: { readonly name: string }): string {
  return `${env.name}.${recordName}`;
}
