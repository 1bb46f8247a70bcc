/**
 * The one way the runtime reads a file a user names (plans, scenario files): bounded, and honest
 * about what the file is. Without it a FIFO as a plan hangs forever, `/dev/zero` grows the heap
 * until the machine swaps, a UTF-8 BOM or a UTF-16 file reads as "Unexpected token", a symlink
 * loop reads as "no such file", and a duplicate key silently keeps its last value.
 *
 * - Regular files only: the file is opened without blocking (a FIFO opens at once) and refused by
 *   `fstat` unless it is a regular file, before a byte is read.
 * - A size cap (default {@link INPUT_SIZE_DEFAULT}), checked on the size `fstat` reports and again
 *   while reading, since some regular files report a size of 0 (`/proc`).
 * - Encodings: a UTF-8 byte order mark is skipped; UTF-16 and UTF-32 (with or without a mark) and
 *   anything else that is not UTF-8 are refused by name.
 * - JSON: syntax by `JSON.parse` (iterative in V8, so depth does not overflow the stack). Then
 *   every key written twice in one object (Terraform refuses those: "Duplicate argument";
 *   `JSON.parse` keeps the last), every number too large to be finite (`1e999` parses to
 *   Infinity), and nesting deeper than {@link JSON_DEPTH_MAX} levels, which the loader's walks
 *   could not follow, are refused with JSON paths. A document is proven free of all three by a
 *   count of colons and one iterative walk of the parsed value (see {@link provenClean}); any
 *   other is scanned token by token with jsonc-parser's scanner, which finds and names them.
 */

import { constants as bufferConstants, isUtf8 } from "node:buffer";
import { closeSync, constants, fstatSync, lstatSync, openSync, readlinkSync, readSync, type Stats } from "node:fs";
import { createScanner } from "jsonc-parser";
import { shortPath } from "./hcl/nesting";

/**
 * Default cap on a file's size: 256 MiB. A synthesized plan is kilobytes to a few megabytes and a
 * `terraform show -json` of a large state tens of megabytes, so this leaves two orders of magnitude;
 * parsing 256 MiB of JSON takes about 1.5–2.5 GB of heap, within Node's default limit on a 4 GB
 * machine. Above it a file is almost surely not a plan (a device, a log, a runaway generator).
 */
export const INPUT_SIZE_DEFAULT = 256 * 1024 * 1024;

/** The most any cap may be: the longest string V8 holds (~512 MiB); a larger file cannot be decoded. */
export const INPUT_SIZE_MAX = bufferConstants.MAX_STRING_LENGTH;

export interface InputLimits {
  /**
   * Refuse files larger than this many bytes.
   * @default INPUT_SIZE_DEFAULT (256 MiB)
   */
  readonly maxBytes?: number;
}

const BRAND = Symbol.for("cdktf-resilience.InputFileError");

/** A file that cannot be read as text: `reason` says what it is, `fix` what to do. */
export class InputFileError extends Error {
  readonly reason: string;
  readonly fix: string;

  constructor(reason: string, fix: string) {
    super(reason);
    this.name = "InputFileError";
    this.reason = reason;
    this.fix = fix;
    Object.defineProperty(this, BRAND, { value: true });
  }
}

export function isInputFileError(x: unknown): x is InputFileError {
  return typeof x === "object" && x !== null && BRAND in x;
}

/** `1.5 GiB`-style size, for messages. */
export function formatBytes(n: number): string {
  const units = ["bytes", "KiB", "MiB", "GiB", "TiB"];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return i === 0 ? `${n} bytes` : `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

/** Reads `path` as UTF-8 text under the rules above; throws an InputFileError naming what is wrong. */
export function readInputFile(path: string, limits: InputLimits = {}): string {
  const maxBytes = limits.maxBytes ?? INPUT_SIZE_DEFAULT;
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO for reading returns at once instead of waiting for a writer.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (e) {
    throw openError(path, e as NodeJS.ErrnoException);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new InputFileError(`it is ${kindOf(st)}, not a regular file`, "pass the path of a regular file");
    if (st.size > maxBytes) throw tooLarge(st.size, maxBytes);
    return decode(readBounded(fd, maxBytes, st.size));
  } finally {
    closeSync(fd);
  }
}

function readBounded(fd: number, maxBytes: number, sizeHint: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(Math.min(Math.max(sizeHint - total, 64 * 1024), 16 * 1024 * 1024));
    let n: number;
    try {
      n = readSync(fd, chunk, 0, chunk.length, null);
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      throw new InputFileError(`it could not be read (${err.code ?? err.message})`, "check the file and the disk it is on");
    }
    if (n === 0) break;
    total += n;
    if (total > maxBytes) throw tooLarge(total, maxBytes, true);
    chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
  }
  return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, total);
}

function tooLarge(size: number, maxBytes: number, atLeast = false): InputFileError {
  return new InputFileError(
    `it is ${atLeast ? "more than " : ""}${formatBytes(size)} (${size} bytes), over the input size cap of ${formatBytes(maxBytes)}`,
    `pass a smaller file, or raise the cap with --max-input-size (up to ${formatBytes(INPUT_SIZE_MAX)})`,
  );
}

const SAVE_AS_UTF8 = "save it as UTF-8 (e.g. `iconv -t UTF-8`, or your editor's 'Save with encoding')";

/** Bytes → text: a UTF-8 BOM is skipped; UTF-16/32 and non-UTF-8 bytes are named. */
function decode(buf: Buffer): string {
  const b0 = buf[0];
  const b1 = buf[1];
  if (buf.length >= 4 && b0 === 0xff && b1 === 0xfe && buf[2] === 0 && buf[3] === 0)
    throw new InputFileError("it is UTF-32 text (little-endian, with a byte order mark)", SAVE_AS_UTF8);
  if (buf.length >= 4 && b0 === 0 && b1 === 0 && buf[2] === 0xfe && buf[3] === 0xff)
    throw new InputFileError("it is UTF-32 text (big-endian, with a byte order mark)", SAVE_AS_UTF8);
  if (b0 === 0xff && b1 === 0xfe) throw new InputFileError("it is UTF-16 text (little-endian, with a byte order mark)", SAVE_AS_UTF8);
  if (b0 === 0xfe && b1 === 0xff) throw new InputFileError("it is UTF-16 text (big-endian, with a byte order mark)", SAVE_AS_UTF8);
  // Without a mark, ASCII text in UTF-16 has a zero byte beside every character.
  if (buf.length >= 2 && b0 !== 0 && b1 === 0) throw new InputFileError("it looks like UTF-16 text (little-endian)", SAVE_AS_UTF8);
  if (buf.length >= 2 && b0 === 0 && b1 !== 0) throw new InputFileError("it looks like UTF-16 text (big-endian)", SAVE_AS_UTF8);
  const start = b0 === 0xef && b1 === 0xbb && buf[2] === 0xbf ? 3 : 0;
  const body = start ? buf.subarray(start) : buf;
  if (body.includes(0)) throw new InputFileError("it holds NUL bytes: a binary file, not JSON text", "pass the JSON file itself");
  if (!isUtf8(body)) throw new InputFileError("it is not UTF-8 text (invalid byte sequences)", SAVE_AS_UTF8);
  return body.toString("utf8");
}

function kindOf(st: Stats): string {
  if (st.isDirectory()) return "a folder";
  if (st.isFIFO()) return "a FIFO (named pipe)";
  if (st.isCharacterDevice()) return "a character device";
  if (st.isBlockDevice()) return "a block device";
  if (st.isSocket()) return "a socket";
  return "not a regular file";
}

/** Why `path` could not be opened, in words (a symlink loop is not "no such file"). */
export function openError(path: string, e: NodeJS.ErrnoException): InputFileError {
  switch (e.code) {
    case "ENOENT": {
      const target = danglingTarget(path);
      return target === undefined
        ? new InputFileError("no such file or directory", "check the path")
        : new InputFileError(
            `it is a symbolic link to ${target}, which does not exist`,
            "point the link at the file, or pass the file itself",
          );
    }
    case "ELOOP":
      return new InputFileError(
        "it is a symbolic link loop (ELOOP: too many levels of symbolic links)",
        "pass the file itself, or fix the links",
      );
    case "EACCES":
    case "EPERM":
      return new InputFileError(`permission denied (${e.code})`, "check the file's permissions");
    case "ENOTDIR":
      return new InputFileError("a part of the path is not a folder (ENOTDIR)", "check the path");
    case "ENAMETOOLONG":
      return new InputFileError("the path is too long (ENAMETOOLONG)", "check the path");
    case "ENXIO":
    case "ENODEV":
      return new InputFileError(`it is a device or socket that cannot be read as a file (${e.code})`, "pass the path of a regular file");
    default:
      return new InputFileError(`it could not be opened (${e.code ?? e.message})`, "check the path and the file's permissions");
  }
}

function danglingTarget(path: string): string | undefined {
  try {
    return lstatSync(path).isSymbolicLink() ? readlinkSync(path) : undefined;
  } catch {
    return undefined;
  }
}

/** A place in a JSON document that is wrong, in the form the loaders report. */
export interface JsonProblem {
  readonly path: string;
  readonly message: string;
  readonly expected: string;
}

export type JsonParse = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly problems: readonly JsonProblem[] };

/** Parses JSON text strictly: a leading BOM is skipped, a syntax error or any duplicate key is a problem. */
export function parseJsonStrict(text: string): JsonParse {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (e) {
    return { ok: false, problems: [{ path: "$", message: `it is not JSON (${(e as Error).message})`, expected: "a JSON document" }] };
  }
  // The token scan builds a path for every key; a clean document (nearly every one) is proven
  // clean without it, and only a suspect one is scanned for the problems and their paths.
  if (provenClean(body, value)) return { ok: true, value };
  const duplicates = jsonStructureProblems(body);
  return duplicates.length ? { ok: false, problems: duplicates } : { ok: true, value };
}

/**
 * True only when `text` (already parsed to `value`) has no key written twice in one object, no
 * number that is not finite and no nesting deeper than {@link JSON_DEPTH_MAX}: what
 * {@link jsonStructureProblems} reports. False means "scan it", not "it is wrong".
 *
 * The proof is a count of colons. Every colon outside a string in the text separates one key
 * from its value; every colon inside a string is written as `:` or as the escape `\u003a` /
 * `\u003A`. So the colons of the text plus those escape sequences (a `\\u003a`, an escaped
 * backslash, counts too: only ever too many) are at least the keys of the parsed value plus the
 * colons inside its strings (keys and values), and equal only when nothing was discarded. A key
 * written twice loses its first occurrence, at least that colon, to `JSON.parse`; so do
 * a non-finite number or a deep nesting under it, and those that survive are in `value`, where
 * one walk (iterative, any depth) sees them.
 */
export function provenClean(text: string, value: unknown): boolean {
  let written = 0;
  for (let i = text.indexOf(":"); i !== -1; i = text.indexOf(":", i + 1)) written++;
  for (let i = text.indexOf("\\u003"); i !== -1; i = text.indexOf("\\u003", i + 1)) {
    const c = text.charCodeAt(i + 5);
    if (c === 0x61 || c === 0x41) written++;
  }
  let parsed = 0;
  const colonsIn = (s: string) => {
    for (let i = s.indexOf(":"); i !== -1; i = s.indexOf(":", i + 1)) parsed++;
  };
  const values: unknown[] = [value];
  const depths: number[] = [0];
  while (values.length) {
    const v = values.pop();
    const depth = depths.pop() as number;
    if (typeof v === "string") colonsIn(v);
    else if (typeof v === "number") {
      if (!Number.isFinite(v)) return false;
    } else if (v !== null && typeof v === "object") {
      if (depth >= JSON_DEPTH_MAX) return false;
      if (Array.isArray(v))
        for (const x of v) {
          values.push(x);
          depths.push(depth + 1);
        }
      else
        for (const k of Object.keys(v)) {
          parsed++;
          colonsIn(k);
          values.push((v as Record<string, unknown>)[k]);
          depths.push(depth + 1);
        }
    }
  }
  return parsed === written;
}

// jsonc-parser's SyntaxKind is a const enum, which isolated modules cannot read: its values.
const OPEN_BRACE = 1;
const CLOSE_BRACE = 2;
const OPEN_BRACKET = 3;
const CLOSE_BRACKET = 4;
const COMMA = 5;
const COLON = 6;
const STRING = 10;
const NUMERIC = 11;
const EOF = 17;

/** At most this many problems are listed (a generated file can repeat a key thousands of times). */
const DUPLICATES_LISTED_MAX = 20;

/**
 * The deepest nesting of objects and arrays a plan or scenario file may have: 256 levels. The
 * deepest real plan among the test fixtures nests 15 levels, and `terraform show -json` adds about
 * five per level of child modules, so this leaves room for 45 levels of modules; a deeper document
 * is generated or hostile, and refusing it keeps every later walk of the values within the stack.
 */
export const JSON_DEPTH_MAX = 256;

interface Frame {
  readonly kind: "object" | "array";
  /** Keys seen so far (objects). */
  readonly keys: Set<string>;
  /** The path of this container. */
  readonly path: string;
  /** The key or index whose value is being read. */
  at: string;
  index: number;
}

/**
 * Every key written twice in one object of `text` (already known to be valid JSON), every number
 * that is not finite, and the first place nesting exceeds {@link JSON_DEPTH_MAX}, with JSON paths.
 * One pass over the tokens with an explicit stack: no recursion, so any depth is scanned safely.
 */
export function jsonStructureProblems(text: string): JsonProblem[] {
  const scanner = createScanner(text, true);
  const stack: Frame[] = [];
  const out: JsonProblem[] = [];
  let lastString: string | undefined;
  const childPath = () => {
    const top = stack.at(-1);
    return top ? `${top.path}${top.at}` : "$";
  };
  for (let kind = scanner.scan(); kind !== EOF; kind = scanner.scan()) {
    switch (kind) {
      case OPEN_BRACE:
      case OPEN_BRACKET: {
        const path = childPath();
        if (stack.length >= JSON_DEPTH_MAX) {
          out.push({
            path: shortPath(path),
            message: `the document nests deeper than ${JSON_DEPTH_MAX} levels of objects and lists here`,
            expected: `at most ${JSON_DEPTH_MAX} levels (a plan nests about 15; this is generated or hostile input)`,
          });
          return out;
        }
        stack.push({
          kind: kind === OPEN_BRACE ? "object" : "array",
          keys: new Set(),
          path,
          at: kind === OPEN_BRACKET ? "[0]" : "",
          index: 0,
        });
        break;
      }
      case CLOSE_BRACE:
      case CLOSE_BRACKET:
        stack.pop();
        break;
      case COMMA: {
        const top = stack.at(-1);
        if (top?.kind === "array") top.at = `[${++top.index}]`;
        break;
      }
      case STRING:
        lastString = scanner.getTokenValue();
        break;
      case NUMERIC: {
        const text = scanner.getTokenValue();
        if (!Number.isFinite(Number(text)) && out.length < DUPLICATES_LISTED_MAX)
          out.push({
            path: childPath(),
            message: `the number ${text.length > 40 ? `${text.slice(0, 40)}…` : text} is too large to be finite`,
            expected: "a finite number (no AWS attribute accepts one beyond ±1.8e308)",
          });
        break;
      }
      case COLON: {
        const top = stack.at(-1);
        if (top?.kind !== "object" || lastString === undefined) break;
        const key = lastString;
        top.at = memberPath(key);
        if (top.keys.has(key)) {
          if (out.length < DUPLICATES_LISTED_MAX)
            out.push({
              path: `${top.path}${top.at}`,
              message: `the key ${JSON.stringify(key)} appears more than once in this object (JSON readers keep only the last)`,
              expected: "each key once per object (Terraform refuses a repeated key: 'Duplicate argument')",
            });
        } else top.keys.add(key);
        break;
      }
      default:
        break;
    }
  }
  return out;
}

const PLAIN_KEY = /^[A-Za-z_$][\w$-]*$/;

function memberPath(key: string): string {
  return PLAIN_KEY.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}
