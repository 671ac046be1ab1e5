import { configError, configErrors, synthJson, testStack } from "@edge/core/testing";
import { TerraformVariable } from "cdktf";
import { Outpost, type OutpostProps } from "../src";
import { expectConfigError } from "./expect-error";

const ARN = "arn:aws:outposts:us-east-1:111111111111:outpost/op-0f1e2d3c4b5a60001";
const base: OutpostProps = {
  arn: ARN,
  availabilityZone: "us-east-1a",
  instanceTypes: ["m5.xlarge", "c5.2xlarge"],
};

function build(props: Partial<OutpostProps> = {}) {
  const stack = testStack({ site: "outpost-factory" });
  const outpost = new Outpost(stack, "factory", { ...base, ...props });
  return { stack, outpost };
}

describe("Outpost lookups", () => {
  const { stack, outpost } = build({ racks: 2 });
  const json = synthJson(stack);

  it("looks the Outpost up by ARN and checks its availability zone at plan time", () => {
    expect(json.data?.aws_outposts_outpost).toEqual({
      factory_outpost: {
        arn: ARN,
        lifecycle: {
          postcondition: [
            {
              condition: '${self.availability_zone == "us-east-1a"}',
              error_message:
                "Outpost op-0f1e2d3c4b5a60001 is not homed to us-east-1a, the availability zone set at outpost.availabilityZone.",
            },
          ],
        },
      },
    });
  });

  it("checks the configured instance types against the Outpost's at plan time", () => {
    expect(json.data?.aws_outposts_outpost_instance_types).toEqual({
      "factory_instance-types": {
        arn: ARN,
        lifecycle: {
          postcondition: [
            {
              condition:
                '${length(setsubtract(["m5.xlarge","c5.2xlarge"], self.instance_types)) == 0}',
              error_message:
                "Outpost op-0f1e2d3c4b5a60001 does not offer every instance type listed at outpost.instanceTypes (m5.xlarge, c5.2xlarge).",
            },
          ],
        },
      },
    });
  });

  it("creates no resource", () => {
    expect(json.resource ?? {}).toEqual({});
  });

  it("gives placed resources one precondition, on the looked-up availability zone", () => {
    expect(outpost.placementPreconditions.map((p) => p.errorMessage)).toEqual([
      "Outpost op-0f1e2d3c4b5a60001 is not homed to us-east-1a; resources placed on it must be in its availability zone.",
    ]);
  });

  it("plans the uplinks for its rack count", () => {
    expect(outpost.outpostId).toBe("op-0f1e2d3c4b5a60001");
    expect(outpost.racks).toBe(2);
    expect(outpost.uplinkPlan.physicalPorts).toBe(4);
    expect(outpost.uplinkPlan.aceRack).toBe(false);
  });
});

describe("Outpost with an ARN known only at apply time", () => {
  it("checks the availability zone at synth and the rest at plan time", () => {
    const stack = testStack({ site: "outpost-factory" });
    const arn = new TerraformVariable(stack, "outpost_arn", { type: "string" }).stringValue;
    const outpost = new Outpost(stack, "factory", { ...base, arn });
    expect(outpost.outpostId).toBe("(unknown until apply)");
    const lookup = synthJson(stack).data?.aws_outposts_outpost.factory_outpost;
    expect(lookup.arn).toBe("${var.outpost_arn}");
    expect(lookup.lifecycle.postcondition[0].error_message).toBe(
      "The Outpost is not homed to us-east-1a, the availability zone set at outpost.availabilityZone.",
    );
    expectConfigError(
      configError(
        () => new Outpost(stack, "other", { ...base, arn, availabilityZone: "us-west-2a" }),
      ),
      "EDGE_ZONE_REGION",
      'EDGE_ZONE_REGION at outpost.availabilityZone: zone belongs to us-west-2, not to the stack\'s region us-east-1 (got "us-west-2a"); fix: use a zone of us-east-1 or deploy this site to us-west-2',
    );
  });
});

describe("Outpost instance types", () => {
  const { outpost } = build();

  it("offers the types it was ordered with", () => {
    expect(outpost.offersInstanceType("m5.xlarge")).toBe(true);
    expect(outpost.offersInstanceType("m5.large")).toBe(false);
    expect(() => outpost.requireInstanceType("c5.2xlarge", "hosts.instanceType")).not.toThrow();
  });

  it("rejects a type the Outpost has no capacity for", () => {
    expectConfigError(
      configError(() => outpost.requireInstanceType("g4dn.xlarge", "hosts.instanceType")),
      "EDGE_OUTPOST_INSTANCE_TYPE",
      'EDGE_OUTPOST_INSTANCE_TYPE at hosts.instanceType: the Outpost op-0f1e2d3c4b5a60001 has no g4dn.xlarge capacity: it offers only m5.xlarge, c5.2xlarge (got "g4dn.xlarge"); fix: use one of m5.xlarge, c5.2xlarge, or order g4dn.xlarge capacity and add it to outpost.instanceTypes',
    );
  });
});

describe("Outpost bad input", () => {
  const fail = (props: Partial<OutpostProps>) => configError(() => build(props));

  it("rejects a malformed Outpost ARN", () => {
    expectConfigError(
      fail({ arn: "arn:aws:outposts:us-east-1:111111111111:outpost/op-123" }),
      "EDGE_OUTPOST_ARN",
      'EDGE_OUTPOST_ARN at outpost.arn: not an Outpost ARN (got "arn:aws:outposts:us-east-1:111111111111:outpost/op-123"); fix: use arn:aws:outposts:us-east-1:<account>:outpost/op-<17 hex digits>',
    );
  });

  it("rejects an Outpost homed to another region", () => {
    expectConfigError(
      fail({ arn: "arn:aws:outposts:us-west-2:111111111111:outpost/op-0f1e2d3c4b5a60001" }),
      "EDGE_ZONE_REGION",
      'EDGE_ZONE_REGION at outpost.arn: outpost belongs to us-west-2, not to the stack\'s region us-east-1 (got "arn:aws:outposts:us-west-2:111111111111:outpost/op-0f1e2d3c4b5a60001"); fix: use an Outpost homed to us-east-1 or deploy this site to us-west-2',
    );
  });

  it("rejects a Local Zone as the Outpost's availability zone", () => {
    expectConfigError(
      fail({ availabilityZone: "us-east-1-bos-1a" }),
      "EDGE_ZONE_KIND",
      'EDGE_ZONE_KIND at outpost.availabilityZone: us-east-1-bos-1a is a Local Zone, expected an availability zone (got "us-east-1-bos-1a"); fix: put us-east-1-bos-1a in the Local Zone site\'s config, not here',
    );
  });

  it("rejects an empty instance type list", () => {
    expectConfigError(
      fail({ instanceTypes: [] }),
      "EDGE_OUTPOST_INSTANCE_TYPES",
      'EDGE_OUTPOST_INSTANCE_TYPES at outpost.instanceTypes: an Outpost offers only the instance types it was ordered with, and none are listed (got []); fix: list the instance types of the Outpost\'s capacity, e.g. ["m5.2xlarge", "c5.4xlarge"]',
    );
  });

  it("rejects a malformed or repeated instance type", () => {
    expect(
      configErrors(() => build({ instanceTypes: ["m5.xlarge", "m5", "m5.xlarge"] })).map(
        (e) => e.message,
      ),
    ).toEqual([
      'EDGE_OUTPOST_INSTANCE_TYPES at outpost.instanceTypes[1]: not an EC2 instance type name (got "m5"); fix: write it as family.size, for example "m5.2xlarge"',
      'EDGE_OUTPOST_INSTANCE_TYPES at outpost.instanceTypes[2]: m5.xlarge is already listed at outpost.instanceTypes[0] (got "m5.xlarge"); fix: list each instance type once',
    ]);
  });

  it("rejects a rack count that is not a whole number", () => {
    expectConfigError(
      fail({ racks: 2.5 }),
      "EDGE_OUTPOST_RACKS",
      "EDGE_OUTPOST_RACKS at outpost.racks: an Outpost has a whole number of compute racks, at least 1 (got 2.5); fix: give the number of compute racks ordered, not counting an ACE rack",
    );
  });

  it("reports every problem at once and creates nothing", () => {
    const stack = testStack({ site: "outpost-factory" });
    const errors = configErrors(
      () =>
        new Outpost(stack, "factory", {
          arn: "op-1",
          availabilityZone: "us-east-1a",
          instanceTypes: [],
          racks: 0,
          configPath: "environments.dev.outpost",
        }),
    );
    expect(errors.map((e) => `${e.code} ${e.path}`)).toEqual([
      "EDGE_OUTPOST_ARN environments.dev.outpost.arn",
      "EDGE_OUTPOST_INSTANCE_TYPES environments.dev.outpost.instanceTypes",
      "EDGE_OUTPOST_RACKS environments.dev.outpost.racks",
    ]);
    expect(stack.node.tryFindChild("factory")?.node.children ?? []).toEqual([]);
  });
});
