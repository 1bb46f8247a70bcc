import type { IConstruct } from "./cdktf";

/** What cdktf (and CDK Terrain) pass to a construct's synthesis hook. */
export interface SynthesisSession {
  readonly outdir: string;
  /** `App({ skipValidation: true })`: cdktf skipped every `node.addValidation` check. */
  readonly skipValidation?: boolean;
}

/**
 * Runs `hook` when the construct's stack is synthesized by `app.synth()` (and so `cdktf synth`):
 * after the Aspects and the (possibly skipped) validations, before the stack's `cdk.tf.json` is
 * written. Why a symbol: cdktf calls the object stored under `Symbol.for("cdktf/customSynthesis")`
 * on every construct (its `addCustomSynthesis` is not exported from the package root), and CDK
 * Terrain keeps the same protocol. `Testing.synth` does not run the hook.
 */
export function onSynthesis(construct: IConstruct, hook: (session: SynthesisSession) => void): void {
  Object.defineProperty(construct, Symbol.for("cdktf/customSynthesis"), {
    value: { onSynthesize: hook },
    enumerable: false,
  });
}
