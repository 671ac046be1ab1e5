import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import {
  Aspects,
  TerraformBackend,
  TerraformElement,
  TerraformStack,
  type TerraformOutput,
  type TerraformRemoteState,
} from "cdktf";
import type { Construct, IConstruct, Node } from "constructs";
import { PermissionsBoundaryAspect } from "./aspects/permissions-boundary";
import { RequiredTagsAspect } from "./aspects/required-tags";
import { addBackend, REQUIRED_TERRAFORM_VERSION, stateLocation, type OutputLayout } from "./backend";
import type { Environment } from "./environment";
import { ENVIRONMENT_CATALOG_FILE } from "./validation/config-sources";
import { EdgeConfigError } from "./errors";
import { MANAGED_BY, resourceName, stackName } from "./naming";
import { ZoneCatalog, zoneCatalog } from "./zone-catalog";
import { resolveStackJson, resolvingStack } from "./private/stack-json";

export { terraformElementsOf } from "./private/stack-json";

/** Props of {@link EdgeStack}. */
export interface EdgeStackProps {
  /** Site name, e.g. `region-hub` (for a site homed in several Regions, the instance name, e.g. `region-hub-us-west-2`). */
  readonly site: string;
  /** The site definition the stack instantiates. @default site */
  readonly definition?: string;
  /** The validated environment. */
  readonly environment: Environment;
  /** Repository root and final output directory, for relative local-state paths. */
  readonly layout: OutputLayout;
  /** Zone facts to consult. @default the shared catalog */
  readonly catalog?: ZoneCatalog;
}

const EDGE_STACK = Symbol.for("@edge/core.EdgeStack");

/**
 * One Terraform stack, and so one state, per site and environment, named `<site>-<env>`. It
 * configures the AWS provider (region, account guard, assume role, default tags) and exactly one
 * backend chosen by the environment, and applies the tag and permissions-boundary aspects. The
 * synth runner attaches the policy pack it is given (`StackPolicy.attach`).
 */
export class EdgeStack extends TerraformStack {
  /** The stack that contains `construct`. */
  static override of(construct: IConstruct): EdgeStack {
    const stack = TerraformStack.of(construct);
    if (!(EDGE_STACK in stack)) {
      throw new Error(`${construct.node.path} is not inside an EdgeStack`);
    }
    return stack as unknown as EdgeStack;
  }

  readonly site: string;
  /** The site definition: `site`, or what `site` is an instance of (`region-hub` for `region-hub-us-west-2`). */
  readonly definition: string;
  readonly environment: Environment;
  readonly layout: OutputLayout;
  readonly provider: AwsProvider;
  readonly backend: TerraformBackend;
  readonly catalog: ZoneCatalog;
  /** The tags the provider applies to every taggable resource. */
  readonly defaultTags: Readonly<Record<string, string>>;

  constructor(scope: Construct, props: EdgeStackProps) {
    super(scope, stackName(props.site, props.environment.name));
    Object.defineProperty(this, EDGE_STACK, { value: true });
    const env = props.environment;
    this.site = props.site;
    this.definition = props.definition ?? props.site;
    this.environment = env;
    this.layout = props.layout;
    this.catalog = props.catalog ?? zoneCatalog;
    this.defaultTags = {
      ...env.tags,
      site: props.site,
      environment: env.name,
      "managed-by": MANAGED_BY,
    };
    this.provider = new AwsProvider(this, "aws", {
      region: env.region,
      allowedAccountIds: [env.account],
      ...(env.assumeRoleArn
        ? { assumeRole: [{ roleArn: env.assumeRoleArn, sessionName: resourceName(props.site, env.name, ["deploy"]) }] }
        : {}),
      defaultTags: [{ tags: { ...this.defaultTags } }],
    });
    this.backend = addBackend(this, props.site, env, props.layout);
    // An older CLI then fails at init with "Unsupported Terraform Core version" naming this.
    this.addOverride("terraform.required_version", REQUIRED_TERRAFORM_VERSION);
    Aspects.of(this).add(new RequiredTagsAspect(this.defaultTags));
    if (env.permissionsBoundaryArn) {
      Aspects.of(this).add(new PermissionsBoundaryAspect(env.permissionsBoundaryArn));
    }
  }

  private readonly regionalProviders = new Map<string, AwsProvider>();

  /**
   * The AWS provider for `region`: the stack's own in its Region, else one aliased provider per
   * Region (alias = the Region) with the same account guard, deploy role and default tags, for
   * the few resources a stack owns on the far side of a cross-Region link (a transit gateway
   * peering's accepter and routes).
   */
  providerFor(region: string): AwsProvider {
    if (region === this.environment.region) return this.provider;
    const existing = this.regionalProviders.get(region);
    if (existing) return existing;
    const env = this.environment;
    const provider = new AwsProvider(this, `aws-${region}`, {
      alias: region,
      region,
      allowedAccountIds: [env.account],
      ...(env.assumeRoleArn
        ? { assumeRole: [{ roleArn: env.assumeRoleArn, sessionName: resourceName(this.site, env.name, ["deploy"]) }] }
        : {}),
      defaultTags: [{ tags: { ...this.defaultTags } }],
    });
    this.regionalProviders.set(region, provider);
    return provider;
  }

  private readonly addresses = new Map<string, string>();
  private readonly siteNotes: string[] = [];
  private resolved?: { readonly json: Record<string, unknown>; readonly constructs: number };
  private returned?: { readonly json: Record<string, unknown>; readonly constructs: number };

  /**
   * Hands over this stack's Terraform JSON that a validation has just resolved (the policy pack
   * resolves the stack to check it), so that synth writes that JSON instead of resolving every
   * token of the stack a second time. The next {@link toTerraform} returns it, once, if the tree
   * has not grown since; every other call resolves afresh. The caller guarantees the JSON is what
   * `toTerraform()` would return now (overrides it added included).
   */
  reuseResolved(json: Record<string, unknown>): void {
    this.resolved = { json, constructs: this.node.findAll().length };
  }

  /**
   * Only makes sure the stack has a backend. cdktf's own `prepareStack()` also resolves every
   * token of the stack, only to find references to other stacks' resources, and `toTerraform()`
   * then resolves them all again: here {@link toTerraform} resolves once, in the same preparing
   * mode, so such a reference is still found there (and refused, see
   * {@link registerIncomingCrossStackReference}).
   */
  override prepareStack(): void {
    this.ensureBackendExists();
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- cdktf's own signature
  override toTerraform(): any {
    const handed = this.resolved;
    this.resolved = undefined;
    const constructs = this.node.findAll().length;
    const json =
      handed && handed.constructs === constructs
        ? handed.json
        : resolveStackJson(this, (this as unknown as { rawOverrides: Record<string, unknown> }).rawOverrides);
    this.returned = { json, constructs };
    return json;
  }

  /**
   * Refuses a reference from another stack to one of this stack's resources. cdktf would add an
   * output here and a `terraform_remote_state` in the other stack, tying the two deploys together
   * behind the user's back; sites share values only through site-outputs contracts.
   */
  override registerOutgoingCrossStackReference(identifier: string): TerraformOutput {
    throw crossStackReference(resolvingStack(), this, identifier);
  }

  /** Refuses a reference from this stack to another stack's resource (see above). */
  override registerIncomingCrossStackReference(fromStack: TerraformStack): TerraformRemoteState {
    throw crossStackReference(this, fromStack, undefined);
  }

  /**
   * The Terraform JSON the last {@link toTerraform} returned: after `app.synth()`, what cdktf
   * wrote to `cdk.tf.json` (with its key order, not the file's sorted one), so checks that read
   * the synthesized stack (reachability, the synth table) do not resolve every token again.
   * Resolved afresh when there was no such call or the construct tree has grown since. Read it,
   * never change it.
   */
  synthesizedTerraform(): Readonly<Record<string, unknown>> {
    const returned = this.returned;
    if (returned && returned.constructs === this.node.findAll().length) return returned.json;
    return this.toTerraform() as Record<string, unknown>;
  }

  /**
   * Records a note for the people running synth (an uplink plan, a deploy-order reminder). The
   * synth command prints notes after the table, and only when the whole synth succeeded.
   */
  note(text: string): void {
    this.siteNotes.push(text);
  }

  /** Notes recorded with {@link note}, in order. */
  get notes(): readonly string[] {
    return this.siteNotes;
  }

  /**
   * Terraform addresses are the construct path below the stack joined with `_`, with no hash
   * suffix (`aws_subnet.hub_private-subnet-us-east-1a`): readable in plans, and stable as long as
   * construct ids are (renames need a `moved` block). Two paths that would give the same address
   * are a bug in a construct and fail loudly.
   */
  protected override allocateLogicalId(element: TerraformElement | Node): string {
    const node = TerraformElement.isTerraformElement(element) ? element.node : element;
    const scopes = node.scopes;
    const components = scopes.slice(scopes.indexOf(this) + 1).map((c) => c.node.id);
    const id = components.join("_").replace(/[^A-Za-z0-9_-]/g, "_");
    const owner = this.addresses.get(id);
    if (owner !== undefined && owner !== node.path) {
      throw new Error(`Terraform address ${id} is used by both ${owner} and ${node.path}; rename one construct`);
    }
    this.addresses.set(id, node.path);
    return /^[A-Za-z_]/.test(id) ? id : `_${id}`;
  }

  /** `<site>-<env>-<parts…>`: the physical name of a resource of this stack. */
  physicalName(...parts: string[]): string {
    return resourceName(this.site, this.environment.name, parts);
  }

  /**
   * This site's address block from the environment's plan (`network.sites.<site>`). Blocks of
   * one environment never overlap, so subnets carved from it cannot collide with another site's.
   */
  get addressBlock(): string {
    const block = this.environment.network.sites[this.definition];
    if (block === undefined) {
      const plan = this.environment.home ? `network.regions.${this.environment.region}.sites` : "network.sites";
      throw new EdgeConfigError({
        code: "EDGE_SITE_BLOCK",
        file: ENVIRONMENT_CATALOG_FILE,
        path: `environments.${this.environment.name}.${plan}.${this.definition}`,
        value: undefined,
        problem: `the environment reserves no address block for site ${this.definition}`,
        fix: `add a free block for ${this.definition} to ${plan} of environment ${this.environment.name}`,
      });
    }
    return block;
  }

  /** Where this stack's state lives, for tables and docs. */
  get stateLocation(): string {
    return stateLocation(this.site, this.environment);
  }
}

function crossStackReference(
  consumer: TerraformStack | undefined,
  origin: TerraformStack,
  identifier: string | undefined,
): EdgeConfigError {
  const producer = origin instanceof EdgeStack ? origin.definition : origin.node.id;
  const user = consumer?.node.id ?? "another stack";
  return new EdgeConfigError({
    code: "EDGE_CROSS_STACK_REFERENCE",
    path: consumer?.node.id ?? origin.node.id,
    value: identifier ?? `a resource of ${origin.node.id}`,
    problem:
      `${user} uses ${identifier ?? "a resource"} of stack ${origin.node.id} directly; every stack is its own ` +
      "Terraform state and deploys on its own, and cdktf would tie the two together with a hidden output and remote state",
    fix:
      `publish the value in ${producer}'s site-outputs contract (defineSiteOutputs in @edge/core) and read it in ` +
      `${user} with the contract's read(this)`,
  });
}
