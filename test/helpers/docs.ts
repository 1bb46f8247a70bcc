/**
 * Reads README.md and the pages under docs/ the way GitHub renders them (markdown-it's CommonMark
 * tokens, github-slugger's anchors), so tests can compare what a page shows with what the code
 * prints, and check that every relative link resolves.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import GithubSlugger from "github-slugger";
import MarkdownIt from "markdown-it";
import ts from "typescript";
import { ROOT } from "./dist";

type Token = ReturnType<MarkdownIt["parse"]>[number];

/** A fenced block: its language (`ts`, `json`, `sh`, or empty) and its text, ending in a newline. */
export interface Fence {
  readonly lang: string;
  readonly text: string;
}

/** A heading as written (its inline markdown), its level and the anchor GitHub gives it. */
export interface Heading {
  readonly level: number;
  readonly text: string;
  readonly anchor: string;
}

const markdown = new MarkdownIt();
const parsed = new Map<string, Token[]>();

/** The tokens of a page, by its path relative to the repository root (e.g. `docs/emulator/emulate.md`). */
function tokensOf(page: string): Token[] {
  let tokens = parsed.get(page);
  if (!tokens) {
    tokens = markdown.parse(readFileSync(join(ROOT, page), "utf8"), {});
    parsed.set(page, tokens);
  }
  return tokens;
}

/** 1 for `# …`, 2 for `## …`, … */
const levelOf = (headingOpen: Token): number => Number(headingOpen.tag.slice(1));

/** What a heading's inline markdown renders to as text (code spans keep their content). */
function plainText(inline: Token | undefined): string {
  return (inline?.children ?? []).map((c) => (c.type === "text" || c.type === "code_inline" ? c.content : "")).join("");
}

/** Every heading of a page, in order, with GitHub's anchors (duplicates get `-1`, `-2`, …). */
export function headingsOf(page: string): Heading[] {
  const slugger = new GithubSlugger();
  const tokens = tokensOf(page);
  const out: Heading[] = [];
  tokens.forEach((t, i) => {
    if (t.type !== "heading_open") return;
    const inline = tokens[i + 1];
    out.push({ level: levelOf(t), text: inline?.content ?? "", anchor: slugger.slug(plainText(inline)) });
  });
  return out;
}

/**
 * The fenced blocks of the section under `heading` (its text as written, without the `#`s), up to
 * the next heading of the same or a higher level. A page's title (`# …`) covers the whole page.
 */
export function docBlocks(page: string, heading: string): Fence[] {
  const tokens = tokensOf(page);
  const starts = tokens.flatMap((t, i) => (t.type === "heading_open" && tokens[i + 1]?.content === heading ? [i] : []));
  if (starts.length !== 1) {
    const known = headingsOf(page).map((h) => `${"#".repeat(h.level)} ${h.text}`);
    throw new Error(`${page} has ${starts.length} headings "${heading}"; expected one of:\n${known.join("\n")}`);
  }
  const start = starts[0] as number;
  const level = levelOf(tokens[start] as Token);
  const out: Fence[] = [];
  for (const t of tokens.slice(start + 1)) {
    if (t.type === "heading_open" && levelOf(t) <= level) break;
    if (t.type === "fence") out.push({ lang: t.info.trim().split(/\s+/)[0] ?? "", text: t.content });
  }
  return out;
}

/** The fenced block number `index` of a section; fails naming the page and heading when it is missing. */
export function docBlock(page: string, heading: string, index: number): Fence {
  const block = docBlocks(page, heading)[index];
  if (!block) throw new Error(`${page} has no fenced block ${index} under "${heading}"`);
  return block;
}

/** The targets of every link of a page (`[text](target)`, images included), as written. */
export function linksOf(page: string): string[] {
  const out: string[] = [];
  const visit = (tokens: readonly Token[]) => {
    for (const t of tokens) {
      if (t.type === "link_open") out.push(t.attrGet("href") ?? "");
      if (t.type === "image") out.push(t.attrGet("src") ?? "");
      if (t.children) visit(t.children);
    }
  };
  visit(tokensOf(page));
  return out;
}

/** README.md and every page under docs/, as paths relative to the repository root. */
export function documentationPages(): string[] {
  const pages: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".md")) pages.push(relative(ROOT, path));
    }
  };
  walk(join(ROOT, "docs"));
  return ["README.md", ...pages.sort()];
}

/**
 * Compiles a TypeScript example from a page and runs it against the built package (inside the
 * package, `cdktf-resilience` and `cdktf-resilience/runtime` resolve to dist/ through the exports
 * map), from `cwd`; returns what it printed. Runtime examples run as ES modules; `commonjs` runs a
 * CDKTF app the way `cdktf synth` runs one (CommonJS, whose deep provider imports resolve
 * directories such as `@cdktf/provider-aws/lib/provider`).
 */
export function runDocExample(code: string, name: string, options: { readonly cwd?: string; readonly commonjs?: boolean } = {}): string {
  const module = options.commonjs ? ts.ModuleKind.CommonJS : ts.ModuleKind.ESNext;
  const js = ts.transpileModule(code, { compilerOptions: { module, target: ts.ScriptTarget.ES2022, esModuleInterop: true } }).outputText;
  const dir = join(ROOT, "dist", "readme");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.${options.commonjs ? "cjs" : "mjs"}`);
  writeFileSync(file, js);
  return execFileSync(process.execPath, [file], { cwd: options.cwd ?? ROOT, encoding: "utf8" });
}
