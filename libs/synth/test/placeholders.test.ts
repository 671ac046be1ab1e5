import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { defineSite, placeholder } from "@edge/core";
import { z } from "zod";
import { formatNotes, synthesizeSites } from "../src";
import { FIXTURE_CATALOG, placeholderRefusals } from "@edge/core/testing";
import { passAll } from "./support/fixtures";

const ZONE = placeholder("hosted zone id");

const site = defineSite({
  name: "dns-site",
  schema: z.strictObject({ zoneId: z.string(), names: z.array(z.string()) }),
  environments: {
    dev: { zoneId: "Z0123456789ABCDEFGHIJ", names: ["a.example.com"] },
    prod: { zoneId: ZONE, names: ["a.example.com", placeholder("second name")] },
  },
  build(stack, config) {
    config.names.forEach((name, i) => {
      new Route53Record(stack, `record-${i}`, { zoneId: config.zoneId, name, type: "A", ttl: 60, records: ["192.0.2.1"] });
    });
  },
});

describe("synth lists placeholders per stack; deploy and publish refuse them", () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "edge-placeholder-"));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it("writes placeholders.json beside each cdk.tf.json, and the notes list them", () => {
    const result = synthesizeSites([site], {
      repoRoot: root, catalog: FIXTURE_CATALOG,
      environments: ["dev", "prod"],
      mode: "full",
      policy: passAll(),
    });
    if (!result.ok) throw new Error(result.errors.join("\n"));
    const stacks = path.join(root, "cdktf.out", "stacks");
    expect(fs.existsSync(path.join(stacks, "dns-site-dev", "placeholders.json"))).toBe(false);
    expect(
      JSON.parse(fs.readFileSync(path.join(stacks, "dns-site-prod", "placeholders.json"), "utf8")),
    ).toEqual({
      stack: "dns-site-prod",
      site: "dns-site",
      placeholders: [
        { path: "environments.prod.names[1]", what: "second name" },
        { path: "environments.prod.zoneId", what: "hosted zone id" },
      ],
    });
    expect(formatNotes(result.stacks)).toBe(
      [
        "placeholders (deploy and publish refuse these stacks until they are set; list: placeholders.json beside each cdk.tf.json):",
        "  dns-site (prod): environments.prod.names[1]: second name",
        "  dns-site (prod): environments.prod.zoneId: hosted zone id",
      ].join("\n"),
    );

    expect(placeholderRefusals(path.join(stacks, "dns-site-dev"))).toEqual([]);
    expect(placeholderRefusals(path.join(stacks, "dns-site-prod"))).toEqual([
      [
        "deploy: error EDGE_PLACEHOLDER at environments.prod.names[1]",
        "  dns-site-prod still holds a placeholder for the second name, so deploy would send a value that matches nothing real",
        '  value: "PLACEHOLDER(second name)"',
        "  fix:   set environments.prod.names[1] of site dns-site (apps/dns-site/src/site.ts) to the real second name, then synth again",
      ].join("\n"),
      [
        "deploy: error EDGE_PLACEHOLDER at environments.prod.zoneId",
        "  dns-site-prod still holds a placeholder for the hosted zone id, so deploy would send a value that matches nothing real",
        '  value: "PLACEHOLDER(hosted zone id)"',
        "  fix:   set environments.prod.zoneId of site dns-site (apps/dns-site/src/site.ts) to the real hosted zone id, then synth again",
      ].join("\n"),
    ]);
  });
});
