/**
 * An EdgeStack is resolved once per synth. cdktf 0.21's `TerraformStack.prepareStack()` resolves
 * every element in "preparing" mode only to register cross-stack references (cdktf docs, "Stacks:
 * cross-stack references": referencing a resource of another stack makes cdktf add an output to
 * that stack and a remote state data source to this one), and `toTerraform()` resolves every
 * element again and then the merged document a third time. EdgeStack's `prepareStack()` resolves
 * nothing, its `toTerraform()` resolves each element once in preparing mode, and the document must
 * come out exactly as cdktf's own `toTerraform()` gives it. Cross-stack references, which that mode
 * still detects, are refused: sites share values only through site-outputs contracts.
 */
import { DataAwsAvailabilityZones } from "@cdktf/provider-aws/lib/data-aws-availability-zones";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { App, Fn, TerraformOutput, TerraformStack, Testing } from "cdktf";
import { Construct } from "constructs";
import { EdgeConfigError, EdgeStack, resolveEnvironment } from "../src";
import { configError, FIXTURE_CATALOG, TEST_REPO_ROOT, testStack } from "../src/testing";

/** cdktf's own document for the stack, as the stock `TerraformStack` would write it. */
const cdktfOwn = (stack: TerraformStack): string => JSON.stringify(TerraformStack.prototype.toTerraform.call(stack));

/** A stack using every part of the document: outputs in nested scopes, data sources, token overrides. */
function busyStack(backend?: "tfc"): EdgeStack {
  const stack = testStack({
    site: "region-hub",
    env: "prod",
    ...(backend === "tfc"
      ? { environment: { backend: { type: "tfc", organization: "acme", workspacePrefix: "edge", project: "edge-sites" } } }
      : {}),
  });
  const zones = new DataAwsAvailabilityZones(stack, "zones", { state: "available" });
  const vpc = new Vpc(stack, "vpc", { cidrBlock: "10.0.0.0/16", tags: { Name: "hub" } });
  const group = new Construct(stack, "group");
  const subnet = new Subnet(group, "a", {
    vpcId: vpc.id,
    cidrBlock: Fn.cidrsubnet(vpc.cidrBlock, 8, 1),
    availabilityZone: Fn.element(zones.names, 0),
  });
  subnet.addOverride("tags.peer", vpc.arn);
  new TerraformOutput(group, "subnet-id", { value: subnet.id });
  new TerraformOutput(stack, "vpc-id", { value: vpc.id, description: "the hub VPC" });
  stack.addOverride("locals.zone_count", Fn.lengthOf(zones.names));
  return stack;
}

describe("resolving an EdgeStack", () => {
  it.each([["an S3 backend", undefined], ["Terraform Cloud", "tfc" as const]])(
    "gives exactly cdktf's own document, key order included, with %s",
    (_name, backend) => {
      const stack = busyStack(backend);
      expect(JSON.stringify(stack.toTerraform())).toBe(cdktfOwn(stack));
    },
  );

  it("resolves each element once in app.synth(), where cdktf resolves it twice", () => {
    const stack = busyStack();
    const vpc = stack.node.findChild("vpc") as Vpc;
    const ours = jest.spyOn(vpc, "toTerraform");
    App.of(stack).synth();
    expect(ours).toHaveBeenCalledTimes(1);

    // The stock path: prepareStack() and toTerraform() each ask the element for its block.
    const stock = busyStack();
    const stockVpc = stock.node.findChild("vpc") as Vpc;
    const counted = jest.spyOn(stockVpc, "toTerraform");
    TerraformStack.prototype.prepareStack.call(stock);
    TerraformStack.prototype.toTerraform.call(stock);
    expect(counted).toHaveBeenCalledTimes(2);
  });

  it("still gives the stack its backend in prepareStack()", () => {
    const app = Testing.app();
    const stack = new TerraformStackWithoutBackend(app);
    expect(stack.node.children.some((c) => c.node.id === "backend")).toBe(false);
    stack.prepareStack();
    expect(stack.node.children.some((c) => c.node.id === "backend")).toBe(true);
  });
});

/** An EdgeStack whose backend was taken away, as cdktf's local default would be needed. */
class TerraformStackWithoutBackend extends EdgeStack {
  constructor(app: App) {
    super(app, {
      site: "region-hub",
      environment: resolveEnvironment("dev", FIXTURE_CATALOG),
      layout: { repoRoot: TEST_REPO_ROOT, outdir: `${TEST_REPO_ROOT}/cdktf.out` },
    });
    this.node.tryRemoveChild(this.backend.node.id);
  }
}

describe("a reference to another stack's resource", () => {
  function twoStacks(): { app: App; hub: EdgeStack; zone: EdgeStack } {
    const app = Testing.app();
    const env = resolveEnvironment("dev", FIXTURE_CATALOG);
    const layout = { repoRoot: TEST_REPO_ROOT, outdir: `${TEST_REPO_ROOT}/cdktf.out` };
    const hub = new EdgeStack(app, { site: "region-hub", environment: env, layout });
    const zone = new EdgeStack(app, { site: "local-zone-bos", environment: env, layout });
    const vpc = new Vpc(hub, "vpc", { cidrBlock: "10.0.0.0/16" });
    new Subnet(zone, "zone-subnet", { vpcId: vpc.id, cidrBlock: "10.0.1.0/24" });
    return { app, hub, zone };
  }

  it("fails synth with EDGE_CROSS_STACK_REFERENCE naming both stacks and the attribute", () => {
    const { app } = twoStacks();
    const err = configError(() => app.synth());
    expect(err).toBeInstanceOf(EdgeConfigError);
    expect(err.code).toBe("EDGE_CROSS_STACK_REFERENCE");
    expect(err.path).toBe("local-zone-bos-dev");
    expect(err.value).toBe("aws_vpc.vpc.id");
    expect(err.problem).toBe(
      "local-zone-bos-dev uses aws_vpc.vpc.id of stack region-hub-dev directly; every stack is its own Terraform state " +
        "and deploys on its own, and cdktf would tie the two together with a hidden output and remote state",
    );
    expect(err.fix).toBe(
      "publish the value in region-hub's site-outputs contract (defineSiteOutputs in @edge/core) and read it in " +
        "local-zone-bos-dev with the contract's read(this)",
    );
  });

  it("adds no hidden output or remote state to either stack", () => {
    const { app, hub, zone } = twoStacks();
    expect(() => app.synth()).toThrow(EdgeConfigError);
    expect(hub.node.children.map((c) => c.node.id)).not.toContainEqual(expect.stringMatching(/^cross-stack/));
    expect(zone.node.children.map((c) => c.node.id)).not.toContainEqual(expect.stringMatching(/^cross-stack/));
  });
});
