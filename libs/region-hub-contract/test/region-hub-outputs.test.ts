import { outputName } from "@edge/core";
import { regionHubOutputs } from "../src";

// Readers find these values by Terraform output name in the producer's state (the
// terraform_remote_state data source exposes "outputs": "the root module output values", Terraform
// docs): renaming or dropping one breaks every reader's plan, so the names are pinned here.
describe("the region-hub outputs contract", () => {
  it("is published by region-hub", () => {
    expect(regionHubOutputs.site).toBe("region-hub");
  });

  it("publishes these Terraform outputs, in this order", () => {
    expect(Object.keys(regionHubOutputs.outputs).map(outputName)).toEqual([
      "vpc_id",
      "vpc_cidr",
      "internet_gateway_id",
      "public_subnet_ids",
      "private_subnet_ids",
      "public_route_table_id",
      "private_route_table_ids",
      "nat_gateway_ids",
      // Added for the edge sites' route tables (Local Zone, Outpost) to join the hub's S3 gateway endpoint.
      "s3_gateway_endpoint_id",
      "instance_connect_security_group_id",
      "transit_gateway_id",
      // Added for a hub in another Region of the environment to peer with this one (peerWithHome).
      "transit_gateway_route_table_id",
      "multicast_domain_id",
      "multicast_member_security_group_id",
      "edge_endpoint_dns_name",
      "edge_endpoint_zone_id",
    ]);
  });

  it("describes every output for the readers", () => {
    for (const spec of Object.values(regionHubOutputs.outputs))
      expect(spec.description.length).toBeGreaterThan(10);
  });
});
