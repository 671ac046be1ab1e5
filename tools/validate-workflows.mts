/**
 * Validates GitHub Actions workflow files with GitHub's own parser, @actions/workflow-parser
 * (npm; the parser behind the GitHub Actions extension for VS Code): YAML, the workflow schema
 * (keys, value types, events) and expression syntax. Offline: the schema ships in the package.
 *
 *   node --import tsx tools/validate-workflows.mts [file…]    (default: .github/workflows/*.yml)
 *
 * Prints `ok <file>` or every error with its line, and exits 1 when a file has errors. ESM and
 * run through tsx because the package is ESM-only and imports its schema JSON without an
 * import attribute, which plain Node refuses.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } from "@actions/workflow-parser";

/** The errors of one workflow file; empty when it is valid. */
export async function validateWorkflow(file: string): Promise<string[]> {
  const content = fs.readFileSync(file, "utf8");
  const parsed = parseWorkflow({ name: file, content }, new NoOperationTraceWriter());
  const errors = parsed.context.errors.getErrors().map((e) => e.message);
  if (parsed.value) {
    const template = await convertWorkflowTemplate(parsed.context, parsed.value);
    errors.push(...(template.errors ?? []).map((e) => e.Message));
  }
  return [...new Set(errors)];
}

async function main(argv: string[]): Promise<number> {
  const dir = path.join(".github", "workflows");
  const files =
    argv.length > 0
      ? argv
      : fs.existsSync(dir)
        ? fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).map((f) => path.join(dir, f))
        : [];
  if (files.length === 0) {
    process.stderr.write("no workflow files to validate\n");
    return 1;
  }
  let failed = 0;
  for (const file of files) {
    const errors = await validateWorkflow(file);
    if (errors.length === 0) {
      process.stdout.write(`ok ${file}\n`);
    } else {
      failed++;
      process.stdout.write(`invalid ${file}\n${errors.map((e) => `  ${e}`).join("\n")}\n`);
    }
  }
  return failed > 0 ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
