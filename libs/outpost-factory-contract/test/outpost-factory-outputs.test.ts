import { outputName } from "@edge/core";
import { outpostFactoryOutputs } from "../src";

// Readers find these values by Terraform output name in the producer's state (the
// terraform_remote_state data source exposes "outputs": "the root module output values", Terraform
// docs): renaming or dropping one breaks every reader's plan, so the names are pinned here.
describe("the outpost-factory outputs contract", () => {
  it("is published by outpost-factory", () => {
    expect(outpostFactoryOutputs.site).toBe("outpost-factory");
  });

  it("publishes these Terraform outputs, in this order", () => {
    expect(Object.keys(outpostFactoryOutputs.outputs).map(outputName)).toEqual([
      "outpost_arn",
      "outpost_availability_zone",
      "routing_mode",
      "subnet_ids",
      "subnet_cidrs",
      "route_table_ids",
      "local_gateway_id",
      "local_gateway_route_table_id",
      "customer_owned_ipv4_pool",
      "on_premises_cidrs",
      "instance_types",
      "placement_group_names",
    ]);
  });

  it("describes every output for the readers", () => {
    for (const spec of Object.values(outpostFactoryOutputs.outputs))
      expect(spec.description.length).toBeGreaterThan(10);
  });
});
