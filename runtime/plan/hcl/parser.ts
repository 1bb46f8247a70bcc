/**
 * A parser for Terraform's expression language: templates (the strings of Terraform JSON, with
 * `${...}` interpolations and `%{if}`/`%{for}` directives) and the expressions inside them.
 * @see https://github.com/hashicorp/hcl/blob/main/hclsyntax/spec.md
 */

import type { Expr, TemplatePart } from "./ast";
import { EXPRESSION_DEPTH_MAX, NestingError } from "./nesting";

export class ParseError extends Error {
  override readonly name = "ParseError";
}

const BINARY: readonly (readonly string[])[] = [["||"], ["&&"], ["==", "!="], ["<", ">", "<=", ">="], ["+", "-"], ["*", "/", "%"]];
const OPERATORS = [
  "...",
  "=>",
  "==",
  "!=",
  "<=",
  ">=",
  "&&",
  "||",
  "+",
  "-",
  "*",
  "/",
  "%",
  "<",
  ">",
  "!",
  "?",
  ":",
  "=",
  ".",
  ",",
  "[",
  "]",
  "(",
  ")",
  "{",
  "}",
];
const OPERATOR_START = new Set(OPERATORS.map((o) => o[0] as string));

/** A JSON string of a Terraform JSON document, read as a template. A string without `${`/`%{` is a literal. */
export function parseJsonTemplate(source: string): Expr {
  // Most strings of a plan are plain text: no template to parse.
  if (!source.includes("{")) return { k: "lit", v: source };
  const known = PARSED.get(source);
  if (known) return known;
  const p = new Parser(source);
  const e = simplifyTemplate(p.templateParts("json"));
  // A plan repeats its expressions (every instance of a resource, every check): parse each once.
  if (PARSED.size >= PARSED_MAX) PARSED.clear();
  PARSED.set(source, e);
  return e;
}

/** Parsed templates by source (the syntax tree is immutable, so it is shared). */
const PARSED = new Map<string, Expr>();
const PARSED_MAX = 50_000;

/** One expression (no surrounding `${}`), e.g. a variable's `type` or a `for_each` written in HCL. */
export function parseExpression(source: string): Expr {
  const p = new Parser(source);
  const e = p.expression();
  p.skipSpace();
  if (p.pos < source.length) throw p.error("unexpected text after the expression");
  return e;
}

/** `"${x}"` is x itself (not its string form), as in Terraform. */
function simplifyTemplate(parts: readonly TemplatePart[]): Expr {
  const [only] = parts;
  if (parts.length === 1 && typeof only === "object" && only.k === "interp") return only.e;
  if (parts.every((p) => typeof p === "string")) return { k: "lit", v: parts.join("") };
  return { k: "tpl", parts };
}

const isIdStart = (c: string | undefined) => c !== undefined && /[A-Za-z_]/.test(c);
const isIdPart = (c: string | undefined) => c !== undefined && /[A-Za-z0-9_-]/.test(c);

class Parser {
  pos = 0;
  /** How many expressions are open around the one being parsed (see nesting.ts). */
  private depth = 0;

  constructor(readonly src: string) {}

  error(message: string): ParseError {
    return new ParseError(`${message} at offset ${this.pos} of "${this.src.length > 120 ? `${this.src.slice(0, 117)}...` : this.src}"`);
  }

  // ---- templates -------------------------------------------------------------------------

  /**
   * Template parts until the end (`json`), the closing quote (`quoted`), or a directive keyword
   * (`%{else}`, `%{endif}`, `%{endfor}`) that the caller consumes.
   */
  templateParts(mode: "json" | "quoted", stopAt: readonly string[] = []): TemplatePart[] {
    const parts: TemplatePart[] = [];
    let text = "";
    const flush = () => {
      if (text) parts.push(text);
      text = "";
    };
    while (this.pos < this.src.length) {
      const c = this.src[this.pos] as string;
      if (mode === "quoted" && c === '"') break;
      if (mode === "quoted" && c === "\\") {
        text += this.escape();
        continue;
      }
      if (this.src.startsWith("$${", this.pos) || this.src.startsWith("%%{", this.pos)) {
        text += `${c}{`;
        this.pos += 3;
        continue;
      }
      if (this.src.startsWith("${", this.pos)) {
        this.pos += 2;
        const stripBefore = this.eat("~");
        if (stripBefore) text = text.trimEnd();
        flush();
        const e = this.expression();
        this.skipSpace();
        const stripAfter = this.eat("~");
        this.expect("}");
        parts.push({ k: "interp", e });
        if (stripAfter) this.skipSpace();
        continue;
      }
      if (this.src.startsWith("%{", this.pos)) {
        const save = this.pos;
        this.pos += 2;
        this.eat("~");
        this.skipSpace();
        const word = this.identifier();
        if (stopAt.includes(word)) {
          this.pos = save;
          flush();
          return parts;
        }
        flush();
        if (word === "if") parts.push(this.ifDirective(mode));
        else if (word === "for") parts.push(this.forDirective(mode));
        else throw this.error(`unknown template directive %{${word}}`);
        continue;
      }
      text += c;
      this.pos++;
    }
    flush();
    return parts;
  }

  private directiveEnd(): void {
    this.skipSpace();
    if (this.eat("~")) {
      this.expect("}");
      this.skipSpace();
    } else this.expect("}");
  }

  private keyword(word: string): void {
    this.expect("%{");
    this.eat("~");
    this.skipSpace();
    const w = this.identifier();
    if (w !== word) throw this.error(`expected %{${word}}, found %{${w}}`);
    this.directiveEnd();
  }

  private ifDirective(mode: "json" | "quoted"): TemplatePart {
    const cond = this.expression();
    this.directiveEnd();
    const yes = this.templateParts(mode, ["else", "endif"]);
    let no: TemplatePart[] = [];
    if (this.peekDirective() === "else") {
      this.keyword("else");
      no = this.templateParts(mode, ["endif"]);
    }
    this.keyword("endif");
    return { k: "if", cond, yes, no };
  }

  private forDirective(mode: "json" | "quoted"): TemplatePart {
    const head = this.forVariables();
    this.directiveEnd();
    const body = this.templateParts(mode, ["endfor"]);
    this.keyword("endfor");
    return { k: "forT", ...head, body };
  }

  private peekDirective(): string | undefined {
    const save = this.pos;
    if (!this.src.startsWith("%{", this.pos)) return undefined;
    this.pos += 2;
    this.eat("~");
    this.skipSpace();
    const w = this.identifier();
    this.pos = save;
    return w;
  }

  private escape(): string {
    const next = this.src[this.pos + 1];
    this.pos += 2;
    switch (next) {
      case "n":
        return "\n";
      case "r":
        return "\r";
      case "t":
        return "\t";
      case '"':
        return '"';
      case "\\":
        return "\\";
      case "u": {
        const hex = this.src.slice(this.pos, this.pos + 4);
        this.pos += 4;
        return String.fromCharCode(Number.parseInt(hex, 16));
      }
      case "U": {
        const hex = this.src.slice(this.pos, this.pos + 8);
        this.pos += 8;
        return String.fromCodePoint(Number.parseInt(hex, 16));
      }
      default:
        throw this.error(`unknown escape \\${next}`);
    }
  }

  // ---- expressions -----------------------------------------------------------------------

  expression(): Expr {
    if (this.depth >= EXPRESSION_DEPTH_MAX)
      throw new NestingError(`an expression nests deeper than ${EXPRESSION_DEPTH_MAX} levels (at offset ${this.pos})`);
    this.depth++;
    try {
      return this.conditional();
    } finally {
      this.depth--;
    }
  }

  private conditional(): Expr {
    const cond = this.binary(0);
    this.skipSpace();
    if (this.peekOp() === "?") {
      this.pos++;
      const yes = this.expression();
      this.skipSpace();
      this.expect(":");
      const no = this.expression();
      return { k: "cond", cond, yes, no };
    }
    return cond;
  }

  private binary(level: number): Expr {
    if (level >= BINARY.length) return this.unary();
    let left = this.binary(level + 1);
    for (;;) {
      this.skipSpace();
      const op = this.peekOp();
      if (!op || !(BINARY[level] as readonly string[]).includes(op)) return left;
      this.pos += op.length;
      const right = this.binary(level + 1);
      left = { k: "bin", op, left, right };
    }
  }

  private unary(): Expr {
    this.skipSpace();
    const op = this.peekOp();
    if (op === "!" || op === "-") {
      this.pos++;
      if (this.depth >= EXPRESSION_DEPTH_MAX)
        throw new NestingError(`an expression nests deeper than ${EXPRESSION_DEPTH_MAX} levels (at offset ${this.pos})`);
      this.depth++;
      try {
        return { k: "un", op, e: this.unary() };
      } finally {
        this.depth--;
      }
    }
    return this.postfix(this.primary());
  }

  private postfix(start: Expr): Expr {
    let e = start;
    for (;;) {
      this.skipSpace();
      if (this.src.startsWith(".*", this.pos)) {
        this.pos += 2;
        e = { k: "splat", obj: e, each: this.splatTail(true) };
      } else if (this.src.startsWith("[*]", this.pos) || /^\[\s*\*\s*\]/.test(this.src.slice(this.pos, this.pos + 8))) {
        this.pos = this.src.indexOf("]", this.pos) + 1;
        e = { k: "splat", obj: e, each: this.splatTail(false) };
      } else if (this.src[this.pos] === "." && this.src[this.pos + 1] !== ".") {
        this.pos++;
        this.skipSpace();
        const name = /\d/.test(this.src[this.pos] ?? "") ? this.digits() : this.identifier();
        e = /^\d+$/.test(name)
          ? { k: "index", obj: e, key: { k: "lit", v: Number(name) }, end: this.pos }
          : { k: "attr", obj: e, name, end: this.pos };
      } else if (this.src[this.pos] === "[") {
        this.pos++;
        const key = this.expression();
        this.skipSpace();
        this.expect("]");
        e = { k: "index", obj: e, key, end: this.pos };
      } else return e;
    }
  }

  /** The traversal after a splat, applied to each element; an attribute-only splat (`.*`) takes no index. */
  private splatTail(attributesOnly: boolean): Expr {
    let e: Expr = { k: "item" };
    for (;;) {
      if (this.src[this.pos] === "." && isIdStart(this.src[this.pos + 1])) {
        this.pos++;
        e = { k: "attr", obj: e, name: this.identifier(), end: this.pos };
      } else if (!attributesOnly && this.src[this.pos] === "[" && this.src[this.pos + 1] !== "*") {
        this.pos++;
        const key = this.expression();
        this.skipSpace();
        this.expect("]");
        e = { k: "index", obj: e, key, end: this.pos };
      } else return e;
    }
  }

  private primary(): Expr {
    this.skipSpace();
    const c = this.src[this.pos];
    if (c === undefined) throw this.error("unexpected end of expression");
    if (c === '"') {
      this.pos++;
      const parts = this.templateParts("quoted");
      this.expect('"');
      return parts.every((p) => typeof p === "string") ? { k: "lit", v: parts.join("") } : { k: "tpl", parts };
    }
    if (c === "<" && this.src.startsWith("<<", this.pos)) return this.heredoc();
    if (/\d/.test(c)) return { k: "lit", v: this.number() };
    if (c === "(") {
      this.pos++;
      const e = this.expression();
      this.skipSpace();
      this.expect(")");
      return e;
    }
    if (c === "[") return this.tupleOrFor();
    if (c === "{") return this.objectOrFor();
    if (isIdStart(c)) {
      const start = this.pos;
      const name = this.identifier();
      if (name === "true" || name === "false") return { k: "lit", v: name === "true" };
      if (name === "null") return { k: "lit", v: null };
      this.skipSpaceNoNewline();
      if (this.src[this.pos] === "(") return this.call(name);
      return { k: "name", name, start, end: start + name.length };
    }
    throw this.error(`unexpected "${c}"`);
  }

  private call(name: string): Expr {
    this.expect("(");
    const args: Expr[] = [];
    let expand = false;
    for (;;) {
      this.skipSpace();
      if (this.eat(")")) break;
      args.push(this.expression());
      this.skipSpace();
      if (this.src.startsWith("...", this.pos)) {
        this.pos += 3;
        expand = true;
        this.skipSpace();
      }
      if (this.eat(")")) break;
      this.expect(",");
    }
    // Provider-namespaced functions (provider::aws::arn_parse) are kept by their full name.
    return { k: "call", name, args, expand };
  }

  private tupleOrFor(): Expr {
    this.expect("[");
    this.skipSpace();
    if (this.lookingAtFor()) {
      const f = this.forHead();
      const valueExpr = this.expression();
      const cond = this.forCond();
      this.skipSpace();
      this.expect("]");
      return { k: "for", kind: "tuple", ...f, valueExpr, ...(cond ? { cond } : {}), group: false };
    }
    const items: Expr[] = [];
    for (;;) {
      this.skipSpace();
      if (this.eat("]")) break;
      items.push(this.expression());
      this.skipSpace();
      if (this.eat("]")) break;
      this.expect(",");
    }
    return { k: "tuple", items };
  }

  private objectOrFor(): Expr {
    this.expect("{");
    this.skipSpace();
    if (this.lookingAtFor()) {
      const f = this.forHead();
      const keyExpr = this.expression();
      this.skipSpace();
      this.expect("=>");
      const valueExpr = this.expression();
      this.skipSpace();
      const group = this.src.startsWith("...", this.pos);
      if (group) this.pos += 3;
      const cond = this.forCond();
      this.skipSpace();
      this.expect("}");
      return { k: "for", kind: "object", ...f, keyExpr, valueExpr, ...(cond ? { cond } : {}), group };
    }
    const items: { key: Expr; value: Expr }[] = [];
    for (;;) {
      this.skipSpace();
      if (this.eat("}")) break;
      const key = this.objectKey();
      this.skipSpace();
      if (!this.eat("=") && !this.eat(":")) throw this.error("expected = or : after an object key");
      const value = this.expression();
      items.push({ key, value });
      this.skipSpace();
      this.eat(",");
    }
    return { k: "object", items };
  }

  /** An object key: a bare identifier is a literal string; anything else is an expression. */
  private objectKey(): Expr {
    const save = this.pos;
    if (isIdStart(this.src[this.pos])) {
      const name = this.identifier();
      this.skipSpace();
      const c = this.src[this.pos];
      if ((c === "=" && this.src[this.pos + 1] !== "=" && this.src[this.pos + 1] !== ">") || c === ":") return { k: "lit", v: name };
      this.pos = save;
    }
    return this.expression();
  }

  private lookingAtFor(): boolean {
    if (!this.src.startsWith("for", this.pos)) return false;
    return !isIdPart(this.src[this.pos + 3]);
  }

  private forHead(): { keyVar?: string; valueVar: string; collection: Expr } {
    this.pos += 3;
    const head = this.forVariables();
    this.skipSpace();
    this.expect(":");
    return head;
  }

  /** `[key,] value in collection`, after the `for` keyword (of a `for` expression or a `%{for}` directive). */
  private forVariables(): { keyVar?: string; valueVar: string; collection: Expr } {
    this.skipSpace();
    let valueVar = this.identifier();
    let keyVar: string | undefined;
    this.skipSpace();
    if (this.eat(",")) {
      keyVar = valueVar;
      this.skipSpace();
      valueVar = this.identifier();
      this.skipSpace();
    }
    if (this.identifier() !== "in") throw this.error("expected `in` in a for expression");
    return { ...(keyVar ? { keyVar } : {}), valueVar, collection: this.expression() };
  }

  private forCond(): Expr | undefined {
    this.skipSpace();
    if (this.src.startsWith("if", this.pos) && !isIdPart(this.src[this.pos + 2])) {
      this.pos += 2;
      return this.expression();
    }
    return undefined;
  }

  private heredoc(): Expr {
    const m = /^<<(-?)([A-Za-z_][A-Za-z0-9_-]*)\r?\n/.exec(this.src.slice(this.pos));
    if (!m) throw this.error("malformed heredoc");
    this.pos += m[0].length;
    const marker = m[2] as string;
    const endRe = new RegExp(`(^|\\n)[ \\t]*${marker}[ \\t]*(?=\\r?\\n|$)`);
    const rest = this.src.slice(this.pos);
    const end = endRe.exec(rest);
    if (!end) throw this.error(`heredoc without closing ${marker}`);
    let body = rest.slice(0, end.index + (end[1] ? 1 : 0));
    this.pos += end.index + end[0].length;
    if (m[1]) {
      const lines = body.split("\n");
      const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => (/^[ \t]*/.exec(l) as RegExpExecArray)[0].length));
      body = lines.map((l) => l.slice(Number.isFinite(indent) ? indent : 0)).join("\n");
    }
    const inner = new Parser(body);
    return simplifyTemplate(inner.templateParts("json"));
  }

  // ---- tokens ----------------------------------------------------------------------------

  skipSpace(): void {
    for (;;) {
      const c = this.src[this.pos];
      if (c === " " || c === "\t" || c === "\n" || c === "\r") this.pos++;
      else if (c === "#" || (c === "/" && this.src[this.pos + 1] === "/")) {
        while (this.pos < this.src.length && this.src[this.pos] !== "\n") this.pos++;
      } else if (c === "/" && this.src[this.pos + 1] === "*") {
        const end = this.src.indexOf("*/", this.pos + 2);
        this.pos = end < 0 ? this.src.length : end + 2;
      } else return;
    }
  }

  private skipSpaceNoNewline(): void {
    while (this.src[this.pos] === " " || this.src[this.pos] === "\t") this.pos++;
  }

  private peekOp(): string | undefined {
    const c = this.src[this.pos];
    if (c === undefined || !OPERATOR_START.has(c)) return undefined;
    for (const op of OPERATORS) if (this.src.startsWith(op, this.pos)) return op;
    return undefined;
  }

  private eat(s: string): boolean {
    if (!this.src.startsWith(s, this.pos)) return false;
    this.pos += s.length;
    return true;
  }

  private expect(s: string): void {
    this.skipSpace();
    if (!this.eat(s)) throw this.error(`expected "${s}"`);
  }

  identifier(): string {
    const start = this.pos;
    if (!isIdStart(this.src[this.pos])) throw this.error("expected a name");
    this.pos++;
    while (isIdPart(this.src[this.pos])) this.pos++;
    // provider::aws::fn style names.
    while (this.src.startsWith("::", this.pos) && isIdStart(this.src[this.pos + 2])) {
      this.pos += 3;
      while (isIdPart(this.src[this.pos])) this.pos++;
    }
    return this.src.slice(start, this.pos);
  }

  private digits(): string {
    const start = this.pos;
    while (/\d/.test(this.src[this.pos] ?? "")) this.pos++;
    return this.src.slice(start, this.pos);
  }

  private number(): number {
    const m = /^\d+(\.\d+)?([eE][-+]?\d+)?/.exec(this.src.slice(this.pos)) as RegExpExecArray;
    this.pos += m[0].length;
    return Number(m[0]);
  }
}
