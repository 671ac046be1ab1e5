import { outputName } from "@edge/core";
import { localZoneBosOutputs } from "../src";

// Readers find these values by Terraform output name in the producer's state (the
// terraform_remote_state data source exposes "outputs": "the root module output values", Terraform
// docs): renaming or dropping one breaks every reader's plan, so the names are pinned here.
describe("the local-zone-bos outputs contract", () => {
  it("is published by local-zone-bos", () => {
    expect(localZoneBosOutputs.site).toBe("local-zone-bos");
  });

  it("publishes these Terraform outputs, in this order", () => {
    expect(Object.keys(localZoneBosOutputs.outputs).map(outputName)).toEqual([
      "public_subnet_ids",
      "private_subnet_ids",
      "public_route_table_id",
      "private_route_table_ids",
      "nat_gateway_ids",
      "network_border_groups",
      "ebs_volume_types",
      "workload_security_group_id",
      "edge_endpoint_dns_name",
      "edge_endpoint_zone_id",
    ]);
  });

  it("describes every output for the readers", () => {
    for (const spec of Object.values(localZoneBosOutputs.outputs))
      expect(spec.description.length).toBeGreaterThan(10);
  });
});
