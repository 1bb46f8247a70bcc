import type { Checker } from "../../sim/checker";
import type { Invariant } from "../invariant";

/**
 * The same plan and seed give a byte-identical log. Within one
 * run it checks what would make the log differ between runs: every contingency line's data is plain
 * JSON (finite numbers, no functions or maps whose order could vary) and time never goes back. Given
 * the digests of a reference run of the same plan and seed, it also compares every contingency
 * line as it happens and names the first one that differs, instead of only a final hash mismatch.
 */
export interface DeterminismChecker extends Checker {
  /** One digest per contingency line so far (pass them as the reference of a replay). */
  digests(): readonly string[];
}

/** The same plan and seed give the same contingency log, line for line. */
export const invariant: Invariant = {
  id: "contingency/replays-byte-for-byte",
  description: "The same plan and seed give the same contingency log, line for line.",
};

export function determinism(reference?: readonly string[]): DeterminismChecker {
  const digests: string[] = [];
  let lastMs = 0;
  return {
    ...invariant,
    digests: () => digests,
    onEvent(e) {
      if (e.kind !== "contingency") return undefined;
      if (e.atMs < lastMs) return `a contingency line at ${e.atMs} ms follows one at ${lastMs} ms`;
      lastMs = e.atMs;
      const unstable = unstablePath(e.data, "data");
      if (unstable) return `${e.subject} ${e.detail}: ${unstable} would not replay byte for byte`;
      const digest = fnv1a(`${e.atMs} ${e.subject} ${e.detail} ${JSON.stringify(e.data)}`);
      const k = digests.length;
      digests.push(digest);
      const want = reference?.[k];
      if (reference !== undefined && want !== digest)
        return `contingency line ${k + 1} (${e.atMs} ms, ${e.detail}) differs from the reference run (${want === undefined ? "which had no such line" : `digest ${want}, now ${digest}`})`;
      return undefined;
    },
    atEnd() {
      return reference !== undefined && digests.length < reference.length
        ? `the reference run had ${reference.length} contingency lines, this one ${digests.length}`
        : undefined;
    },
  };
}

function unstablePath(v: unknown, path: string): string | undefined {
  if (typeof v === "number") return Number.isFinite(v) ? undefined : `${path} = ${v}`;
  if (typeof v === "function" || typeof v === "symbol" || typeof v === "bigint") return `${path} is a ${typeof v}`;
  if (v === null || typeof v !== "object") return undefined;
  if (Array.isArray(v)) {
    for (const [k, x] of v.entries()) {
      const p = unstablePath(x, `${path}[${k}]`);
      if (p) return p;
    }
    return undefined;
  }
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return `${path} is a ${proto?.constructor?.name ?? "non-plain object"}`;
  for (const [k, x] of Object.entries(v)) {
    const p = unstablePath(x, `${path}.${k}`);
    if (p) return p;
  }
  return undefined;
}

/** 32-bit FNV-1a as 8 hex digits: cheap, stable across platforms, enough to find the first differing line. */
function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, "0");
}
