/**
 * Terraform JSON string expressions, as cdktf emits them: `${aws_x.name.attr}` references,
 * templates mixing literals and references, and function calls (kept opaque: their value is
 * known only after apply). `$${` is Terraform's escape for a literal `${`.
 */

/** A reference to a resource (or `data.` source) attribute. */
export interface ResourceRef {
  readonly kind: "resource" | "data";
  readonly type: string;
  readonly name: string;
  /** `arn`, `endpoint`, `subnet_ids[0]`…; empty for a whole-resource reference (`depends_on`). */
  readonly attribute: string;
}

/** A reference to something that is not a resource: `var.x`, `local.x`, `module.x.y`, `path.module`… */
export interface OtherRef {
  readonly kind: "var" | "local" | "module" | "other";
  readonly name: string;
}

export type Ref = ResourceRef | OtherRef;

export type TemplatePart =
  | { readonly kind: "literal"; readonly text: string }
  | { readonly kind: "ref"; readonly ref: Ref; readonly source: string }
  | { readonly kind: "expression"; readonly source: string; readonly refs: readonly Ref[] };

const NAME = "[A-Za-z_][A-Za-z0-9_-]*";
const SIMPLE_REF = new RegExp(`^(data\\.)?(${NAME})\\.(${NAME})((?:\\.[A-Za-z0-9_*-]+|\\[[^\\]]*\\])*)$`);
const REF_IN_EXPRESSION = new RegExp(`(?<![A-Za-z0-9_."-])(data\\.)?(aws_[a-z0-9_]+|${NAME})\\.(${NAME})`, "g");
const NON_RESOURCE_ROOTS: Readonly<Record<string, OtherRef["kind"]>> = {
  var: "var",
  local: "local",
  module: "module",
  path: "other",
  terraform: "other",
  each: "other",
  count: "other",
  self: "other",
};

/** True when the string holds at least one `${...}` interpolation. */
export function hasInterpolation(s: string): boolean {
  return /(^|[^$])\$\{/.test(s);
}

/** Splits a string into literal text, references and opaque expressions. */
export function parseTemplate(s: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let text = "";
  let i = 0;
  while (i < s.length) {
    if (s.startsWith("$${", i)) {
      text += "${";
      i += 3;
      continue;
    }
    if (s.startsWith("${", i)) {
      const end = matchingBrace(s, i + 2);
      if (end < 0) {
        text += s.slice(i);
        break;
      }
      if (text) parts.push({ kind: "literal", text });
      text = "";
      parts.push(classify(s.slice(i + 2, end).trim()));
      i = end + 1;
      continue;
    }
    text += s[i];
    i++;
  }
  if (text) parts.push({ kind: "literal", text });
  return parts;
}

function matchingBrace(s: string, from: number): number {
  let depth = 1;
  let quote = false;
  for (let j = from; j < s.length; j++) {
    const c = s[j];
    if (quote) {
      if (c === "\\") j++;
      else if (c === '"') quote = false;
    } else if (c === '"') quote = true;
    else if (c === "{") depth++;
    else if (c === "}" && --depth === 0) return j;
  }
  return -1;
}

function classify(source: string): TemplatePart {
  const ref = parseSimpleRef(source);
  if (ref) return { kind: "ref", ref, source };
  return { kind: "expression", source, refs: refsInExpression(source) };
}

function parseSimpleRef(source: string): Ref | undefined {
  const m = SIMPLE_REF.exec(source);
  if (!m) return undefined;
  const [, data, root = "", name = "", rest = ""] = m;
  if (!data && root in NON_RESOURCE_ROOTS) return { kind: NON_RESOURCE_ROOTS[root] as OtherRef["kind"], name };
  return { kind: data ? "data" : "resource", type: root, name, attribute: rest.replace(/^\./, "") };
}

function refsInExpression(source: string): Ref[] {
  const withoutStrings = source.replace(/"(?:[^"\\]|\\.)*"/g, '""');
  const refs: Ref[] = [];
  for (const m of withoutStrings.matchAll(REF_IN_EXPRESSION)) {
    const [, data, root = "", name = ""] = m;
    if (!data && root in NON_RESOURCE_ROOTS) refs.push({ kind: NON_RESOURCE_ROOTS[root] as OtherRef["kind"], name });
    else if (data || root.includes("_")) refs.push({ kind: data ? "data" : "resource", type: root, name, attribute: "" });
  }
  return refs;
}

/** `aws_x.name` or `data.aws_x.name`: the address Terraform uses for the referenced block. */
export function refAddress(ref: ResourceRef): string {
  return `${ref.kind === "data" ? "data." : ""}${ref.type}.${ref.name}`;
}
