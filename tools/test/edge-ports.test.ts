/**
 * global-dns spreads one name over the hub's load balancer, the Local Zone's load balancer and the
 * Wavelength hosts' and container instances' carrier IPs: a client gets any of them, so all
 * must serve one port.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { edgePolicyPack } from "@edge/policy";
import { synthesizeSites } from "@edge/synth";
import { defaultEnvironments, environmentCatalog } from "@edge/environments";
import { loadSites } from "../src/sites";

const root = path.resolve(__dirname, "../..");
type Json = { resource?: Record<string, Record<string, Record<string, unknown>>> };

describe("ports behind the global DNS name", () => {
  const stacks = new Map<string, Json>();

  beforeAll(() => {
    const sites = loadSites(root).filter((s) => ["region-hub", "local-zone-bos", "wavelength-bos"].includes(s.name));
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "edge-ports-"));
    try {
      const result = synthesizeSites(sites, { repoRoot: root, outdir: path.join(out, "cdktf.out"), mode: "full", policy: edgePolicyPack, catalog: environmentCatalog });
      if (!result.ok) throw new Error(result.errors.join("\n\n"));
      for (const s of result.stacks) {
        stacks.set(s.stack, JSON.parse(fs.readFileSync(path.join(out, "cdktf.out", "stacks", s.stack, "cdk.tf.json"), "utf8")));
      }
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });

  type Action = { type?: string; redirect?: { port?: string; protocol?: string } };
  const actionsOf = (l: Record<string, unknown>) => (l.default_action ?? []) as Action[];
  // Listeners that serve the application; an ALB's HTTP listener that only redirects to HTTPS
  // sends clients to a serving port instead.
  const listenerPorts = (json: Json) =>
    Object.values(json.resource?.aws_lb_listener ?? {})
      .filter((l) => !actionsOf(l).some((a) => a.type === "redirect"))
      .map((l) => l.port);
  const redirectTargets = (json: Json) =>
    Object.values(json.resource?.aws_lb_listener ?? {}).flatMap((l) =>
      actionsOf(l)
        .filter((a) => a.type === "redirect")
        .map((a) => Number(a.redirect?.port)),
    );
  // Every port open to the carrier network, once: the OSv hosts' and the container instances'
  // (both carry the updater's tag, so both answer the carrier name).
  const internetPorts = (json: Json) => [
    ...new Set(
      Object.values(json.resource?.aws_vpc_security_group_ingress_rule ?? {})
        .filter((r) => r.cidr_ipv4 === "0.0.0.0/0")
        .map((r) => r.from_port),
    ),
  ];

  it.each(defaultEnvironments())("are the same at every site in %s", (env) => {
    const hub = listenerPorts(stacks.get(`region-hub-${env}`)!);
    const lz = listenerPorts(stacks.get(`local-zone-bos-${env}`)!);
    const wlJson = stacks.get(`wavelength-bos-${env}`)!;
    const wl = internetPorts(wlJson);
    expect(Object.keys(wlJson.resource?.aws_vpc_security_group_ingress_rule ?? {}).sort()).toEqual([
      "containers_cluster_ingress-cidr-0",
      "wavelength_host-ingress-tcp-8080",
    ]);
    expect(hub).toHaveLength(1);
    expect(lz).toEqual(hub);
    expect(wl).toEqual(hub);
    for (const stack of [`region-hub-${env}`, `local-zone-bos-${env}`])
      for (const port of redirectTargets(stacks.get(stack)!)) expect(port).toBe(hub[0]);
  });
});
