/**
 * One resource instance of the plan, addressed as Terraform addresses it (`aws_x.name`,
 * `aws_x.name[0]`, `aws_x.name["key"]`, `module.m.aws_x.name[0]`). Its body is Terraform JSON whose
 * values the loader has already evaluated: literals (a literal `${` written `$${`), whole references
 * `${<address>.<attribute>}` where a value comes from another instance, and `${unknown(<addresses>)}`
 * where it is known only after apply (see `expand.ts` and `show-json.ts`).
 */
export interface ResourceNode {
  /** `aws_rds_cluster.Orders_A9B65338`, `aws_rds_cluster_instance.this["one"]`, `data.aws_x.name`, `module.db.aws_x.y[0]`. */
  readonly address: string;
  readonly mode: "managed" | "data";
  readonly type: string;
  /** The block's name, without index or module. */
  readonly name: string;
  /** The `count` index or `for_each` key of this instance. */
  readonly index?: number | string;
  /** `module.db` (or `module.a.module.b`) for a child module's resource; empty at the root. */
  readonly module: string;
  /** Where the block is in the user's file, as a JSON path (for messages). */
  readonly path: string;
  /** The instance's attributes as Terraform JSON (see the file comment). */
  readonly body: Readonly<Record<string, unknown>>;
  /** The region the instance is created in, when the plan fixes it (provider alias, `region` argument, provider block). */
  readonly region?: string;
  /** The provider configuration the instance uses (`aws`, `aws.west`): whose `default_tags` it carries. @default "aws" */
  readonly provider?: string;
}

/** `aws_x.y` + index → `aws_x.y[0]` / `aws_x.y["key"]`, as Terraform prints instance addresses. */
export function instanceAddress(base: string, index: number | string | undefined): string {
  if (index === undefined) return base;
  return typeof index === "number" ? `${base}[${index}]` : `${base}[${JSON.stringify(index)}]`;
}

/** A name safe for ids and actor names: `aws_rds_cluster_instance.this["one"]` → `this-one`, `module.db.aws_x.y[0]` → `db-y-0`. */
export function shortName(address: string): string {
  const parts: string[] = [];
  const re =
    /module\.([A-Za-z0-9_-]+)(?:\[("(?:[^"\\]|\\.)*"|\d+)\])?\.|(?:data\.)?[A-Za-z0-9_]+\.([A-Za-z0-9_-]+)(?:\[("(?:[^"\\]|\\.)*"|\d+)\])?$/g;
  for (const m of address.matchAll(re)) {
    const name = m[1] ?? m[3];
    const index = m[2] ?? m[4];
    if (name) parts.push(name);
    if (index) parts.push(index.startsWith('"') ? (JSON.parse(index) as string) : index);
  }
  const text = (parts.length ? parts.join("-") : (address.split(".").at(-1) ?? address)).toLowerCase();
  return text.replace(/[^a-z0-9-]+/g, "-").replace(/^-+|-+$/g, "") || "resource";
}
