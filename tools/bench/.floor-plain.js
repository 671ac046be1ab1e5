"use strict";
var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __toESM = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
  // If the importer is in node compatibility mode or this is not an ESM
  // file that has been converted to a CommonJS file using a Babel-
  // compatible transform (i.e. "__esModule" has not been set), then set
  // "default" to the CommonJS "module.exports" for node compatibility.
  isNodeMode || !mod || !mod.__esModule ? __defProp(target, "default", { value: mod, enumerable: true }) : target,
  mod
));
var fs = __toESM(require("node:fs"));
var os = __toESM(require("node:os"));
var path = __toESM(require("node:path"));
var import_provider = require("@cdktf/provider-aws/lib/provider");
var import_cdktf = require("cdktf");
const count = Number(process.env.EDGE_BENCH_STACKS ?? "1");
const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "edge-floor-"));
try {
  const app = new import_cdktf.App({ outdir });
  for (let i = 0; i < count; i++) {
    const stack = new import_cdktf.TerraformStack(app, `empty-${i}`);
    new import_provider.AwsProvider(stack, "aws", { region: "us-east-1" });
    new import_cdktf.S3Backend(stack, {
      bucket: "bench-state",
      key: `empty-${i}/terraform.tfstate`,
      region: "us-east-1"
    });
  }
  app.synth();
} finally {
  fs.rmSync(outdir, { recursive: true, force: true });
}
