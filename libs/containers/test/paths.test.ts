import { RouteTable } from "@cdktf/provider-aws/lib/route-table";
import { RouteTableAssociation } from "@cdktf/provider-aws/lib/route-table-association";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { checkStackPaths } from "@edge/core";
import { synthJson, testStack } from "@edge/core/testing";
import { CONTAINER_INSTANCE_CALLS, EdgeContainerCluster, EdgeContainerService } from "../src";
import { IMAGE, OUTPOST, OUTPOST_ARN } from "./fixtures";

/**
 * The instances' and tasks' calls are declared needs: synth proves a path for each from the
 * subnets (docs/network-paths.md). An Outpost subnet whose route table has no default route
 * through the service link reaches none of them.
 */
function outpostWithoutRegionRoute() {
  const stack = testStack({ site: "outpost-factory" });
  const vpc = new Vpc(stack, "vpc", { cidrBlock: "10.10.0.0/16" });
  const subnet = new Subnet(stack, "line", {
    vpcId: vpc.id,
    cidrBlock: "10.10.64.0/24",
    availabilityZone: "us-east-1a",
    outpostArn: OUTPOST_ARN,
  });
  const table = new RouteTable(stack, "line-table", { vpcId: vpc.id });
  new RouteTableAssociation(stack, "line-association", {
    subnetId: subnet.id,
    routeTableId: table.id,
  });
  const cluster = new EdgeContainerCluster(stack, "containers", {
    vpcId: vpc.id,
    capacity: {
      subnets: [{ subnetId: subnet.id, zone: "us-east-1a", outpostArn: OUTPOST_ARN }],
      instanceType: "m5.xlarge",
      outpost: OUTPOST,
    },
  });
  new EdgeContainerService(stack, "collector", {
    cluster,
    image: IMAGE,
    containerPort: 9090,
    cpu: 256,
    memoryMiB: 512,
    desiredCount: 1,
    networkMode: "bridge",
    secrets: { DB_PASSWORD: { ssmParameter: "/outpost-factory/dev/db-password" } },
  });
  synthJson(stack);
  return checkStackPaths(stack);
}

describe("container paths", () => {
  it("fails every call of the instances and tasks from an Outpost subnet without a Region route: EDGE_PATH_OUTPOST_REGION", () => {
    const { report } = outpostWithoutRegionRoute();
    const missing = report.missing.map((m) => [m.workload, m.need, m.code]);
    expect(missing).toEqual([
      ...CONTAINER_INSTANCE_CALLS.map((c) => [
        "outpost-factory-dev/containers",
        c,
        "EDGE_PATH_OUTPOST_REGION",
      ]),
      ["outpost-factory-dev/collector", "ssm", "EDGE_PATH_OUTPOST_REGION"],
    ]);
    const ecs = report.missing.find((m) => m.need === "ecs")!;
    expect(ecs.missing).toBe(
      "an interface endpoint for ecs, or 0.0.0.0/0 -> the hub's NAT gateway (through the service link), or -> the local gateway when the on-premises network is the egress",
    );
    expect(ecs.problem).toBe(
      "the outpost subnet has no path to the region: no default route through the service link and no endpoint for this service",
    );
  });

  it("fails the task's secret call (SSM) with the message synth prints", () => {
    const { failures } = outpostWithoutRegionRoute();
    const ssm = failures.find((f) => f.includes('call "ssm"'))!;
    expect(ssm.split("\n").slice(0, 4)).toEqual([
      "outpost-factory-dev: error EDGE_PATH_OUTPOST_REGION at outpost-factory-dev/collector",
      '  call "ssm" from aws_subnet.line (outpost), route table aws_route_table.line-table: the outpost subnet has no path to the region: no default route through the service link and no endpoint for this service',
      "  missing: an interface endpoint for ssm, or 0.0.0.0/0 -> the hub's NAT gateway (through the service link), or -> the local gateway when the on-premises network is the egress",
      "  fix:     give the outpost subnets the hub's nat gateway in the outpost's availability zone as their region egress (OutpostSubnets regionEgress), or set defaultRouteToLocalGateway when the factory network carries internet traffic",
    ]);
  });
});
