import type { TerraformJson } from "./terraform-json";

/** One `resource` or `data` block of the plan, addressed as Terraform addresses it. */
export interface ResourceNode {
  /** `aws_rds_cluster.Orders_A9B65338`, or `data.aws_x.name` for data sources. */
  readonly address: string;
  readonly mode: "managed" | "data";
  readonly type: string;
  readonly name: string;
  /** The attributes as written in the plan (references unresolved). */
  readonly body: Readonly<Record<string, unknown>>;
}

/** Every resource and data block by address, in document order. */
export function indexResources(doc: TerraformJson): Map<string, ResourceNode> {
  const nodes = new Map<string, ResourceNode>();
  for (const [mode, section] of [
    ["managed", doc.resource],
    ["data", doc.data],
  ] as const) {
    for (const [type, byName] of Object.entries(section ?? {})) {
      for (const [name, body] of Object.entries(byName)) {
        const address = `${mode === "data" ? "data." : ""}${type}.${name}`;
        nodes.set(address, { address, mode, type, name, body });
      }
    }
  }
  return nodes;
}
