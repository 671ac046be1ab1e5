import { TerraformOutput } from "cdktf";
import { defineSiteOutputs, out, outputName, type EnvironmentInput } from "../src";
import { configErrors, synthJson, testStack } from "../src/testing";

const contract = defineSiteOutputs("producer", {
  vpcId: out.string("vpc"),
  subnetIds: out.list("subnets"),
  natGatewayIds: out.map("nat by az"),
});

describe("site outputs contract", () => {
  it("derives snake_case output names from the keys", () => {
    expect(outputName("natGatewayIds")).toBe("nat_gateway_ids");
  });

  it("publishes every output with its description", () => {
    const stack = testStack({ site: "producer" });
    contract.publish(stack, { vpcId: "vpc-1", subnetIds: ["a", "b"], natGatewayIds: { "us-east-1a": "nat-1" } });
    expect(synthJson(stack).output).toEqual({
      vpc_id: { value: "vpc-1", description: "vpc" },
      subnet_ids: { value: ["a", "b"], description: "subnets" },
      nat_gateway_ids: { value: { "us-east-1a": "nat-1" }, description: "nat by az" },
    });
  });

  it("refuses to publish another site's contract", () => {
    expect(() => contract.publish(testStack({ site: "consumer" }), { vpcId: "", subnetIds: [], natGatewayIds: {} })).toThrow(
      "site consumer cannot publish the outputs of producer",
    );
  });

  function readFrom(env: string, environment?: Partial<EnvironmentInput>) {
    const stack = testStack({ site: "consumer", env, environment });
    const read = contract.read(stack);
    // Use the values so they appear in the JSON.
    new TerraformOutput(stack, "used", {
      value: { vpc: read.vpcId, subnets: read.subnetIds, nat: read.natGatewayIds.get("us-east-1a") },
    });
    contract.read(stack); // a second read reuses the data source
    return synthJson(stack);
  }

  it("reads local state from the producer's state file", () => {
    const json = readFrom("dev");
    expect(json.data?.terraform_remote_state).toEqual({
      "producer-outputs": { backend: "local", config: { path: "../../../state/producer/dev.tfstate" } },
    });
    expect(json.output?.used.value).toEqual({
      vpc: "${data.terraform_remote_state.producer-outputs.outputs.vpc_id}",
      subnets: "${data.terraform_remote_state.producer-outputs.outputs.subnet_ids}",
      nat: '${data.terraform_remote_state.producer-outputs.outputs.nat_gateway_ids["us-east-1a"]}',
    });
  });

  // S3 stays an option for teams that deploy with the CLI (no shipped environment uses it).
  it("reads S3 state from the producer's key", () => {
    const json = readFrom("prod", { backend: { type: "s3", bucket: "edge-blueprints-tfstate-333333333333", region: "us-east-1" } });
    expect(json.data?.terraform_remote_state["producer-outputs"]).toEqual({
      backend: "s3",
      config: {
        bucket: "edge-blueprints-tfstate-333333333333",
        key: "producer/prod/terraform.tfstate",
        region: "us-east-1",
        encrypt: true,
      },
    });
  });

  // Shipped staging and prod are delivered by Terraform Cloud: a run reads the producer's
  // workspace through the `remote` backend (Terraform docs: language/state/remote-state-data,
  // "The remote backend": organization, hostname, workspaces.name), never a file outside the
  // uploaded configuration.
  it.each(["staging", "prod"])("reads the producer's workspace in the shipped %s environment", (env) => {
    const json = readFrom(env);
    expect(json.data?.terraform_remote_state["producer-outputs"]).toEqual({
      backend: "remote",
      config: { organization: "edge-blueprints", hostname: "app.terraform.io", workspaces: { name: `edge-producer-${env}` } },
    });
    expect(json.terraform?.cloud).toEqual({
      organization: "edge-blueprints",
      hostname: "app.terraform.io",
      workspaces: { name: `edge-consumer-${env}`, project: `edge-${env}` },
    });
    expect(JSON.stringify(json)).not.toContain("tfstate");
  });

  it("reads Terraform Cloud state from the producer's workspace", () => {
    const json = readFrom("staging", { backend: { type: "tfc", organization: "acme", workspacePrefix: "edge" } });
    expect(json.data?.terraform_remote_state["producer-outputs"]).toEqual({
      backend: "remote",
      config: { organization: "acme", hostname: "app.terraform.io", workspaces: { name: "edge-producer-staging" } },
    });
  });

  it("reads the producer's instance in another Region when asked, beside the one of its own Region", () => {
    const network = {
      vpcCidr: "10.10.0.0/16",
      sites: { producer: "10.10.0.0/20" },
      regions: { "us-west-2": { vpcCidr: "10.12.0.0/16", sites: { producer: "10.12.0.0/20", consumer: "10.12.16.0/20" } } },
    };
    const stack = testStack({ site: "consumer", env: "dev", region: "us-west-2", environment: { network } });
    const home = contract.read(stack, { region: "us-east-1" });
    const own = contract.read(stack);
    new TerraformOutput(stack, "used", { value: { home: home.vpcId, own: own.vpcId } });
    const json = synthJson(stack);
    expect(json.data?.terraform_remote_state).toEqual({
      "producer-us-east-1-outputs": { backend: "local", config: { path: "../../../state/producer/dev.tfstate" } },
      "producer-outputs": { backend: "local", config: { path: "../../../state/producer-us-west-2/dev.tfstate" } },
    });
    expect(json.output?.used.value).toEqual({
      home: "${data.terraform_remote_state.producer-us-east-1-outputs.outputs.vpc_id}",
      own: "${data.terraform_remote_state.producer-outputs.outputs.vpc_id}",
    });
    const nowhere = testStack({ site: "consumer", env: "dev", region: "us-west-2", environment: { network } });
    expect(configErrors(() => contract.read(nowhere, { region: "eu-west-1" })).map((e) => e.message)).toEqual([
      'EDGE_SITE_REGION at environments.dev.network: consumer reads producer in eu-west-1, where environment dev does not home it (it does in us-east-1, us-west-2) (got "eu-west-1"); fix: home producer in eu-west-1 (network.sites of an environment in eu-west-1, or network.regions.eu-west-1.sites), or read it in one of its Regions',
    ]);
  });
});
