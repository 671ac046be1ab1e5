/**
 * The record a `plan`, `apply` or `destroy` leaves behind (`--json <file>`) and the Markdown
 * summary built from such records (`tfc summary`), for a CI job summary: per stack, what the plan
 * adds, changes and destroys, the run's status and its address.
 */
import * as fs from "node:fs";
import { EdgeConfigError } from "@edge/core";
import { formatPlan, type RunMode, type StackResult } from "./publisher";

/** One publish, as written by `--json`. */
export interface PublishRecord {
  readonly env: string;
  readonly run: RunMode;
  readonly organization: string;
  readonly results: readonly StackResult[];
}

export function writeRecord(file: string, record: PublishRecord): void {
  fs.writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`);
}

export function readRecord(file: string): PublishRecord {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (err) {
    throw new EdgeConfigError({
      code: "EDGE_TFC_SUMMARY",
      path: file,
      value: undefined,
      problem: `not a readable publish record (${(err as { code?: string }).code ?? "invalid JSON"})`,
      fix: "pass files written by tfc plan|apply|destroy --json <file>",
    });
  }
  const r = parsed as Partial<PublishRecord>;
  if (typeof r?.env !== "string" || !Array.isArray(r.results)) {
    throw new EdgeConfigError({
      code: "EDGE_TFC_SUMMARY",
      path: file,
      value: typeof parsed,
      problem: "not a publish record: it needs env and results",
      fix: "pass files written by tfc plan|apply|destroy --json <file>",
    });
  }
  return r as PublishRecord;
}

const VERB: Record<RunMode, string> = { none: "upload", "plan-only": "plan", normal: "plan", apply: "apply", destroy: "destroy" };

/** A Markdown section per record: one row per stack, then the totals. */
export function formatSummary(records: readonly PublishRecord[]): string {
  const out: string[] = [];
  for (const record of records) {
    const total = { add: 0, change: 0, destroy: 0 };
    for (const r of record.results) {
      if (!r.plan) continue;
      total.add += r.plan.add;
      total.change += r.plan.change;
      total.destroy += r.plan.destroy;
    }
    const failed = record.results.filter((r) => !r.ok).length;
    out.push(
      `### Terraform Cloud ${VERB[record.run]}: ${record.env} (${record.organization})`,
      "",
      "| stack | to add | to change | to destroy | status | run |",
      "| --- | ---: | ---: | ---: | --- | --- |",
      ...record.results.map(
        (r) =>
          `| ${r.stack} | ${r.plan?.add ?? "-"} | ${r.plan?.change ?? "-"} | ${r.plan?.destroy ?? "-"} | ${r.ok ? "" : "**failed** "}${escape(r.status)}${r.code ? ` (${r.code})` : ""} | ${r.runUrl ? `[${r.runId}](${r.runUrl})` : (r.runId ?? "-")} |`,
      ),
      "",
      `${record.results.length} stack${record.results.length === 1 ? "" : "s"}: ${formatPlan(total)}${failed ? `, ${failed} failed` : ""}`,
      "",
      // What each failure says and how to fix it, as the command printed it.
      ...record.results.filter((r) => !r.ok && r.error).map((r) => `- \`${r.stack}\`: ${r.error}`),
      ...(failed ? [""] : []),
    );
  }
  return out.join("\n");
}

function escape(text: string): string {
  return text.replace(/\|/g, "\\|");
}
