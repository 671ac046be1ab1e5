import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { gunzipSync } from "node:zlib";
import { EdgeConfigError } from "@edge/core";
import { archiveStackDir } from "../../src/lib/archive";
import { ustar } from "../../src/lib/private/ustar";
import { listTarGz } from "../support/stacks";

function stackDir(files: Record<string, string | Buffer>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "edge-tfc-archive-"));
  for (const [rel, data] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), data);
  }
  return dir;
}

describe("archiveStackDir", () => {
  it("puts cdk.tf.json at the root and keeps assets' relative paths", async () => {
    const dir = stackDir({ "cdk.tf.json": '{"resource":{}}', "assets/fn/archive.zip": "zip" });
    const archive = archiveStackDir(dir);
    expect(archive.files).toEqual([
      { path: "assets/fn/archive.zip", bytes: 3 },
      { path: "cdk.tf.json", bytes: 15 },
    ]);
    const members = await listTarGz(archive.data);
    expect(members.get("cdk.tf.json")?.toString()).toBe('{"resource":{}}');
    expect(members.get("assets/fn/archive.zip")?.toString()).toBe("zip");
  });

  it("leaves out provider caches, state and plans", async () => {
    const dir = stackDir({
      "cdk.tf.json": "{}",
      ".terraform/providers/aws": "binary",
      "terraform.tfstate": "{}",
      "terraform.tfstate.backup": "{}",
      "plan.tfplan": "x",
      ".terraform.lock.hcl": "# lock",
    });
    expect([...(await listTarGz(archiveStackDir(dir).data)).keys()]).toEqual([".terraform.lock.hcl", "cdk.tf.json"]);
  });

  it("gives the same bytes for the same directory", () => {
    const a = stackDir({ "cdk.tf.json": "{}", "assets/x": "1" });
    const b = stackDir({ "assets/x": "1", "cdk.tf.json": "{}" });
    fs.utimesSync(path.join(b, "cdk.tf.json"), new Date(2001, 1, 1), new Date(2001, 1, 1));
    expect(archiveStackDir(a).data.equals(archiveStackDir(b).data)).toBe(true);
  });

  it("refuses a directory without cdk.tf.json", () => {
    const dir = stackDir({ "main.tf": "" });
    expect(() => archiveStackDir(dir)).toThrow(EdgeConfigError);
    expect(() => archiveStackDir(dir)).toThrow(/EDGE_TFC_STACK .*holds no cdk.tf.json/);
  });

  it("refuses symbolic links rather than following them out of the stack", () => {
    const dir = stackDir({ "cdk.tf.json": "{}" });
    fs.symlinkSync("/etc/hostname", path.join(dir, "link"));
    expect(() => archiveStackDir(dir)).toThrow(/EDGE_TFC_ARCHIVE .*only regular files and directories/);
  });
});

describe("ustar", () => {
  it("writes headers other tar readers accept, including long paths split into prefix and name", async () => {
    const long = `${"d".repeat(90)}/${"e".repeat(60)}/file-${"f".repeat(80)}.json`;
    const tar = ustar([
      { path: "dir", type: "directory" },
      { path: long, type: "file", data: Buffer.from("long") },
      { path: "run.sh", type: "file", data: Buffer.from("#!/bin/sh\n"), mode: 0o755 },
    ]);
    expect(tar.length % 512).toBe(0);
    const members = await listTarGz(tar);
    expect([...members.keys()]).toEqual(["dir/", long, "run.sh"]);
    expect(members.get(long)?.toString()).toBe("long");
    // Header checksum, as readers verify it.
    const header = tar.subarray(0, 512);
    const stored = Number.parseInt(header.subarray(148, 154).toString(), 8);
    const copy = Buffer.from(header);
    copy.fill(0x20, 148, 156);
    expect(stored).toBe(copy.reduce((sum, byte) => sum + byte, 0));
    expect(header.subarray(257, 263).toString()).toBe("ustar\0");
  });

  it("refuses paths it cannot store", () => {
    expect(() => ustar([{ path: "x".repeat(101), type: "file" }])).toThrow(/too long for ustar/);
    expect(() => ustar([{ path: "../escape", type: "file" }])).toThrow(/relative path inside the archive/);
    expect(() => ustar([{ path: "/abs", type: "file" }])).toThrow(/relative path inside the archive/);
  });

  it("ends with two zero blocks", () => {
    const tar = gunzipSync(archiveStackDir(stackDir({ "cdk.tf.json": "{}" })).data);
    expect(tar.subarray(-1024).every((b) => b === 0)).toBe(true);
  });
});
