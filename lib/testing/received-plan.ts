import { existsSync, readFileSync } from "node:fs";
import { TerraformStack } from "../private/cdktf";
import { synthJson, type TerraformJson } from "./synth";

/** What the matchers accept: a stack, its Terraform JSON as text or parsed, or the path of a cdk.tf.json. */
export type ReceivedPlan = TerraformStack | TerraformJson | string;

/** A resource type as a string (`"aws_rds_cluster"`) or a provider class (`RdsCluster`, via its `tfResourceType`). */
export type ResourceType = string | { readonly tfResourceType: string };

export function typeName(type: ResourceType): string {
  return typeof type === "string" ? type : type.tfResourceType;
}

/** The Terraform JSON behind a received value; a stack is synthesized with validations, as `cdktf synth` would. */
export function receivedPlan(received: unknown): TerraformJson {
  if (TerraformStack.isStack(received)) return synthJson(received);
  if (typeof received === "string") return parsePlanText(received);
  if (received !== null && typeof received === "object" && !Array.isArray(received)) return received as TerraformJson;
  throw new TypeError(
    `expected a TerraformStack, Terraform JSON (text or parsed) or the path of a cdk.tf.json, got ${describeValue(received)}`,
  );
}

function parsePlanText(text: string): TerraformJson {
  try {
    return JSON.parse(text) as TerraformJson;
  } catch (e) {
    if (!text.trimStart().startsWith("{") && existsSync(text)) return JSON.parse(readFileSync(text, "utf8")) as TerraformJson;
    throw new TypeError(`expected Terraform JSON or the path of a cdk.tf.json, got text that is neither (${(e as Error).message})`);
  }
}

function describeValue(x: unknown): string {
  return x === null ? "null" : Array.isArray(x) ? "an array" : typeof x;
}
