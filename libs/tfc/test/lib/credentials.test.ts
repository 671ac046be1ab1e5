import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { findToken, requireToken, tokenVariableName } from "../../src/lib/credentials";

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "edge-tfc-creds-"));

describe("tokenVariableName", () => {
  it.each([
    ["app.terraform.io", "TF_TOKEN_app_terraform_io"],
    ["tfe.example.com", "TF_TOKEN_tfe_example_com"],
    ["tfe.example-corp.com", "TF_TOKEN_tfe_example__corp_com"],
  ])("%s -> %s", (host, name) => expect(tokenVariableName(host)).toBe(name));

  it("has no variable for a hostname with a port", () => expect(tokenVariableName("tfe.local:8443")).toBeUndefined());
});

describe("findToken", () => {
  it("reads the hostname's TF_TOKEN_ variable first", () => {
    const file = path.join(tmp(), "credentials.tfrc.json");
    fs.writeFileSync(file, JSON.stringify({ credentials: { "tfe.example.com": { token: "from-file" } } }));
    expect(findToken({ hostname: "tfe.example.com", env: { TF_TOKEN_tfe_example_com: "from-env" }, credentialsFile: file })).toEqual({
      token: "from-env",
      source: "TF_TOKEN_tfe_example_com",
    });
  });

  it("falls back to terraform's credentials file", () => {
    const home = tmp();
    fs.mkdirSync(path.join(home, ".terraform.d"));
    fs.writeFileSync(
      path.join(home, ".terraform.d", "credentials.tfrc.json"),
      JSON.stringify({ credentials: { "app.terraform.io": { token: "from-file" } } }),
    );
    const found = findToken({ env: { HOME: home, TF_TOKEN_tfe_example_com: "other host" } });
    expect(found).toEqual({ token: "from-file", source: path.join(home, ".terraform.d", "credentials.tfrc.json") });
  });

  it("says where to put a token when there is none, without a value", () => {
    expect(() => requireToken({ hostname: "tfe.example.com", env: { HOME: tmp() } })).toThrow(
      /EDGE_TFC_TOKEN at TF_TOKEN_tfe_example_com: no api token for tfe.example.com \(got nothing\); fix: set TF_TOKEN_tfe_example_com, or run terraform login tfe.example.com/,
    );
  });

  it("does not echo a broken credentials file, which holds secrets", () => {
    const file = path.join(tmp(), "credentials.tfrc.json");
    fs.writeFileSync(file, '{"credentials": {"app.terraform.io": {"token": "s3cret-value"');
    let message = "";
    try {
      findToken({ env: {}, credentialsFile: file });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/EDGE_TFC_CREDENTIALS .*not valid JSON/);
    expect(message).not.toContain("s3cret-value");
  });
});
