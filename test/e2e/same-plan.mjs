// Compares two synthesized plans (cdk.tf.json) but for metadata: cdktf's "//" blocks (construct
// paths, the toolchain's version); the AWS provider's version pin, which is the provider
// package's own (@cdktf/provider-aws 21 pins 6.25.0, @cdktn/provider-aws 25 pins 6.66.0); its
// source written short ("aws") or long ("hashicorp/aws"), the same provider since Terraform
// reads a source without a namespace as hashicorp/<name>; and the local state file's directory
// (each project's own). Prints what it set aside; exits 1 with the differences when the plans differ.
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { isDeepStrictEqual } from "node:util";

const [a, b] = process.argv.slice(2).map((f) => JSON.parse(readFileSync(f, "utf8")));
const setAside = [];

function strip(value, path) {
  if (Array.isArray(value)) return value.map((v, i) => strip(v, `${path}[${i}]`));
  if (value === null || typeof value !== "object") return value;
  const out = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === "//") continue;
    if (path === "$.terraform.required_providers.aws" && k === "version") {
      setAside.push(`${path}.version = ${JSON.stringify(v)}`);
      continue;
    }
    if (path === "$.terraform.required_providers.aws" && k === "source" && typeof v === "string" && !v.includes("/")) {
      setAside.push(`${path}.source = ${JSON.stringify(v)}, read as "hashicorp/${v}"`);
      out[k] = `hashicorp/${v}`;
      continue;
    }
    if (path === "$.terraform.backend.local" && k === "path" && typeof v === "string") {
      setAside.push(`${path}.path = ${JSON.stringify(v)}, compared by file name`);
      out[k] = basename(v);
      continue;
    }
    out[k] = strip(v, `${path}.${k}`);
  }
  return out;
}

const [left, right] = [strip(a, "$"), strip(b, "$")];
for (const line of setAside) console.log(`set aside: ${line}`);

const diffs = [];
function diff(x, y, path) {
  if (diffs.length >= 20 || isDeepStrictEqual(x, y)) return;
  if (x && y && typeof x === "object" && typeof y === "object" && !Array.isArray(x) && !Array.isArray(y)) {
    for (const k of new Set([...Object.keys(x), ...Object.keys(y)])) diff(x[k], y[k], `${path}.${k}`);
    return;
  }
  diffs.push(`${path}: ${JSON.stringify(x)} vs ${JSON.stringify(y)}`);
}
diff(left, right, "$");
if (diffs.length) {
  console.error(`the plans differ:\n${diffs.join("\n")}`);
  process.exit(1);
}
const count = Object.values(left.resource ?? {}).reduce((n, byName) => n + Object.keys(byName).length, 0);
console.log(`same plan: ${count} resources, equal but for metadata`);
