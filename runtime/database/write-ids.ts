/**
 * Client write ids as numbers, and per-write tables that cost a few bytes a write instead of a
 * hash-map entry and a string: what lets the commit log and the checkers keep, for every write
 * of a long run, the one or two numbers they need. A workload's write id is `<prefix>-w<n>` with
 * `n` counting up across its clients (`warehouse/client-us-east-1a-w42`); the prefix is interned,
 * and any other string (a hand-written test id) is interned whole. `writeIdOf(writeKey(s)) === s`.
 */

/** Keys are `prefix × 2^31 + n`; a whole-string id has n = 2^31 − 1. */
const SPAN = 2 ** 31;
const WHOLE = SPAN - 1;
const prefixIndex = new Map<string, number>();
const prefixes: string[] = [];

function intern(prefix: string): number {
  let p = prefixIndex.get(prefix);
  if (p === undefined) {
    p = prefixes.length;
    prefixes.push(prefix);
    prefixIndex.set(prefix, p);
  }
  return p;
}

/** The number after `-w` when it is written plainly (no sign, no leading zero, at most 9 digits). */
function counter(id: string, from: number): number {
  const len = id.length - from;
  if (len < 1 || len > 9 || (len > 1 && id.charCodeAt(from) === 48)) return -1;
  let n = 0;
  for (let i = from; i < id.length; i++) {
    const d = id.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

let lastId = "";
let lastKey = -1;
/** Prefixes seen lately and their index: a workload's few clients' prefixes, checked before a slice and a map lookup. */
const recent: { prefix: string; p: number }[] = [];

/** The key of a write id (the same string always gets the same key, within a process). */
export function writeKey(id: string): number {
  if (id === lastId) return lastKey;
  let key = -1;
  for (const r of recent)
    if (id.length > r.prefix.length && id.startsWith(r.prefix)) {
      // The rest is the counter when it is plain digits; then the prefix's "-w" is the id's last.
      const n = counter(id, r.prefix.length);
      if (n >= 0) key = r.p * SPAN + n;
      break;
    }
  if (key < 0) {
    const at = id.lastIndexOf("-w");
    const n = at < 0 ? -1 : counter(id, at + 2);
    if (n < 0) key = intern(id) * SPAN + WHOLE;
    else {
      const prefix = id.slice(0, at + 2);
      const p = intern(prefix);
      key = p * SPAN + n;
      if (recent.length >= 16) recent.shift();
      recent.push({ prefix, p });
    }
  }
  lastId = id;
  lastKey = key;
  return key;
}

/** The write id of a key made by `writeKey`. */
export function writeIdOf(key: number): string {
  const n = key % SPAN;
  const prefix = prefixes[(key - n) / SPAN] as string;
  return n === WHOLE ? prefix : prefix + n;
}

/** The `n` of a key, and its prefix's index + 1 (what a table stores per write). */
function split(key: number): { n: number; owner: number } {
  const n = key % SPAN;
  return { n, owner: (key - n) / SPAN + 1 };
}

type Typed = Float64Array | Int32Array | Uint32Array | Uint16Array;

/** Entries per chunk: columns grow a chunk at a time (no doubling, no copy, no half-empty tail). */
const CHUNK_BITS = 12;
const CHUNK = 1 << CHUNK_BITS;

/** A column of numbers by index, in fixed-size typed chunks made on first write (unset entries read 0). */
class Chunked<A extends Typed> {
  private readonly chunks: (A | undefined)[] = [];

  constructor(private readonly make: (n: number) => A) {}

  get(i: number): number {
    const c = this.chunks[i >>> CHUNK_BITS];
    return c === undefined ? 0 : (c[i & (CHUNK - 1)] as number);
  }

  set(i: number, x: number): void {
    const k = i >>> CHUNK_BITS;
    let c = this.chunks[k];
    if (c === undefined) {
      while (this.chunks.length < k) this.chunks.push(undefined);
      c = this.make(CHUNK);
      this.chunks[k] = c;
    }
    c[i & (CHUNK - 1)] = x;
  }

  get bytes(): number {
    let b = 0;
    for (const c of this.chunks) if (c) b += c.byteLength;
    return b;
  }
}

/**
 * Numbers per write, by key: `width` Int32 columns indexed by the write's `n`, and the prefix that
 * owns each `n` (a workload numbers its writes across clients, so each `n` has one owner); keys
 * that do not fit (a second owner of an `n`, a whole-string id, a large `n`) go to a small map.
 * A value of 0 means "not set"; `has` is whether the write was ever `add`ed. 2 + 4 × width bytes a write.
 */
export class WriteTable {
  private readonly owner = new Chunked((n) => new Uint16Array(n));
  private readonly cols: Chunked<Int32Array>[];
  private readonly others = new Map<number, Int32Array>();
  /** Writes added. */
  size = 0;

  constructor(private readonly width: number) {
    this.cols = Array.from({ length: width }, () => new Chunked((n) => new Int32Array(n)));
  }

  has(key: number): boolean {
    return this.row(key, false) !== undefined;
  }

  /** Column `col` of the write (0 when absent or unset). */
  get(key: number, col: number): number {
    const r = this.row(key, false);
    if (r === undefined) return 0;
    return typeof r === "number" ? (this.cols[col] as Chunked<Int32Array>).get(r) : (r[col] as number);
  }

  /** Adds the write when new (true when it was). */
  add(key: number): boolean {
    if (this.row(key, false) !== undefined) return false;
    this.row(key, true);
    this.size++;
    return true;
  }

  /** Sets column `col` of the write, adding it when new. */
  set(key: number, col: number, value: number): void {
    this.add(key);
    const r = this.row(key, false) as number | Int32Array;
    if (typeof r === "number") (this.cols[col] as Chunked<Int32Array>).set(r, value);
    else r[col] = value;
  }

  /** The write's index in the columns, or its own row in the map; created when `create`. */
  private row(key: number, create: boolean): number | Int32Array | undefined {
    const { n, owner } = split(key);
    if (n < 1 << 28 && owner < 65_536) {
      const o = this.owner.get(n);
      if (o === owner) return n;
      if (o === 0 && create) {
        this.owner.set(n, owner);
        return n;
      }
    }
    let own = this.others.get(key);
    if (own === undefined && create) {
      own = new Int32Array(this.width);
      this.others.set(key, own);
    }
    return own;
  }

  /** Bytes the table holds (its columns and the map's rows, roughly): for the memory tests. */
  get bytes(): number {
    return this.owner.bytes + this.cols.reduce((s, c) => s + c.bytes, 0) + this.others.size * (64 + 4 * this.width);
  }
}

/** A growable column of numbers of one kind (doubles, or whole numbers that fit 32 bits), no object per entry. */
export class NumberColumn {
  private readonly data: Chunked<Float64Array | Int32Array | Uint32Array>;
  length = 0;

  constructor(kind: "float64" | "int32" | "uint32" = "float64") {
    this.data = new Chunked<Float64Array | Int32Array | Uint32Array>((n) =>
      kind === "int32" ? new Int32Array(n) : kind === "uint32" ? new Uint32Array(n) : new Float64Array(n),
    );
  }

  push(x: number): void {
    this.data.set(this.length++, x);
  }

  at(i: number): number {
    return this.data.get(i);
  }

  set(i: number, x: number): void {
    if (i >= 0 && i < this.length) this.data.set(i, x);
  }

  get bytes(): number {
    return this.data.bytes;
  }
}
