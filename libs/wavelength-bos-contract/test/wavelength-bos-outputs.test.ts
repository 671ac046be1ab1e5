import { outputName } from "@edge/core";
import { wavelengthBosOutputs } from "../src";

// Readers find these values by Terraform output name in the producer's state (the
// terraform_remote_state data source exposes "outputs": "the root module output values", Terraform
// docs): renaming or dropping one breaks every reader's plan, so the names are pinned here.
describe("the wavelength-bos outputs contract", () => {
  it("is published by wavelength-bos", () => {
    expect(wavelengthBosOutputs.site).toBe("wavelength-bos");
  });

  it("publishes these Terraform outputs, in this order", () => {
    expect(Object.keys(wavelengthBosOutputs.outputs).map(outputName)).toEqual([
      "vpc_id",
      "vpc_cidr",
      "zone_name",
      "carrier_gateway_id",
      "carrier_subnet_id",
      "carrier_route_table_id",
      "private_subnet_id",
      "region_subnet_ids",
      "host_security_group_id",
      "launch_template_id",
      "dns_record_name",
      "carrier_client_cidrs",
    ]);
  });

  it("describes every output for the readers", () => {
    for (const spec of Object.values(wavelengthBosOutputs.outputs))
      expect(spec.description.length).toBeGreaterThan(10);
  });
});
