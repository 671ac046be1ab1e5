import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import {
  displayText,
  isPlaceholder,
  isUnresolved,
  placeholder,
  placeholdersIn,
} from "../src";
import { placeholderRefusals, synthJson, testStack } from "../src/testing";

const ZONE = placeholder("hosted zone id");

describe("placeholder()", () => {
  it("passes checks that skip values known at deploy time, and renders as PLACEHOLDER(<what>)", () => {
    expect(isUnresolved(ZONE)).toBe(true);
    expect(isPlaceholder(ZONE)).toBe(true);
    expect(isPlaceholder("ZPLACEHOLDERPROD")).toBe(false);
    expect(isPlaceholder(`arn:aws:route53:::hostedzone/${ZONE}`)).toBe(true);
    expect(displayText(`zone ${ZONE}`)).toBe("zone PLACEHOLDER(hosted zone id)");
    const stack = testStack();
    new Route53Record(stack, "r", {
      zoneId: ZONE,
      name: "a",
      type: "A",
      ttl: 60,
      records: ["192.0.2.1"],
    });
    expect(synthJson(stack).resource.aws_route53_record.r.zone_id).toBe(
      "PLACEHOLDER(hosted zone id)",
    );
  });

  it("is found in a config by path", () => {
    expect(
      placeholdersIn({ a: { zoneId: ZONE }, list: ["x", ZONE], n: 1 }, "environments.prod"),
    ).toEqual([
      { path: "environments.prod.a.zoneId", what: "hosted zone id" },
      { path: "environments.prod.list[1]", what: "hosted zone id" },
    ]);
  });
});

describe("deploy and publish refuse placeholders", () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "edge-placeholder-"));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it("refuses a stack without the list whose JSON still holds the marker", () => {
    const dir = path.join(root, "stacks", "old-prod");
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(
      path.join(dir, "cdk.tf.json"),
      JSON.stringify({ resource: { x: { y: { zone_id: "PLACEHOLDER(hosted zone id)" } } } }),
    );
    expect(placeholderRefusals(dir)).toEqual([
      [
        "deploy: error EDGE_PLACEHOLDER at old-prod/cdk.tf.json",
        "  old-prod still holds a placeholder for the hosted zone id, so deploy would send a value that matches nothing real",
        '  value: "PLACEHOLDER(hosted zone id)"',
        "  fix:   replace the placeholder for the hosted zone id in old-prod/cdk.tf.json, then synth again",
      ].join("\n"),
    ]);
  });
});
