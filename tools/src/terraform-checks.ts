/**
 * Real-Terraform checks of synthesized stacks, for CI runners that can download providers:
 * `terraform init -backend=false` + `terraform validate` in each stack directory, and checkov
 * on the stacks compared with the policy pack's own verdicts (`policy.json`), reporting every
 * rule x resource where the two disagree. The commands run through an injectable runner, so the
 * logic is tested here without terraform or checkov.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { isKnownRegion } from "@edge/core";
import { describeStack } from "@edge/tfc";

/** Runs a command in a directory; returns its exit code and output. */
export type Runner = (command: string, args: readonly string[], cwd: string) => { status: number; stdout: string; stderr: string };

export const spawnRunner: Runner = (command, args, cwd) => {
  const r = spawnSync(command, args, { cwd, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  return { status: r.status ?? (r.error ? 127 : 1), stdout: r.stdout ?? "", stderr: r.stderr ?? String(r.error ?? "") };
};

/**
 * The stack directories of `sites` (every stack when none are named), sorted. A site's stacks are
 * `<site>-<env>` and, for each further home Region, `<site>-<region>-<env>` (`homesOf` in
 * @edge/core); the stack's own default tags give its site instance and environment, so an
 * ad-hoc environment whose name holds a hyphen (`pr-7`) is found too.
 */
export function stackDirs(stacksDir: string, sites: readonly string[]): string[] {
  const root = path.join(stacksDir, "stacks");
  const names = fs.existsSync(root) ? fs.readdirSync(root).sort() : [];
  const ofSite = (instance: string, site: string) =>
    instance === site || (instance.startsWith(`${site}-`) && isKnownRegion(instance.slice(site.length + 1)));
  return names
    .filter((name) => fs.existsSync(path.join(root, name, "cdk.tf.json")))
    .filter((name) => sites.length === 0 || sites.some((site) => ofSite(describeStack(path.join(root, name), name).site, site)))
    .map((name) => path.join(root, name));
}

/** `terraform init -backend=false` then `terraform validate` in each directory. Lines to print, and whether all passed. */
export function validateStacks(dirs: readonly string[], run: Runner): { ok: boolean; lines: string[] } {
  const lines: string[] = [];
  let ok = true;
  for (const dir of dirs) {
    const name = path.basename(dir);
    const init = run("terraform", ["init", "-backend=false", "-input=false", "-no-color"], dir);
    if (init.status !== 0) {
      ok = false;
      lines.push(`FAIL ${name}: terraform init -backend=false exited ${init.status}`, indent(init.stderr || init.stdout));
      continue;
    }
    const validate = run("terraform", ["validate", "-no-color"], dir);
    if (validate.status !== 0) {
      ok = false;
      lines.push(`FAIL ${name}: terraform validate exited ${validate.status}`, indent(validate.stderr || validate.stdout));
    } else {
      lines.push(`ok   ${name}`);
    }
  }
  return { ok, lines };
}

/** A checkov check result (checkov `-o json`: results.passed_checks / failed_checks). */
interface CheckovCheck {
  readonly check_id: string;
  readonly resource: string;
}
interface CheckovReport {
  readonly results?: { readonly passed_checks?: CheckovCheck[]; readonly failed_checks?: CheckovCheck[] };
}

/** One rule x resource where the policy pack and checkov disagree. */
export interface Disagreement {
  readonly stack: string;
  readonly rule: string;
  readonly checkov: string;
  readonly address: string;
  readonly pack: "passes" | "fails";
  readonly checkovSays: "passes" | "fails";
}

interface PolicyResult {
  readonly rule: string;
  readonly checkov: readonly string[];
  readonly address: string;
  readonly status: string;
}

/**
 * Compares `policy.json` results with checkov's for the same check ids and resource addresses.
 * A suppressed finding counts as failing (the rule did fail; someone accepted it). Results
 * checkov did not report are not disagreements.
 */
export function compareWithCheckov(stack: string, policy: { results: readonly PolicyResult[] }, checkovOutput: unknown): Disagreement[] {
  const reports = (Array.isArray(checkovOutput) ? checkovOutput : [checkovOutput]) as CheckovReport[];
  const verdict = new Map<string, "passes" | "fails">();
  for (const report of reports) {
    for (const c of report?.results?.passed_checks ?? []) verdict.set(`${c.check_id} ${c.resource}`, "passes");
    for (const c of report?.results?.failed_checks ?? []) verdict.set(`${c.check_id} ${c.resource}`, "fails");
  }
  const out: Disagreement[] = [];
  for (const r of policy.results) {
    if (r.status === "not-applicable") continue;
    const pack = r.status === "compliant" ? "passes" : "fails";
    for (const id of r.checkov) {
      const theirs = verdict.get(`${id} ${r.address}`);
      if (theirs && theirs !== pack) out.push({ stack, rule: r.rule, checkov: id, address: r.address, pack, checkovSays: theirs });
    }
  }
  return out;
}

/** Runs checkov on each stack and compares; Markdown lines for a job summary. */
export function checkovStacks(dirs: readonly string[], run: Runner): { ok: boolean; lines: string[] } {
  const all: Disagreement[] = [];
  const lines: string[] = ["### checkov and the policy pack", ""];
  let ok = true;
  for (const dir of dirs) {
    const name = path.basename(dir);
    const policyFile = path.join(dir, "policy.json");
    if (!fs.existsSync(policyFile)) {
      lines.push(`- ${name}: no policy.json (synthesize with the policy pack)`);
      continue;
    }
    const r = run("checkov", ["-f", "cdk.tf.json", "--framework", "terraform_json", "-o", "json", "--quiet", "--soft-fail"], dir);
    let parsed: unknown;
    try {
      parsed = JSON.parse(r.stdout);
    } catch {
      ok = false;
      lines.push(`- ${name}: checkov exited ${r.status} without a JSON report: ${(r.stderr || r.stdout).split("\n")[0]}`);
      continue;
    }
    all.push(...compareWithCheckov(name, JSON.parse(fs.readFileSync(policyFile, "utf8")) as { results: PolicyResult[] }, parsed));
  }
  if (all.length === 0) {
    lines.push("", `checkov and the policy pack agree on ${dirs.length} stack${dirs.length === 1 ? "" : "s"}.`);
  } else {
    lines.push(
      "",
      "| stack | rule | checkov | resource | policy pack | checkov |",
      "| --- | --- | --- | --- | --- | --- |",
      ...all.map((d) => `| ${d.stack} | ${d.rule} | ${d.checkov} | ${d.address} | ${d.pack} | ${d.checkovSays} |`),
      "",
      `${all.length} disagreement${all.length === 1 ? "" : "s"}: check the rule or its checkov mapping.`,
    );
  }
  return { ok, lines };
}

function indent(text: string): string {
  return text
    .trim()
    .split("\n")
    .map((l) => `    ${l}`)
    .join("\n");
}
