/** One resource or data source of the synthesized stack, as Terraform will read it. */
export interface TerraformBlock {
  /** `aws_vpc.hub_vpc`, or `data.aws_iam_policy_document.x` for a data source. */
  readonly address: string;
  /** `managed` for resources, `data` for data sources. */
  readonly mode: "managed" | "data";
  /** Terraform type, e.g. `aws_vpc`. */
  readonly type: string;
  /** The name part of the address. */
  readonly name: string;
  /** The block's attributes with snake_case keys, `${…}` expressions for references; no `//` metadata. */
  readonly config: Readonly<Record<string, unknown>>;
  /** Construct path (from the `//` metadata), when the JSON carries it. */
  readonly path?: string;
}

/** The backend block of the stack, if any. */
export interface BackendBlock {
  /** `terraform.backend.s3`, or `terraform.cloud`. */
  readonly address: string;
  readonly type: string;
  readonly config: Readonly<Record<string, unknown>>;
}

/** A read-only view of a synthesized stack (`cdk.tf.json`) for rules. */
export interface StackView {
  /** Every resource and data source, in address order. */
  readonly blocks: readonly TerraformBlock[];
  readonly backend?: BackendBlock;
  /** Resources (not data sources) of one type. */
  resourcesOf(type: string): readonly TerraformBlock[];
  /** Data sources of one type. */
  dataOf(type: string): readonly TerraformBlock[];
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** Builds the view of a synthesized stack from its Terraform JSON. */
export function stackView(json: Readonly<Record<string, unknown>>): StackView {
  const blocks: TerraformBlock[] = [];
  const collect = (section: unknown, mode: "managed" | "data") => {
    if (!isObject(section)) return;
    for (const type of Object.keys(section).sort()) {
      const byName = section[type];
      if (!isObject(byName)) continue;
      for (const name of Object.keys(byName).sort()) {
        const raw = byName[name];
        if (!isObject(raw)) continue;
        const { ["//"]: meta, ...config } = raw;
        const path =
          isObject(meta) && isObject(meta.metadata) && typeof meta.metadata.path === "string"
            ? meta.metadata.path
            : undefined;
        blocks.push({
          address: `${mode === "data" ? "data." : ""}${type}.${name}`,
          mode,
          type,
          name,
          config,
          ...(path ? { path } : {}),
        });
      }
    }
  };
  collect(json.resource, "managed");
  collect(json.data, "data");

  let backend: BackendBlock | undefined;
  const terraform = isObject(json.terraform) ? json.terraform : {};
  if (isObject(terraform.backend)) {
    const [type] = Object.keys(terraform.backend);
    const config = terraform.backend[type];
    if (type && isObject(config)) backend = { address: `terraform.backend.${type}`, type, config };
  } else if (isObject(terraform.cloud)) {
    backend = { address: "terraform.cloud", type: "cloud", config: terraform.cloud };
  }

  const byKind = (mode: "managed" | "data", type: string) =>
    blocks.filter((b) => b.mode === mode && b.type === type);
  return {
    blocks,
    ...(backend ? { backend } : {}),
    resourcesOf: (type) => byKind("managed", type),
    dataOf: (type) => byKind("data", type),
  };
}
