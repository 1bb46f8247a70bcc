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

/** The key of a write id (the same string always gets the same key, within a process). */
export function writeKey(id: string): number {
  if (id === lastId) return lastKey;
  const at = id.lastIndexOf("-w");
  const n = at < 0 ? -1 : counter(id, at + 2);
  const key = n < 0 ? intern(id) * SPAN + WHOLE : intern(id.slice(0, at + 2)) * SPAN + n;
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

/** The `n` of a key, and its prefix's index (what a table stores per write). */
function split(key: number): { n: number; owner: number } {
  const n = key % SPAN;
  return { n, owner: (key - n) / SPAN + 1 };
}

/**
 * Numbers per write, by key: `width` Int32 columns indexed by the write's `n`, and the prefix that
 * owns each `n` (a workload numbers its writes across clients, so each `n` has one owner); keys
 * that do not fit (a second owner of an `n`, a whole-string id, a large `n`) go to a small map.
 * A value of 0 means "not set"; `has` is whether the write was ever `add`ed.
 */
export class WriteTable {
  private owner = new Uint16Array(256);
  private cols: Int32Array[];
  private readonly others = new Map<number, Int32Array>();
  /** Writes added. */
  size = 0;

  constructor(private readonly width: number) {
    this.cols = Array.from({ length: width }, () => new Int32Array(256));
  }

  has(key: number): boolean {
    return this.row(key, false) !== undefined;
  }

  /** Column `col` of the write (0 when absent or unset). */
  get(key: number, col: number): number {
    const r = this.row(key, false);
    if (r === undefined) return 0;
    return typeof r === "number" ? ((this.cols[col] as Int32Array)[r] as number) : (r[col] as number);
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
    if (typeof r === "number") (this.cols[col] as Int32Array)[r] = value;
    else r[col] = value;
  }

  /** The write's index in the columns, or its own row in the map; created when `create`. */
  private row(key: number, create: boolean): number | Int32Array | undefined {
    const { n, owner } = split(key);
    if (n < 1 << 28 && owner < 65_536) {
      if (n < this.owner.length) {
        const o = this.owner[n] as number;
        if (o === owner) return n;
        if (o === 0 && create) {
          this.owner[n] = owner;
          return n;
        }
      } else if (create) {
        this.grow(n);
        this.owner[n] = owner;
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

  private grow(n: number): void {
    let size = this.owner.length;
    while (size <= n) size *= 2;
    const owner = new Uint16Array(size);
    owner.set(this.owner);
    this.owner = owner;
    this.cols = this.cols.map((c) => {
      const grown = new Int32Array(size);
      grown.set(c);
      return grown;
    });
  }

  /** Bytes the table holds (its columns and the map's rows, roughly): for the memory tests. */
  get bytes(): number {
    return this.owner.byteLength + this.cols.reduce((s, c) => s + c.byteLength, 0) + this.others.size * (64 + 4 * this.width);
  }
}

/** A growable column of doubles (8 bytes an entry, no object per entry). */
export class Float64Column {
  private data = new Float64Array(256);
  length = 0;

  push(x: number): void {
    if (this.length === this.data.length) {
      const grown = new Float64Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = x;
  }

  at(i: number): number {
    return this.data[i] as number;
  }

  set(i: number, x: number): void {
    if (i >= 0 && i < this.length) this.data[i] = x;
  }

  get bytes(): number {
    return this.data.byteLength;
  }
}
