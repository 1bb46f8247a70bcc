import { type IConstruct, TerraformStack } from "./cdktf";
import { toolchainMixed } from "./errors";
import { toolchain } from "./toolchain";

/** jsii's run-time type info, a static every cdktf/cdktn class carries: `{ fqn: "cdktn.TerraformStack" }`. */
const RTTI = Symbol.for("jsii.rtti");

/**
 * Throws when `construct` sits in a stack made by another toolchain (or another copy of the same
 * one). cdktf and cdktn recognise stacks by the same `Symbol.for("cdktf/TerraformStack")`, so
 * such a stack accepts the construct and then crashes in synth; this says why and how to fix it.
 */
export function assertSameToolchain(kind: string, construct: IConstruct): void {
  const stack: IConstruct | undefined = [...construct.node.scopes].reverse().find((s) => TerraformStack.isStack(s));
  if (!stack || (stack as object) instanceof TerraformStack) return;
  const fqn = (stack.constructor as { [RTTI]?: { fqn?: string } })[RTTI]?.fqn;
  const theirs = fqn?.split(".")[0] ?? "another CDK toolchain";
  const ours = toolchain();
  throw toolchainMixed(kind, construct.node.path, stack.node.path, theirs, ours.name, ours.reason);
}
