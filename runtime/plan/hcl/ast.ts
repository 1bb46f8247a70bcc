/**
 * The syntax tree of Terraform's expression language (HCL native syntax), as it appears inside the
 * `${...}` of Terraform JSON strings.
 * @see https://developer.hashicorp.com/terraform/language/expressions
 */
import type { Value } from "./values";

export type Expr =
  | { readonly k: "lit"; readonly v: Value }
  /** A string template: literal text, interpolations and `%{if}`/`%{for}` directives. */
  | { readonly k: "tpl"; readonly parts: readonly TemplatePart[] }
  /** A root name: `var`, `local`, `each`, `count`, a resource type, a `for` variable… */
  | { readonly k: "name"; readonly name: string; readonly start: number; readonly end: number }
  | { readonly k: "attr"; readonly obj: Expr; readonly name: string; readonly end: number }
  | { readonly k: "index"; readonly obj: Expr; readonly key: Expr; readonly end: number }
  /** `x[*].a` / `x.*.a`: `each` is evaluated for every element, which it reads as `item`. */
  | { readonly k: "splat"; readonly obj: Expr; readonly each: Expr }
  /** The element a splat is evaluating. */
  | { readonly k: "item" }
  | { readonly k: "call"; readonly name: string; readonly args: readonly Expr[]; readonly expand: boolean }
  | { readonly k: "tuple"; readonly items: readonly Expr[] }
  | { readonly k: "object"; readonly items: readonly { readonly key: Expr; readonly value: Expr }[] }
  | {
      readonly k: "for";
      readonly kind: "tuple" | "object";
      readonly keyVar?: string;
      readonly valueVar: string;
      readonly collection: Expr;
      readonly keyExpr?: Expr;
      readonly valueExpr: Expr;
      readonly cond?: Expr;
      readonly group: boolean;
    }
  | { readonly k: "cond"; readonly cond: Expr; readonly yes: Expr; readonly no: Expr }
  | { readonly k: "bin"; readonly op: string; readonly left: Expr; readonly right: Expr }
  | { readonly k: "un"; readonly op: "!" | "-"; readonly e: Expr };

export type TemplatePart =
  | string
  | { readonly k: "interp"; readonly e: Expr }
  | { readonly k: "if"; readonly cond: Expr; readonly yes: readonly TemplatePart[]; readonly no: readonly TemplatePart[] }
  | {
      readonly k: "forT";
      readonly keyVar?: string;
      readonly valueVar: string;
      readonly collection: Expr;
      readonly body: readonly TemplatePart[];
    };
