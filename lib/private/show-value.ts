/**
 * A value as a validation message shows it ("got …"): JSON's spelling for what JSON can say, and
 * safe for what props may hold that JSON cannot. `JSON.stringify` throws on a cycle (a construct
 * passed as a prop points at its scope, which points back), prints NaN and Infinity as `null`, and
 * copies a 10 MB string into the message whole. Here:
 * - NaN, Infinity, -Infinity, undefined, bigints, functions and symbols are named as they are;
 * - a value met again on the path from the root is `[Circular]`;
 * - nesting deeper than {@link DEPTH_MAX} is `{…}` / `[…]`, long arrays and objects end in `…N more`;
 * - strings longer than {@link STRING_MAX} are cut with their length, and the whole text is capped.
 * Objects made by a class (constructs, tokens) show their class name and construct path, not their
 * internals.
 */

const DEPTH_MAX = 4;
const ITEMS_MAX = 10;
const STRING_MAX = 120;
const TEXT_MAX = 400;

/** `value` in JSON form where possible, bounded in size and depth; never throws. */
export function showValue(value: unknown): string {
  const text = render(value, 0, []);
  return text.length <= TEXT_MAX ? text : `${text.slice(0, TEXT_MAX)}… (${text.length} characters)`;
}

function render(v: unknown, depth: number, path: readonly object[]): string {
  switch (typeof v) {
    case "string":
      return v.length <= STRING_MAX ? JSON.stringify(v) : `${JSON.stringify(v.slice(0, STRING_MAX))}… (${v.length} characters)`;
    case "number":
      return Number.isFinite(v) ? JSON.stringify(v) : String(v);
    case "boolean":
      return String(v);
    case "undefined":
      return "undefined";
    case "bigint":
      return `${v}n`;
    case "symbol":
      return v.toString();
    case "function":
      return `[function ${v.name || "(anonymous)"}]`;
    default:
      break;
  }
  if (v === null) return "null";
  const o = v as object;
  if (path.includes(o)) return "[Circular]";
  const named = className(o);
  if (named !== undefined) return named;
  const inner = [...path, o];
  if (Array.isArray(o)) {
    if (depth >= DEPTH_MAX) return o.length ? "[…]" : "[]";
    const items = o.slice(0, ITEMS_MAX).map((x) => render(x, depth + 1, inner));
    if (o.length > ITEMS_MAX) items.push(`…${o.length - ITEMS_MAX} more`);
    return `[${items.join(",")}]`;
  }
  const keys = Object.keys(o);
  if (depth >= DEPTH_MAX) return keys.length ? "{…}" : "{}";
  const entries = keys.slice(0, ITEMS_MAX).map((k) => `${JSON.stringify(k)}:${render(safeGet(o, k), depth + 1, inner)}`);
  if (keys.length > ITEMS_MAX) entries.push(`…${keys.length - ITEMS_MAX} more`);
  return `{${entries.join(",")}}`;
}

/** `[Vpc test/Network]` for an instance of a class (a construct with its path), undefined for plain data. */
function className(o: object): string | undefined {
  const proto = Object.getPrototypeOf(o);
  if (proto === null || proto === Object.prototype || proto === Array.prototype) return undefined;
  const name = (proto.constructor as { name?: unknown } | undefined)?.name;
  const nodePath = (safeGet(o, "node") as { path?: unknown } | undefined)?.path;
  const label = typeof name === "string" && name ? name : "object";
  return typeof nodePath === "string" ? `[${label} ${nodePath || "(root)"}]` : `[${label}]`;
}

/** A property read that survives a throwing getter (a proxy, a token). */
function safeGet(o: object, key: string): unknown {
  try {
    return (o as Record<string, unknown>)[key];
  } catch {
    return "[unreadable]";
  }
}
