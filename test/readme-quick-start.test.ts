/**
 * The quick start is the user project test/e2e/user-project.sh runs from the packed tarball: each
 * snippet the README (and the CDK Terrain page) shows is one of its files, byte for byte, so what
 * a newcomer copies is what CI ran.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { toolchainMixed } from "../lib/private/errors";
import { defaultRegistry } from "../runtime/scenarios/default-registry";
import { ROOT } from "./helpers/dist";
import { readmeBlocks } from "./helpers/readme";

const PROJECT = join(ROOT, "test", "e2e", "user-project");
const file = (name: string) => readFileSync(join(PROJECT, name), "utf8");

/** The fenced blocks of a Markdown file, in order. */
function blocks(path: string): { lang: string; text: string }[] {
  return [...readFileSync(path, "utf8").matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((m) => ({
    lang: m[1] as string,
    text: m[2] as string,
  }));
}

describe("README: Quick start", () => {
  const QUICK_START = ["install.sh", "cdktf.json", "orders-stack.ts", "main.ts", "run.sh", "vitest.config.mts", "orders-stack.test.ts"];

  test("every snippet is the e2e project's file of the same name, in order", () => {
    const shown = readmeBlocks("## Quick start").slice(0, QUICK_START.length);
    expect(shown.map((b) => b.text)).toEqual(QUICK_START.map(file));
    expect(shown.map((b) => b.lang)).toEqual(["sh", "json", "ts", "ts", "sh", "ts", "ts"]);
  });

  test("installs the tarball npm pack writes, then synthesizes, inspects and emulates an az-outage with a report", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { name: string; version: string };
    expect(file("install.sh")).toContain(`./${pkg.name}-${pkg.version}.tgz`);
    for (const step of ["cdktf synth", "inspect", "emulate", "--scenario az-outage", "--report report.html"])
      expect(file("run.sh")).toContain(step);
  });
});

describe("docs/constructs/cdk-terrain.md", () => {
  const page = join(ROOT, "docs", "constructs", "cdk-terrain.md");
  const shown = blocks(page);

  test("the install and tsconfig snippets are the e2e project's CDK Terrain files", () => {
    expect(shown.filter((b) => b.lang === "sh").map((b) => b.text)).toEqual([file("cdk-terrain/install.sh")]);
    expect(shown.filter((b) => b.lang === "json").map((b) => b.text)).toEqual([file("cdk-terrain/tsconfig.json")]);
  });

  test("the imports it shows are the quick start's with CDK Terrain's packages, as the e2e script rewrites them", () => {
    const swapped = ["orders-stack.ts", "main.ts"].map((f) =>
      file(f)
        .replace(/@cdktf\/provider-aws/g, "@cdktn/provider-aws")
        .replace(/from "cdkt(f)"/g, 'from "cdktn"'),
    );
    const lines = shown.filter((b) => b.lang === "ts").flatMap((b) => b.text.trimEnd().split("\n"));
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) expect(swapped.some((f) => f.includes(`${line}\n`))).toBe(true);
  });

  test("the mixed-toolchain error it quotes is the one the constructs raise", () => {
    const quoted = shown.find((b) => b.lang === "" && b.text.includes("was made with cdktn"))?.text.trim();
    const raised = toolchainMixed(
      "MultiAzDatabase",
      "orders/Orders",
      "orders",
      "cdktn",
      "cdktf",
      "CDKTF_RESILIENCE_TOOLCHAIN=cdktf",
    ).message;
    expect(quoted).toBe(raised);
  });
});

describe("the scenario list", () => {
  test("every scenario emulate accepts by name has a row in a documentation table", () => {
    const docs = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true, recursive: true })
        .filter((e) => e.isFile() && e.name.endsWith(".md"))
        .map((e) => readFileSync(join(e.parentPath, e.name), "utf8"));
    const text = [readFileSync(join(ROOT, "README.md"), "utf8"), ...docs(join(ROOT, "docs"))].join("\n");
    const missing = defaultRegistry()
      .scenarios()
      .map((s) => s.name)
      .filter((name) => !text.includes(`| \`${name}\` |`));
    expect(missing).toEqual([]);
  });
});
