/**
 * The quick start is the user project test/e2e/user-project.sh runs from the packed tarball: each
 * snippet the README (and the CDK Terrain page) shows is one of its files, byte for byte, so what
 * a newcomer copies is what CI ran. Here the same files run against the built package: the app
 * synthesizes, every CLI step of the quick start exits 0, the emulate step prints the output the
 * README shows and writes the report, and the same run from code (docs/emulator/emulate.md, "From
 * code") prints what that page shows.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { toolchainMixed } from "../lib/private/errors";
import { defaultRegistry } from "../runtime/emulation/default-registry";
import { cliIn } from "./helpers/cli";
import { ROOT } from "./helpers/dist";
import { docBlocks, runDocExample } from "./helpers/docs";

const PROJECT = join(ROOT, "test", "e2e", "user-project");
const file = (name: string) => readFileSync(join(PROJECT, name), "utf8");

describe("README: Quick start", () => {
  /** The project's files as the quick start shows them, in order; the emulate output follows run.sh. */
  const FILES = ["install.sh", "cdktf.json", "orders-stack.ts", "main.ts", "run.sh", "vitest.config.mts", "orders-stack.test.ts"];
  const blocks = docBlocks("README.md", "Quick start");
  const output = blocks.findIndex((b) => b.lang === "" && b.text.startsWith("Failovers\n"));

  test("every snippet is the e2e project's file of the same name, in order, with the emulate output after run.sh", () => {
    expect(output).toBe(FILES.indexOf("run.sh") + 1);
    const shown = blocks.filter((_, i) => i !== output).slice(0, FILES.length);
    expect(shown.map((b) => b.text)).toEqual(FILES.map(file));
    expect(shown.map((b) => b.lang)).toEqual(["sh", "json", "ts", "ts", "sh", "ts", "ts"]);
  });

  test("installs the tarball npm pack writes, then synthesizes, inspects, checks, emulates an az-outage with a report and drills", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { name: string; version: string };
    expect(file("install.sh")).toContain(`./${pkg.name}-${pkg.version}.tgz`);
    for (const step of ["cdktf synth", "inspect", "check", "emulate", "--scenario az-outage", "--report report.html", "drill"])
      expect(file("run.sh")).toContain(step);
  });

  test("run as written against the built package: every step exits 0 and emulate prints the output shown", () => {
    // `cdktf synth` runs main.ts, which imports the stack: here both run as one CommonJS module.
    const app = `${file("orders-stack.ts")}\n${file("main.ts").replace(/^import \{ OrdersStack \} from "\.\/orders-stack";\n/m, "")}`;
    const cwd = mkdtempSync(join(tmpdir(), "cdktf-quick-start-"));
    runDocExample(app, "quick-start", { cwd, commonjs: true });
    expect(existsSync(join(cwd, "cdktf.out/stacks/orders/cdk.tf.json"))).toBe(true);

    const steps = file("run.sh").trimEnd().split("\n");
    expect(steps[0]).toBe("npx cdktf synth");
    for (const line of steps.slice(1)) {
      const args = line.trim().split(/\s+/);
      expect(args.slice(0, 2)).toEqual(["npx", "cdktf-resilience"]);
      const r = cliIn(cwd, ...args.slice(2));
      expect([line, r.code, r.stderr]).toEqual([line, 0, ""]);
      if (args[2] === "emulate") {
        const shown = blocks[output]?.text ?? "";
        expect(r.stdout.slice(-shown.length - 1)).toBe(`\n${shown}`);
        expect(existsSync(join(cwd, "report.html"))).toBe(true);
      }
    }

    const [code, printed] = docBlocks("docs/emulator/emulate.md", "From code");
    expect(code?.lang).toBe("ts");
    expect(runDocExample(code?.text ?? "", "emulate-from-code", { cwd })).toBe(printed?.text);
  });
});

describe("docs/constructs/cdk-terrain.md", () => {
  const shown = docBlocks("docs/constructs/cdk-terrain.md", "Using CDK Terrain");

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
