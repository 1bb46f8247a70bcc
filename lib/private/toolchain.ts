/**
 * Which CDK toolchain the constructs build with: HashiCorp's `cdktf` with `@cdktf/provider-aws`
 * (archived in 2025), or CDK Terrain, its maintained fork, `cdktn` with `@cdktn/provider-aws`. A
 * project installs one of them; the constructs use whichever it has. The two are the same API
 * (same class names, same deep paths `<provider>/lib/<resource>`), so one adapter serves both.
 *
 * The choice, in order:
 * 1. `CDKTF_RESILIENCE_TOOLCHAIN=cdktf|cdktn`, for a project that has both installed;
 * 2. the only one installed;
 * 3. both installed: the one the app has already loaded (its `import { App } from "cdktn"` runs
 *    before it loads this package), else cdktf.
 * A stack made with the other toolchain is refused with the fix (see `assertSameToolchain`).
 */
import { noToolchain, toolchainEnvInvalid, toolchainProviderMissing } from "./errors";

export type ToolchainName = "cdktf" | "cdktn";

export interface Toolchain {
  readonly name: ToolchainName;
  /** Package of the core library (`App`, `TerraformStack`, tokens…). */
  readonly core: string;
  /** Package of the AWS provider classes. */
  readonly provider: string;
  /** Why this toolchain was chosen, as error messages print it. */
  readonly reason: string;
}

/** Environment variable that picks the toolchain when a project has both installed. */
export const TOOLCHAIN_ENV = "CDKTF_RESILIENCE_TOOLCHAIN";

const PACKAGES: Record<ToolchainName, { readonly core: string; readonly provider: string }> = {
  cdktf: { core: "cdktf", provider: "@cdktf/provider-aws" },
  cdktn: { core: "cdktn", provider: "@cdktn/provider-aws" },
};

/** How the choice sees the process: what is installed, what is loaded, the environment. */
export interface ToolchainProbe {
  /** The file a package specifier resolves to from this package, or undefined when it is not installed. */
  readonly resolve: (specifier: string) => string | undefined;
  /** True when the file is already loaded in this process. */
  readonly loaded: (file: string) => boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** The toolchain for `probe`; throws with the fix when none fits. */
export function chooseToolchain(probe: ToolchainProbe): Toolchain {
  const pick = (name: ToolchainName, reason: string): Toolchain => {
    const t = { name, ...PACKAGES[name], reason };
    if (probe.resolve(`${t.provider}/package.json`) === undefined) throw toolchainProviderMissing(t.core, t.provider, reason);
    return t;
  };
  const forced = probe.env[TOOLCHAIN_ENV];
  if (forced !== undefined && forced !== "") {
    if (forced !== "cdktf" && forced !== "cdktn") throw toolchainEnvInvalid(TOOLCHAIN_ENV, forced);
    if (probe.resolve(forced) === undefined) throw noToolchain(`${TOOLCHAIN_ENV}=${forced} names ${forced}, which is not installed`);
    return pick(forced, `${TOOLCHAIN_ENV}=${forced}`);
  }
  const main = { cdktf: probe.resolve("cdktf"), cdktn: probe.resolve("cdktn") };
  if (main.cdktf === undefined && main.cdktn === undefined) throw noToolchain("neither cdktf nor cdktn is installed");
  if (main.cdktn === undefined) return pick("cdktf", "cdktf is the toolchain installed");
  if (main.cdktf === undefined) return pick("cdktn", "cdktn is the toolchain installed");
  const loaded = (["cdktf", "cdktn"] as const).filter((n) => probe.loaded(main[n] as string));
  if (loaded.length === 1) return pick(loaded[0] as ToolchainName, `both are installed and the app loaded ${loaded[0]} first`);
  return pick("cdktf", `both cdktf and cdktn are installed; cdktf is the default (set ${TOOLCHAIN_ENV}=cdktn for CDK Terrain)`);
}

/** This process: resolution from this package's location, Node's module cache, `process.env`. */
export function processProbe(): ToolchainProbe {
  return {
    resolve: (specifier) => {
      try {
        return require.resolve(specifier);
      } catch {
        return undefined;
      }
    },
    loaded: (file) => file in require.cache,
    env: process.env,
  };
}

let chosen: Toolchain | undefined;

/** The toolchain of this process, chosen once on first use. */
export function toolchain(): Toolchain {
  chosen ??= chooseToolchain(processProbe());
  return chosen;
}
