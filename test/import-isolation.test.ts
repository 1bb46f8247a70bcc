import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, test } from "vitest";
import { distFile, ROOT } from "./helpers/dist";

/** Modules `specifier` loads in a fresh Node process, relative to node_modules. */
function modulesLoadedBy(file: string): string[] {
  const script = `require(${JSON.stringify(file)}); process.stdout.write(JSON.stringify(Object.keys(require.cache)));`;
  const loaded = JSON.parse(execFileSync(process.execPath, ["-e", script], { cwd: ROOT, encoding: "utf8" })) as string[];
  return loaded.filter((f) => f.includes("/node_modules/")).map((f) => f.slice(f.lastIndexOf("/node_modules/") + 14));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".ts"))
    .map((e) => join(e.parentPath, e.name));
}

describe("import isolation", () => {
  test("the runtime loads nothing from cdktf, constructs or the AWS provider", () => {
    const offending = modulesLoadedBy(distFile("runtime/index.js")).filter((m) => /^(cdktf|constructs|@cdktf)\//.test(m));
    expect(offending).toEqual([]);
  });

  test("the CLI loads nothing from cdktf, constructs or the AWS provider", () => {
    const offending = modulesLoadedBy(distFile("runtime/cli/main.js")).filter((m) => /^(cdktf|constructs|@cdktf)\//.test(m));
    expect(offending).toEqual([]);
  });

  test("the policy pack the CLI runs loads nothing from cdktf, constructs or the AWS provider", () => {
    const offending = modulesLoadedBy(distFile("lib/policy/pack/index.js")).filter((m) => /^(cdktf|constructs|@cdktf)\//.test(m));
    expect(offending).toEqual([]);
  });

  test("cdktf-resilience/testing resolves through the package exports and loads vitest only from its setup entry", () => {
    const script = `process.stdout.write(JSON.stringify(["cdktf-resilience/testing", "cdktf-resilience/testing/setup"].map((s) => require.resolve(s))))`;
    const resolved = JSON.parse(execFileSync(process.execPath, ["-e", script], { cwd: ROOT, encoding: "utf8" })) as string[];
    expect(resolved.map((f) => relative(ROOT, f))).toEqual([
      join("dist", "lib", "testing", "index.js"),
      join("dist", "lib", "testing", "setup.cjs"),
    ]);
    expect(modulesLoadedBy(distFile("lib/testing/index.js")).filter((m) => m.startsWith("vitest/") || m.startsWith("@vitest/"))).toEqual(
      [],
    );
  });

  test("the setup entry registers the matchers with vitest from CommonJS (require) and from an ES module (import)", () => {
    const check = "import('vitest').then(({ expect }) => process.stdout.write(typeof expect({}).toPassPolicy))";
    const fromCjs = execFileSync(process.execPath, ["-e", `require("cdktf-resilience/testing/setup"); ${check}`], {
      cwd: ROOT,
      encoding: "utf8",
    });
    const fromEsm = execFileSync(
      process.execPath,
      ["--input-type=module", "-e", `await import("cdktf-resilience/testing/setup"); ${check}`],
      {
        cwd: ROOT,
        encoding: "utf8",
      },
    );
    expect([fromCjs, fromEsm]).toEqual(["function", "function"]);
  });

  test("require('cdktf-resilience') never loads the provider's root index (~2 s, ~500 MB)", () => {
    const provider = modulesLoadedBy(distFile("lib/index.js")).filter((m) => m.startsWith("@cdktf/provider-aws/"));
    expect(provider.length).toBeGreaterThan(0);
    expect(provider).not.toContain("@cdktf/provider-aws/lib/index.js");
    expect(
      provider.filter((m) => !/^@cdktf\/provider-aws\/lib\/[a-z0-9-]+\/index\.js$/.test(m) && m !== "@cdktf/provider-aws/package.json"),
    ).toEqual([]);
  });

  test("require('cdktf-resilience') defers the policy pack (~30 modules) until an acknowledgement or SecureDefaults needs it", () => {
    const [index, cdktf] = [distFile("lib/index.js"), distFile("lib/private/cdktf.js")].map((f) => JSON.stringify(f));
    const script = `const lib = require(${index});
      const packLoaded = () => Object.keys(require.cache).some((f) => f.includes("/dist/lib/policy/pack/"));
      const before = packLoaded();
      const { App } = require(${cdktf});
      lib.Acknowledge.of(new App()).add("RES-RDS-ENCRYPTION", "accepted on purpose");
      const after = packLoaded();
      const { Aspects, RdsCluster, TerraformStack, Testing } = require(${cdktf});
      const stack = new TerraformStack(Testing.app(), "s");
      new RdsCluster(stack, "Db", { engine: "aurora-postgresql", storageEncrypted: false });
      Aspects.of(stack).add(new lib.SecureDefaults());
      let synthError = "";
      try { Testing.synth(stack, true); } catch (e) { synthError = e.message; }
      process.stdout.write(JSON.stringify({ before, after, failsSynth: synthError.includes("RES-RDS-ENCRYPTION") }));`;
    expect(JSON.parse(execFileSync(process.execPath, ["-e", script], { cwd: ROOT, encoding: "utf8" }))).toEqual({
      before: false,
      after: true,
      failsSynth: true,
    });
  });

  test("require('cdktf-resilience') defers zod until a construct validates props (~80 ms of cold start)", () => {
    expect(modulesLoadedBy(distFile("lib/index.js")).filter((m) => m.startsWith("zod/"))).toEqual([]);
  });

  test("only lib/private/cdktf.ts imports cdktf, constructs or provider classes", () => {
    // @cdktf/hcl2json is not cdktf: a standalone HCL → JSON converter (Terraform's parser as WebAssembly)
    // that the real-world fixtures' flattener uses.
    const pattern =
      /from\s+["'](cdktf|constructs|@cdktf\/(?!hcl2json["'])[^"']+)["']|require\(["'](cdktf|constructs|@cdktf\/(?!hcl2json["'])[^"']+)["']\)/;
    const offenders = ["lib", "runtime", "examples", "bench", "test"]
      .flatMap((d) => sourceFiles(join(ROOT, d)))
      // test/e2e/user-project is a user's project, which imports its toolchain as users do.
      .filter((f) => !f.includes(join("test", "e2e", "user-project")))
      .filter((f) => !f.endsWith(join("lib", "private", "cdktf.ts")) && pattern.test(readFileSync(f, "utf8")))
      .map((f) => relative(ROOT, f));
    expect(offenders).toEqual([]);
  });
});
