/**
 * Builds the carrier-IP updater handler (the same deterministic ZIP synth uses) and copies it to
 * the directory given, printing its size and hash: `npx nx run dns:bundle`.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { handlerBundle } from "../src/lib/private/handler-bundle";

const outdir = path.resolve(process.argv[2] ?? "dist/libs/dns");
const bundle = handlerBundle();
fs.mkdirSync(outdir, { recursive: true });
const target = path.join(outdir, "carrier-ip-updater.zip");
fs.copyFileSync(bundle.zipPath, target);
fs.writeFileSync(
  path.join(outdir, "carrier-ip-updater.json"),
  `${JSON.stringify({ zipBytes: bundle.zipBytes, jsBytes: bundle.jsBytes, sha256: bundle.sha256Base64 }, null, 2)}\n`,
);
process.stdout.write(
  `carrier-ip updater: ${path.relative(process.cwd(), target)} ${bundle.zipBytes} bytes (index.js ${bundle.jsBytes} bytes), sha256 ${bundle.sha256Base64}\n`,
);
