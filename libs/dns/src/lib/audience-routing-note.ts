import { displayText } from "@edge/core";

/** What {@link describeAudienceRouting} describes. */
export interface AudienceRoutingNote {
  /** The stack's id, e.g. `global-dns-prod`. */
  readonly stackId: string;
  readonly recordName: string;
  readonly hostedZoneId: string;
  readonly internetName: string;
  /** The Wavelength sites whose carrier clients get their carrier name. */
  readonly carrierSites: readonly string[];
  /** The internet sites and their weights. */
  readonly endpoints: readonly { readonly site: string; readonly weight: number }[];
}

/**
 * The stack note of a name answered by client network: who gets which answer, and the sites to
 * deploy first (their outputs are read).
 */
export function describeAudienceRouting(note: AudienceRoutingNote): string {
  const carriers = note.carrierSites.map(
    (site) =>
      `clients in ${site}'s carrier blocks (location ${site}) get its carrier name (its hosts' carrier ips, weighted per host, or the hub when none is healthy)`,
  );
  const endpoints = note.endpoints.map(
    (e) => `${e.site} (weight ${e.weight}, alias to its edge load balancer)`,
  );
  const readsFrom = [...note.endpoints.map((e) => e.site), ...note.carrierSites];
  return displayText(
    `${note.stackId}: ${note.recordName} (hosted zone ${note.hostedZoneId}) is answered by client network: ` +
      carriers.join("; ") +
      `${carriers.length > 0 ? "; " : ""}every other client (location *) gets ${note.internetName}, weighted across ` +
      endpoints.join(", ") +
      `. Deploy after ${readsFrom.join(", ")}: it reads their outputs`,
  );
}
