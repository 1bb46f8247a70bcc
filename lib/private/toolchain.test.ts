import { describe, expect, test } from "vitest";
import { MINIMAL } from "../../test/helpers/databases";
import { MultiAzDatabase } from "..";
import { App, Construct, TerraformStack } from "./cdktf";
import { chooseToolchain, type ToolchainProbe, toolchain } from "./toolchain";

/** A project with these packages installed (and these main files already loaded). */
function project(installed: readonly string[], options: { loaded?: readonly string[]; env?: Record<string, string> } = {}): ToolchainProbe {
  return {
    resolve: (s) => (installed.includes(s.replace(/\/package\.json$/, "")) ? `/p/node_modules/${s}/index.js` : undefined),
    loaded: (file) => (options.loaded ?? []).some((name) => file === `/p/node_modules/${name}/index.js`),
    env: options.env ?? {},
  };
}

const CDKTF = ["cdktf", "@cdktf/provider-aws"];
const CDKTN = ["cdktn", "@cdktn/provider-aws"];

describe("choosing the toolchain", () => {
  test.each([
    ["only cdktf installed", project(CDKTF), "cdktf", "@cdktf/provider-aws"],
    ["only CDK Terrain installed", project(CDKTN), "cdktn", "@cdktn/provider-aws"],
    ["both, the app loaded cdktn first", project([...CDKTF, ...CDKTN], { loaded: ["cdktn"] }), "cdktn", "@cdktn/provider-aws"],
    ["both, the app loaded cdktf first", project([...CDKTF, ...CDKTN], { loaded: ["cdktf"] }), "cdktf", "@cdktf/provider-aws"],
    ["both, neither loaded yet", project([...CDKTF, ...CDKTN]), "cdktf", "@cdktf/provider-aws"],
    [
      "both, the variable says cdktn",
      project([...CDKTF, ...CDKTN], { env: { CDKTF_RESILIENCE_TOOLCHAIN: "cdktn" } }),
      "cdktn",
      "@cdktn/provider-aws",
    ],
  ])("%s → %s with %s", (_, probe, core, provider) => {
    expect(chooseToolchain(probe)).toMatchObject({ name: core, core, provider });
  });

  test.each([
    [
      "nothing installed",
      project([]),
      "cdktf-resilience constructs need cdktf or CDK Terrain (cdktn), and neither cdktf nor cdktn is installed. Fix: install one toolchain: `npm install cdktf constructs @cdktf/provider-aws`, or `npm install cdktn constructs @cdktn/provider-aws`.",
    ],
    [
      "cdktn with the cdktf provider",
      project(["cdktn", "@cdktf/provider-aws"]),
      "cdktf-resilience builds with cdktn (cdktn is the toolchain installed), but @cdktn/provider-aws is not installed; the provider classes must come from the same toolchain as cdktn. Fix: `npm install @cdktn/provider-aws`.",
    ],
    [
      "a variable naming no toolchain",
      project(CDKTF, { env: { CDKTF_RESILIENCE_TOOLCHAIN: "terraform" } }),
      "CDKTF_RESILIENCE_TOOLCHAIN=terraform is not a toolchain. Fix: set it to cdktf or cdktn, or unset it to use the one installed.",
    ],
    [
      "a variable naming one not installed",
      project(CDKTF, { env: { CDKTF_RESILIENCE_TOOLCHAIN: "cdktn" } }),
      "cdktf-resilience constructs need cdktf or CDK Terrain (cdktn), and CDKTF_RESILIENCE_TOOLCHAIN=cdktn names cdktn, which is not installed. Fix: install one toolchain: `npm install cdktf constructs @cdktf/provider-aws`, or `npm install cdktn constructs @cdktn/provider-aws`.",
    ],
  ])("%s: a clear error with the fix", (_, probe, message) => {
    expect(() => chooseToolchain(probe)).toThrow(message);
  });

  test("this repository builds with cdktf (the only toolchain in its devDependencies)", () => {
    expect(toolchain()).toMatchObject({ name: "cdktf", reason: "cdktf is the toolchain installed" });
  });
});

/**
 * A stack as CDK Terrain makes it: recognised by the same `Symbol.for("cdktf/TerraformStack")`,
 * but a class of another library (jsii names it `cdktn.TerraformStack`).
 */
class CdktnStack extends Construct {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    Object.defineProperty(this, Symbol.for("cdktf/TerraformStack"), { value: true });
  }
}
Object.defineProperty(CdktnStack, Symbol.for("jsii.rtti"), { value: { fqn: "cdktn.TerraformStack", version: "0.24.0" } });

describe("a stack of the other toolchain", () => {
  test("is recognised as a stack by cdktf (so without the check it would be accepted, then crash in synth)", () => {
    expect(TerraformStack.isStack(new CdktnStack(new App(), "orders"))).toBe(true);
  });

  test("is refused when a construct is added to it, naming both toolchains and the fix", () => {
    const stack = new CdktnStack(new App(), "orders");
    expect(() => new MultiAzDatabase(stack, "Orders", MINIMAL.aurora)).toThrow(
      "MultiAzDatabase 'orders/Orders': the stack 'orders' was made with cdktn, but cdktf-resilience builds with cdktf (cdktf is the toolchain installed); constructs of one cannot be synthesized by a stack of the other. Fix: install one toolchain: keep cdktn and `npm uninstall cdktf` with its provider, or set CDKTF_RESILIENCE_TOOLCHAIN=cdktn.",
    );
  });

  test("inside a construct of its own is refused too", () => {
    const group = new Construct(new CdktnStack(new App(), "orders"), "Data");
    expect(() => new MultiAzDatabase(group, "Orders", MINIMAL.aurora)).toThrow(
      /^MultiAzDatabase 'orders\/Data\/Orders': the stack 'orders'/,
    );
  });
});
