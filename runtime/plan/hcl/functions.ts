/**
 * Terraform's built-in functions, as far as a plan read without providers needs them. A function
 * that only passes values on (`one`, `coalesce`, `element`, `concat`, `merge`, …) keeps `Ref`s and
 * unknown elements in place; every other one is unknown as soon as an argument is. Functions that
 * depend on the machine or the clock (`file`, `timestamp`, `uuid`) are unknown: the file does not
 * fix them. Behaviour is checked against `terraform console` (see functions.test.ts).
 * @see https://developer.hashicorp.com/terraform/language/functions
 */
import { createHash } from "node:crypto";
import {
  asList,
  EvaluationError,
  equal,
  isLazy,
  isRecord,
  mergeUnknown,
  plain,
  record,
  TfSet,
  toBool,
  toData,
  toNum,
  toStr,
  typeName,
  Unknown,
  unknownOf,
  type Value,
} from "./values";

type Fn = (args: Value[]) => Value;

/** Calls `name`; an unknown argument makes the result unknown unless the function only passes values on. */
export function callFunction(name: string, args: Value[]): Value {
  const passing = PASSING[name];
  if (passing) return passing(args);
  const fn = STRICT[name];
  if (!fn) {
    if (MACHINE.has(name)) return new Unknown([`${name}() depends on the machine or the time Terraform runs`]);
    return new Unknown([`${name}() is not evaluated by the plan loader`]);
  }
  const unknown = args.map(unknownOf).filter((u): u is Unknown => u !== undefined);
  if (unknown.length) return mergeUnknown(unknown);
  return fn(args.map((a) => toData(a)));
}

/** Functions whose value depends on the environment rather than the configuration. */
const MACHINE = new Set([
  "file",
  "fileexists",
  "fileset",
  "filebase64",
  "filemd5",
  "filesha256",
  "templatefile",
  "timestamp",
  "uuid",
  "uuidv5",
  "bcrypt",
  "plantimestamp",
  "abspath",
  "pathexpand",
]);

const arg = (args: Value[], i: number): Value => (i < args.length ? (args[i] as Value) : null);

function list(v: Value, fn: string): Value[] {
  return asList(v, `${fn}()`);
}

function object(v: Value, fn: string): { [key: string]: Value } {
  const x = plain(v);
  if (isLazy(x)) return object(x.whole(), fn);
  if (isRecord(x)) return x;
  throw new EvaluationError(`${fn}(): expected a map or object, found ${typeName(x)}`);
}

function isNullish(v: Value): boolean {
  return plain(v) === null;
}

// ---- functions that pass values on (Refs and unknown elements survive) -----------------------

const PASSING: Readonly<Record<string, Fn>> = {
  one: ([x]) => {
    const v = plain(x ?? null);
    if (v === null) return null;
    if (v instanceof Unknown) return v;
    const items = list(v, "one");
    if (items.length > 1) throw new EvaluationError(`one(): the list has ${items.length} elements`);
    return items[0] ?? null;
  },
  coalesce: (args) => {
    for (const a of args) {
      const v = plain(a);
      if (v instanceof Unknown) return a;
      if (v !== null && v !== "") return a;
    }
    throw new EvaluationError("coalesce(): no non-null, non-empty argument");
  },
  coalescelist: (args) => {
    for (const a of args) {
      const v = plain(a);
      if (v instanceof Unknown) return v;
      if (list(v, "coalescelist").length) return a;
    }
    throw new EvaluationError("coalescelist(): no non-empty list");
  },
  concat: (args) => {
    const out: Value[] = [];
    for (const a of args) {
      const v = plain(a);
      if (v instanceof Unknown) return v;
      out.push(...list(v, "concat"));
    }
    return out;
  },
  merge: (args) => {
    const out = record();
    for (const a of args) {
      const v = plain(a);
      if (v === null) continue;
      if (v instanceof Unknown) return v;
      Object.assign(out, object(v, "merge"));
    }
    return out;
  },
  element: ([l, i]) => {
    const v = plain(l ?? null);
    const k = plain(i ?? null);
    if (v instanceof Unknown) return v;
    if (k instanceof Unknown) return k;
    const items = list(v, "element");
    if (items.length === 0) throw new EvaluationError("element(): the list is empty");
    const n = toNum(k, "element() index");
    if (n < 0) throw new EvaluationError("element(): a negative index");
    return items[Math.floor(n) % items.length] as Value;
  },
  lookup: ([m, k, d]) => {
    const v = plain(m ?? null);
    const key = plain(k ?? null);
    if (v instanceof Unknown) return v;
    if (key instanceof Unknown) return key;
    const o = object(v, "lookup");
    const s = toStr(key, "lookup() key");
    if (Object.hasOwn(o, s)) return o[s] as Value;
    if (d === undefined) throw new EvaluationError(`lookup(): no key "${s}" and no default`);
    return d;
  },
  length: ([x]) => {
    const v = plain(x ?? null);
    if (v instanceof Unknown) return v;
    if (typeof v === "string") return [...v].length;
    if (Array.isArray(v)) return v.length;
    if (v instanceof TfSet) return v.items.length;
    return Object.keys(object(v, "length")).length;
  },
  keys: ([x]) => {
    const v = plain(x ?? null);
    if (v instanceof Unknown) return v;
    return Object.keys(object(v, "keys")).sort();
  },
  values: ([x]) => {
    const v = plain(x ?? null);
    if (v instanceof Unknown) return v;
    const o = object(v, "values");
    return Object.keys(o)
      .sort()
      .map((k) => o[k] as Value);
  },
  tolist: ([x]) => {
    const v = plain(x ?? null);
    if (v instanceof Unknown || v === null) return v;
    return list(v, "tolist");
  },
  tomap: ([x]) => {
    const v = plain(x ?? null);
    if (v instanceof Unknown || v === null) return v;
    return object(v, "tomap");
  },
  slice: ([l, a, b]) => {
    const v = plain(l ?? null);
    if (v instanceof Unknown) return v;
    const from = plain(a ?? null);
    const to = plain(b ?? null);
    if (from instanceof Unknown) return from;
    if (to instanceof Unknown) return to;
    const items = list(v, "slice");
    const s = toNum(from, "slice() start");
    const e = toNum(to, "slice() end");
    if (s < 0 || e > items.length || s > e) throw new EvaluationError(`slice(): range ${s}..${e} is outside a list of ${items.length}`);
    return items.slice(s, e);
  },
  reverse: ([l]) => {
    const v = plain(l ?? null);
    if (v instanceof Unknown) return v;
    return [...list(v, "reverse")].reverse();
  },
  flatten: ([l]) => {
    const v = plain(l ?? null);
    if (v instanceof Unknown) return v;
    const out: Value[] = [];
    const walk = (items: Value[]) => {
      for (const i of items) {
        const p = plain(i);
        if (Array.isArray(p) || p instanceof TfSet) walk(list(p, "flatten"));
        else out.push(i);
      }
    };
    walk(list(v, "flatten"));
    return out;
  },
  compact: ([l]) => {
    const v = plain(l ?? null);
    if (v instanceof Unknown) return v;
    const items = list(v, "compact");
    const unknown = items.map((i) => plain(i)).filter((i): i is Unknown => i instanceof Unknown);
    if (unknown.length) return mergeUnknown(unknown);
    return items.filter((i) => !isNullish(i) && plain(i) !== "");
  },
  sensitive: ([x]) => x ?? null,
  nonsensitive: ([x]) => x ?? null,
  tostring: ([x]) => {
    const v = plain(x ?? null);
    if (v === null || v instanceof Unknown) return x ?? null;
    if (typeof v === "string") return x ?? null;
    return toStr(v, "tostring()");
  },
};

// ---- functions that need every argument known -------------------------------------------------

function fmt(pattern: string, args: Value[]): string {
  let n = 0;
  return pattern.replace(/%(-?)(0?)(\d*)(?:\.(\d+))?([%sdvqtfxXeEgGob])/g, (whole, left, zero, width, prec, verb) => {
    if (verb === "%") return "%";
    const a = args[n++];
    if (a === undefined) throw new EvaluationError(`format(): not enough arguments for ${whole}`);
    let s: string;
    switch (verb) {
      case "s":
        s = toStr(a, "format() %s");
        break;
      case "v":
        s = typeof a === "string" || typeof a === "number" || typeof a === "boolean" ? toStr(a, "format() %v") : jsonencode(a);
        break;
      case "q":
        s = JSON.stringify(toStr(a, "format() %q"));
        break;
      case "d":
        s = String(Math.trunc(toNum(a, "format() %d")));
        break;
      case "t":
        s = toBool(a, "format() %t") ? "true" : "false";
        break;
      case "f":
      case "e":
      case "E":
      case "g":
      case "G":
        s = verb === "f" ? toNum(a, "format() %f").toFixed(prec === undefined ? 6 : Number(prec)) : String(toNum(a, "format()"));
        break;
      case "x":
        s = typeof a === "number" ? Math.trunc(a).toString(16) : Buffer.from(toStr(a, "format() %x")).toString("hex");
        break;
      case "X":
        s = (typeof a === "number" ? Math.trunc(a).toString(16) : Buffer.from(toStr(a, "format() %X")).toString("hex")).toUpperCase();
        break;
      case "o":
        s = Math.trunc(toNum(a, "format() %o")).toString(8);
        break;
      default:
        s = Math.trunc(toNum(a, "format() %b")).toString(2);
    }
    const w = width ? Number(width) : 0;
    if (s.length < w) s = left ? s.padEnd(w) : zero && verb !== "s" ? s.padStart(w, "0") : s.padStart(w);
    return s;
  });
}

function jsonencode(v: Value): string {
  const sorted = (x: Value): unknown => {
    if (Array.isArray(x)) return x.map(sorted);
    if (isRecord(x))
      return Object.fromEntries(
        Object.keys(x)
          .sort()
          .map((k) => [k, sorted(x[k] as Value)]),
      );
    return x;
  };
  return JSON.stringify(sorted(v));
}

/** Terraform's regex flavour (RE2) read as a JavaScript regex; named groups and flags like `(?i)` are translated. */
function re(pattern: string, flags = ""): RegExp {
  let p = pattern;
  let f = flags;
  const m = /^\(\?([a-z]+)\)/.exec(p);
  if (m) {
    p = p.slice(m[0].length);
    if ((m[1] as string).includes("i")) f += "i";
    if ((m[1] as string).includes("s")) f += "s";
    if ((m[1] as string).includes("m")) f += "m";
  }
  return new RegExp(p.replace(/\(\?P</g, "(?<"), f);
}

function ipv4(s: string): number {
  const parts = s.split(".").map(Number);
  if (parts.length !== 4 || parts.some((x) => !Number.isInteger(x) || x < 0 || x > 255))
    throw new EvaluationError(`"${s}" is not an IPv4 address`);
  return (((parts[0] as number) << 24) >>> 0) + ((parts[1] as number) << 16) + ((parts[2] as number) << 8) + (parts[3] as number);
}

function ipv4Text(n: number): string {
  return [24, 16, 8, 0].map((s) => (n >>> s) & 255).join(".");
}

function cidr(prefix: string): { base: number; bits: number } {
  const [addr = "", len = ""] = prefix.split("/");
  if (addr.includes(":")) throw new EvaluationError("IPv6 CIDR functions are not evaluated by the plan loader");
  const bits = Number(len);
  if (!Number.isInteger(bits) || bits < 0 || bits > 32) throw new EvaluationError(`"${prefix}" is not a CIDR prefix`);
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return { base: (ipv4(addr) & mask) >>> 0, bits };
}

function sortedSet(items: Value[]): TfSet {
  const out: Value[] = [];
  for (const i of items) if (!out.some((o) => equal(o, i))) out.push(i);
  // Terraform orders sets of strings lexically; of numbers, numerically.
  if (out.every((i) => typeof i === "string")) out.sort((a, b) => ((a as string) < (b as string) ? -1 : a === b ? 0 : 1));
  else if (out.every((i) => typeof i === "number")) out.sort((a, b) => (a as number) - (b as number));
  return new TfSet(out);
}

const num = (args: Value[], i: number, fn: string) => toNum(arg(args, i), `${fn}()`);
const str = (args: Value[], i: number, fn: string) => toStr(arg(args, i), `${fn}()`);

const STRICT: Readonly<Record<string, Fn>> = {
  // Collections
  toset: ([x]) => (x === null || x === undefined ? null : sortedSet(list(x, "toset"))),
  distinct: ([x]) => {
    const out: Value[] = [];
    for (const i of list(x ?? null, "distinct")) if (!out.some((o) => equal(o, i))) out.push(i);
    return out;
  },
  contains: ([l, v]) => list(l ?? null, "contains").some((i) => equal(i, v ?? null)),
  index: ([l, v]) => {
    const i = list(l ?? null, "index").findIndex((x) => equal(x, v ?? null));
    if (i < 0) throw new EvaluationError("index(): the value is not in the list");
    return i;
  },
  zipmap: ([k, v]) => {
    const keys = list(k ?? null, "zipmap");
    const values = list(v ?? null, "zipmap");
    if (keys.length !== values.length) throw new EvaluationError("zipmap(): the lists differ in length");
    return Object.fromEntries(keys.map((x, i) => [toStr(x, "zipmap() key"), values[i] as Value]));
  },
  range: (args) => {
    const [start, end, step] =
      args.length === 1
        ? [0, num(args, 0, "range"), 1]
        : [num(args, 0, "range"), num(args, 1, "range"), args.length > 2 ? num(args, 2, "range") : 1];
    if (step === 0) throw new EvaluationError("range(): step 0");
    const out: number[] = [];
    for (let i = start; step > 0 ? i < end : i > end; i += step) {
      out.push(i);
      if (out.length > 1024) throw new EvaluationError("range(): more than 1024 elements");
    }
    return out;
  },
  chunklist: ([l, n]) => {
    const items = list(l ?? null, "chunklist");
    const size = toNum(n ?? null, "chunklist()");
    if (size <= 0) return [items];
    const out: Value[] = [];
    for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
    return out;
  },
  sort: ([l]) =>
    list(l ?? null, "sort")
      .map((x) => toStr(x, "sort()"))
      .sort(),
  setunion: (args) => sortedSet(args.flatMap((a) => list(a, "setunion"))),
  setintersection: (args) => {
    const [first = [], ...rest] = args.map((a) => list(a, "setintersection"));
    return sortedSet(first.filter((x) => rest.every((r) => r.some((y) => equal(x, y)))));
  },
  setsubtract: ([a, b]) => {
    const right = list(b ?? null, "setsubtract");
    return sortedSet(list(a ?? null, "setsubtract").filter((x) => !right.some((y) => equal(x, y))));
  },
  setproduct: (args) => {
    let out: Value[][] = [[]];
    for (const a of args) out = out.flatMap((prefix) => list(a, "setproduct").map((x) => [...prefix, x]));
    return out;
  },
  transpose: ([m]) => {
    const out = record<string[]>();
    for (const [k, vs] of Object.entries(object(m ?? null, "transpose")))
      for (const v of list(vs, "transpose")) {
        const key = toStr(v, "transpose()");
        out[key] = [...(out[key] ?? []), k];
      }
    return out;
  },
  matchkeys: ([values, keys, search]) => {
    const vs = list(values ?? null, "matchkeys");
    const ks = list(keys ?? null, "matchkeys");
    const wanted = list(search ?? null, "matchkeys");
    return vs.filter((_, i) => wanted.some((w) => equal(w, ks[i] ?? null)));
  },
  alltrue: ([l]) => list(l ?? null, "alltrue").every((x) => toBool(x, "alltrue()")),
  anytrue: ([l]) => list(l ?? null, "anytrue").some((x) => toBool(x, "anytrue()")),
  sum: ([l]) => list(l ?? null, "sum").reduce<number>((s, x) => s + toNum(x, "sum()"), 0),
  // Numbers
  max: (args) => {
    if (!args.length) throw new EvaluationError("max(): at least one number");
    return Math.max(...args.map((a) => toNum(a, "max()")));
  },
  min: (args) => {
    if (!args.length) throw new EvaluationError("min(): at least one number");
    return Math.min(...args.map((a) => toNum(a, "min()")));
  },
  abs: (args) => Math.abs(num(args, 0, "abs")),
  ceil: (args) => Math.ceil(num(args, 0, "ceil")),
  floor: (args) => Math.floor(num(args, 0, "floor")),
  pow: (args) => num(args, 0, "pow") ** num(args, 1, "pow"),
  log: (args) => Math.log(num(args, 0, "log")) / Math.log(num(args, 1, "log")),
  signum: (args) => Math.sign(num(args, 0, "signum")),
  parseint: (args) => {
    const n = Number.parseInt(str(args, 0, "parseint"), num(args, 1, "parseint"));
    if (Number.isNaN(n)) throw new EvaluationError("parseint(): not a number in that base");
    return n;
  },
  tonumber: ([x]) => (x === null || x === undefined ? null : toNum(x, "tonumber()")),
  tobool: ([x]) => (x === null || x === undefined ? null : toBool(x, "tobool()")),
  // Strings
  format: ([p, ...rest]) => fmt(toStr(p ?? null, "format()"), rest),
  formatlist: ([p, ...rest]) => {
    const pattern = toStr(p ?? null, "formatlist()");
    const lists = rest.map((r) => (Array.isArray(r) ? r : null));
    const n = Math.max(0, ...lists.map((l) => l?.length ?? 0));
    return Array.from({ length: n }, (_, i) =>
      fmt(
        pattern,
        rest.map((r, j) => (lists[j] ? ((lists[j] as Value[])[i] ?? null) : r)),
      ),
    );
  },
  join: ([sep, ...lists]) =>
    lists
      .flatMap((l) => list(l, "join"))
      .map((x) => toStr(x, "join()"))
      .join(toStr(sep ?? null, "join()")),
  split: (args) => str(args, 1, "split").split(str(args, 0, "split")),
  lower: (args) => str(args, 0, "lower").toLowerCase(),
  upper: (args) => str(args, 0, "upper").toUpperCase(),
  title: (args) => str(args, 0, "title").replace(/\b\w/g, (c) => c.toUpperCase()),
  trimspace: (args) => str(args, 0, "trimspace").trim(),
  trim: (args) => {
    const chars = new Set(str(args, 1, "trim"));
    let s = str(args, 0, "trim");
    while (s && chars.has(s[0] as string)) s = s.slice(1);
    while (s && chars.has(s.at(-1) as string)) s = s.slice(0, -1);
    return s;
  },
  trimprefix: (args) => {
    const s = str(args, 0, "trimprefix");
    const p = str(args, 1, "trimprefix");
    return s.startsWith(p) ? s.slice(p.length) : s;
  },
  trimsuffix: (args) => {
    const s = str(args, 0, "trimsuffix");
    const p = str(args, 1, "trimsuffix");
    return p && s.endsWith(p) ? s.slice(0, -p.length) : s;
  },
  startswith: (args) => str(args, 0, "startswith").startsWith(str(args, 1, "startswith")),
  endswith: (args) => str(args, 0, "endswith").endsWith(str(args, 1, "endswith")),
  strcontains: (args) => str(args, 0, "strcontains").includes(str(args, 1, "strcontains")),
  strrev: (args) => [...str(args, 0, "strrev")].reverse().join(""),
  substr: (args) => {
    const chars = [...str(args, 0, "substr")];
    let offset = num(args, 1, "substr");
    const length = num(args, 2, "substr");
    if (offset < 0) offset = chars.length + offset;
    return chars.slice(offset, length < 0 ? undefined : offset + length).join("");
  },
  replace: (args) => {
    const s = str(args, 0, "replace");
    const search = str(args, 1, "replace");
    const by = str(args, 2, "replace");
    if (search.length > 1 && search.startsWith("/") && search.endsWith("/"))
      return s.replace(re(search.slice(1, -1), "g"), by.replace(/\$\{?(\w+)\}?/g, "$<$1>").replace(/\$<(\d+)>/g, "$$$1"));
    return s.split(search).join(by);
  },
  regex: (args) => {
    const m = re(str(args, 0, "regex")).exec(str(args, 1, "regex"));
    if (!m) throw new EvaluationError("regex(): no match");
    if (m.groups) return { ...m.groups } as Value;
    return m.length > 1 ? m.slice(1).map((x) => x ?? null) : m[0];
  },
  regexall: (args) => {
    const out: Value[] = [];
    for (const m of str(args, 1, "regexall").matchAll(re(str(args, 0, "regexall"), "g")))
      out.push(m.groups ? ({ ...m.groups } as Value) : m.length > 1 ? m.slice(1).map((x) => x ?? null) : m[0]);
    return out;
  },
  indent: (args) => {
    const pad = " ".repeat(num(args, 0, "indent"));
    return str(args, 1, "indent").replace(/\n/g, `\n${pad}`);
  },
  chomp: (args) => str(args, 0, "chomp").replace(/(\r?\n)+$/, ""),
  // Encoding and hashing
  jsonencode: ([x]) => jsonencode(x ?? null),
  jsondecode: (args) => JSON.parse(str(args, 0, "jsondecode")) as Value,
  base64encode: (args) => Buffer.from(str(args, 0, "base64encode")).toString("base64"),
  base64decode: (args) => Buffer.from(str(args, 0, "base64decode"), "base64").toString("utf8"),
  md5: (args) =>
    createHash("md5")
      .update(str(args, 0, "md5"))
      .digest("hex"),
  sha1: (args) =>
    createHash("sha1")
      .update(str(args, 0, "sha1"))
      .digest("hex"),
  sha256: (args) =>
    createHash("sha256")
      .update(str(args, 0, "sha256"))
      .digest("hex"),
  sha512: (args) =>
    createHash("sha512")
      .update(str(args, 0, "sha512"))
      .digest("hex"),
  urlencode: (args) => encodeURIComponent(str(args, 0, "urlencode")),
  basename: (args) => str(args, 0, "basename").replace(/\/+$/, "").split("/").at(-1) ?? "",
  dirname: (args) => {
    const parts = str(args, 0, "dirname").split("/");
    return parts.length > 1 ? parts.slice(0, -1).join("/") || "/" : ".";
  },
  // Network
  cidrsubnet: (args) => {
    const { base, bits } = cidr(str(args, 0, "cidrsubnet"));
    const newbits = num(args, 1, "cidrsubnet");
    const netnum = num(args, 2, "cidrsubnet");
    const len = bits + newbits;
    if (len > 32 || netnum >= 2 ** newbits) throw new EvaluationError("cidrsubnet(): the new network does not fit");
    return `${ipv4Text((base + netnum * 2 ** (32 - len)) >>> 0)}/${len}`;
  },
  cidrsubnets: (args) => {
    const { base, bits } = cidr(str(args, 0, "cidrsubnets"));
    let next = base;
    return args.slice(1).map((a) => {
      const len = bits + toNum(a, "cidrsubnets()");
      const size = 2 ** (32 - len);
      next = Math.ceil(next / size) * size;
      const out = `${ipv4Text(next >>> 0)}/${len}`;
      next += size;
      return out;
    });
  },
  cidrhost: (args) => {
    const { base, bits } = cidr(str(args, 0, "cidrhost"));
    const n = num(args, 1, "cidrhost");
    const size = 2 ** (32 - bits);
    return ipv4Text((base + (n < 0 ? size + n : n)) >>> 0);
  },
  cidrnetmask: (args) => {
    const { bits } = cidr(str(args, 0, "cidrnetmask"));
    return ipv4Text(bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0);
  },
  // Types
  type: ([x]) => typeName(x ?? null),
};

/** Names the loader evaluates (for docs and tests). */
export const EVALUATED_FUNCTIONS: readonly string[] = ["try", "can", ...Object.keys(PASSING), ...Object.keys(STRICT)].sort();
