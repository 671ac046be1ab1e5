import * as fs from "node:fs";
import * as path from "node:path";
import { RULES, type Rule } from "../src";

const rulesDir = path.join(__dirname, "..", "src", "rules");

describe("the rule catalog", () => {
  it("has unique ids of the form EDGE-<SVC>-<n>, numbered from 1 without gaps per service", () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    const byService = new Map<string, number[]>();
    for (const id of ids) {
      const m = /^EDGE-([A-Z0-9]+)-(\d+)$/.exec(id);
      expect(m).not.toBeNull();
      byService.set(m![1], [...(byService.get(m![1]) ?? []), Number(m![2])]);
    }
    for (const numbers of byService.values())
      expect([...numbers].sort((a, b) => a - b)).toEqual(numbers.map((_, i) => i + 1));
  });

  it.each(RULES.map((r) => [r.id, r] as const))(
    "%s declares its level, checkov ids and texts",
    (_id, rule) => {
      expect(["error", "warning"]).toContain(rule.level);
      for (const id of rule.checkov) expect(id).toMatch(/^CKV2?_AWS_\d+$/);
      for (const text of [rule.info, rule.fix]) expect(text).toMatch(/^[^A-Z].*[^.]$/s);
      expect(rule.explanation.length).toBeGreaterThan(40);
      if (rule.kind === "resource") expect(rule.appliesTo.length).toBeGreaterThan(0);
    },
  );

  it("has exactly one rule per file under src/rules/<service>/, and every such rule is in the pack", () => {
    const found: Rule[] = [];
    for (const service of fs.readdirSync(rulesDir)) {
      for (const file of fs.readdirSync(path.join(rulesDir, service))) {
        expect(file).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*\.ts$/);
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const mod = require(path.join(rulesDir, service, file)) as Record<string, unknown>;
        const exported = Object.values(mod).filter(
          (v): v is Rule => typeof v === "object" && v !== null && "id" in v && "check" in v,
        );
        expect([file, exported.length]).toEqual([file, 1]);
        found.push(exported[0]);
      }
    }
    expect(found.map((r) => r.id).sort()).toEqual(RULES.map((r) => r.id).sort());
  });
});

describe("libs/policy/README.md", () => {
  const readme = fs.readFileSync(path.join(__dirname, "..", "README.md"), "utf8");

  it.each(RULES.map((r) => [r.id, r] as const))(
    "lists %s with its level, checkov ids, check and rationale",
    (_id, r) => {
      const row = `| ${r.id} | ${r.level} | ${r.checkov.length ? r.checkov.join(", ") : "—"} | ${r.info} | ${r.explanation.replace(/\|/g, "\\|")} |`;
      expect(readme.split("\n")).toContain(row);
    },
  );

  it("lists no rule the pack does not have", () => {
    const listed = [...readme.matchAll(/^\| (EDGE-[A-Z0-9]+-\d+) \|/gm)].map((m) => m[1]);
    expect(listed).toEqual(RULES.map((r) => r.id));
  });
});
