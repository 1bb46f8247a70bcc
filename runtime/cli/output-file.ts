/**
 * Files the CLI writes (reports, traces). Every output is checked before the run, so bad input
 * fails fast with nothing written: an empty name, a missing or read-only folder, a name longer than
 * the file system allows, a folder, a symbolic link, a device or FIFO, an existing file (these last
 * three only with `--force`). The check creates and removes a probe file beside the target, which
 * proves the folder exists, can be written and takes a name of that length.
 *
 * The write goes to a temporary file beside the target (`.NAME.PID-N.tmp`, its length bounded
 * whatever the target's), which is then linked into place — `link` fails if a file appeared in the
 * meantime, so nothing is overwritten without `--force` — or renamed over the old file with it.
 * A reader never sees half a file; a failed write (a full disk) removes the temporary file and says
 * what happened. `-` writes to standard output.
 */
import {
  closeSync,
  constants,
  fsyncSync,
  linkSync,
  lstatSync,
  openSync,
  realpathSync,
  renameSync,
  type Stats,
  statSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { holdInterrupts } from "../real/interrupt-guard";
import { CliInputError } from "./cli-error";

/** The longest file name (bytes) the usual file systems take (ext4, xfs, btrfs, APFS, NTFS). */
const NAME_MAX = 255;

/** How much of the target's name the temporary name keeps, so it stays short. */
const TMP_NAME_KEEP = 64;

export interface OutputRequest {
  /** The flag that named it (`--report`), for messages. */
  readonly flag: string;
  readonly path: string;
}

type Target =
  | { readonly flag: string; readonly kind: "stdout" }
  /** A new file, or (`replace`) a regular file replaced with --force; `path` is where it goes (a link followed). */
  | { readonly flag: string; readonly kind: "file"; readonly shown: string; readonly path: string; readonly replace: boolean }
  /** A device or FIFO the user asked for with --force: written in place, as a shell redirection does. */
  | { readonly flag: string; readonly kind: "device"; readonly shown: string; readonly path: string };

/** Temporary files alive in this process; removed on exit whatever the path out. */
const live = new Set<string>();
let exitHook = false;

function track(tmp: string): void {
  live.add(tmp);
  if (!exitHook) {
    exitHook = true;
    process.once("exit", removeLiveTemporaries);
  }
}

function removeLiveTemporaries(): void {
  for (const tmp of live) removeQuietly(tmp);
  live.clear();
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
  live.delete(path);
}

/** The outputs of one command, checked together before any work. */
export class OutputFiles {
  private readonly targets: Target[];
  private readonly texts = new Map<string, string>();

  private constructor(targets: Target[]) {
    this.targets = targets;
  }

  /**
   * Checks every requested output; throws a CliInputError (exit 2) for the first that cannot be
   * written. `stdoutTaken` names what already prints on standard output (e.g. `--json`), if anything.
   */
  static check(requests: readonly OutputRequest[], options: { readonly force?: boolean; readonly stdoutTaken?: string } = {}): OutputFiles {
    const targets: Target[] = [];
    let stdoutBy = options.stdoutTaken;
    for (const r of requests) {
      if (r.path === "-") {
        if (stdoutBy !== undefined)
          throw new CliInputError(r.flag, "-", `and ${stdoutBy} both write to standard output`, `send ${r.flag} to a file instead`);
        stdoutBy = `${r.flag} -`;
        targets.push({ flag: r.flag, kind: "stdout" });
        continue;
      }
      const t = checkPath(r.flag, r.path, options.force === true);
      const same = targets.find((o) => o.kind !== "stdout" && t.kind !== "stdout" && o.path === t.path);
      if (same) throw new CliInputError(r.flag, r.path, `is also the ${same.flag} file`, `give ${r.flag} and ${same.flag} different files`);
      targets.push(t);
    }
    return new OutputFiles(targets);
  }

  /** True when `flag` writes to standard output (so the command prints its summary to stderr). */
  toStdout(flag?: string): boolean {
    return this.targets.some((t) => t.kind === "stdout" && (flag === undefined || t.flag === flag));
  }

  has(flag: string): boolean {
    return this.targets.some((t) => t.flag === flag);
  }

  /** Sets what `flag`'s output will hold; nothing is written before {@link commit}. */
  set(flag: string, text: string): void {
    this.texts.set(flag, text);
  }

  /**
   * Writes every output: all files first into temporary files, then each into place, then standard
   * output through `out`. On a failure nothing of it is left behind and a CliInputError says why.
   */
  commit(out: (text: string) => void): void {
    // Nothing to write: no signal handlers either (in-process callers run many commands in one turn).
    if (this.targets.length === 0) return;
    const staged: { target: Extract<Target, { kind: "file" }>; tmp: string }[] = [];
    const release = holdInterrupts(removeLiveTemporaries);
    try {
      for (const t of this.targets) {
        const text = this.texts.get(t.flag) ?? "";
        if (t.kind === "file") staged.push({ target: t, tmp: writeTemporary(t, text) });
      }
      for (const { target, tmp } of staged) place(target, tmp);
      for (const t of this.targets) {
        const text = this.texts.get(t.flag) ?? "";
        if (t.kind === "device") writeDevice(t, text);
        else if (t.kind === "stdout") out(text);
      }
    } finally {
      for (const { tmp } of staged) removeQuietly(tmp);
      release();
    }
  }
}

function checkPath(flag: string, path: string, force: boolean): Target {
  if (path === "") throw new CliInputError(flag, '""', "is an empty file name", `name a file, e.g. ${flag} out/${defaultName(flag)}`);
  const name = basename(path);
  if (path.endsWith("/") || name === "." || name === "..")
    throw new CliInputError(flag, path, "names a folder", `name a file, e.g. ${flag} ${join(path, defaultName(flag))}`);
  if (Buffer.byteLength(name) > NAME_MAX)
    throw new CliInputError(
      flag,
      shorten(path),
      `has a file name of ${Buffer.byteLength(name)} bytes; file systems allow at most ${NAME_MAX}`,
      "use a shorter file name",
    );
  const existing = lstatOrUndefined(flag, path);
  if (existing === undefined) {
    probeFolder(flag, path);
    return { flag, kind: "file", shown: path, path, replace: false };
  }
  if (existing.isSymbolicLink()) {
    if (!force)
      throw new CliInputError(
        flag,
        path,
        "is a symbolic link; writing would replace what it points at",
        `pass the real path, or add --force to write through the link`,
      );
    let real: string;
    try {
      real = realpathSync(path);
    } catch (e) {
      throw new CliInputError(
        flag,
        path,
        `is a symbolic link that does not resolve (${(e as NodeJS.ErrnoException).code})`,
        "fix the link or name another file",
      );
    }
    return existingTarget(flag, path, real, statSync(real), force);
  }
  return existingTarget(flag, path, path, existing, force);
}

function existingTarget(flag: string, shown: string, path: string, st: Stats, force: boolean): Target {
  if (st.isDirectory()) throw new CliInputError(flag, shown, "is a folder", `name a file, e.g. ${flag} ${join(shown, defaultName(flag))}`);
  if (st.isFile()) {
    if (!force) throw new CliInputError(flag, shown, "already exists", "name a new file, or add --force to replace it");
    probeFolder(flag, path);
    return { flag, kind: "file", shown, path, replace: true };
  }
  const kind = st.isFIFO()
    ? "a FIFO (named pipe)"
    : st.isCharacterDevice()
      ? "a character device"
      : st.isBlockDevice()
        ? "a block device"
        : "a socket";
  if (st.isSocket()) throw new CliInputError(flag, shown, `is ${kind}`, "name a regular file");
  if (!force)
    throw new CliInputError(
      flag,
      shown,
      `is ${kind}, not a regular file; replacing it with a file would break it`,
      `name a regular file, use ${flag} - for standard output, or add --force to write into it`,
    );
  return { flag, kind: "device", shown, path };
}

function lstatOrUndefined(flag: string, path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === "ENOENT") return undefined;
    throw pathError(flag, path, err);
  }
}

/** Creates and removes a file beside `path` with the temporary name's length: the folder takes it. */
function probeFolder(flag: string, path: string): void {
  let probe: { tmp: string; fd: number };
  try {
    probe = createTemporary(path, 0o600);
  } catch (e) {
    throw pathError(flag, path, e as NodeJS.ErrnoException);
  }
  closeSync(probe.fd);
  removeQuietly(probe.tmp);
}

let temporaries = 0;

/** `.NAME.PID-N.tmp` beside `path`: unique in this process, and its length bounded whatever NAME's. */
function temporaryName(path: string): string {
  return join(dirname(path), `.${truncateUtf8(basename(path), TMP_NAME_KEEP)}.${process.pid}-${++temporaries}.tmp`);
}

/** Creates a new temporary file beside `path` (never an existing one: O_EXCL, another name on EEXIST). */
function createTemporary(path: string, mode: number): { readonly tmp: string; readonly fd: number } {
  for (let attempt = 0; ; attempt++) {
    const tmp = temporaryName(path);
    try {
      return { tmp, fd: openSync(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, mode) };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST" || attempt >= 100) throw e;
    }
  }
}

function writeTemporary(t: Extract<Target, { kind: "file" }>, text: string): string {
  let tmp = "";
  let fd: number | undefined;
  try {
    ({ tmp, fd } = createTemporary(t.path, 0o666));
    track(tmp);
    writeAll(fd, text);
    fsyncSync(fd);
    return tmp;
  } catch (e) {
    if (tmp) removeQuietly(tmp);
    throw writeError(t.flag, t.shown, e as NodeJS.ErrnoException);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function place(t: Extract<Target, { kind: "file" }>, tmp: string): void {
  try {
    if (t.replace) renameSync(tmp, t.path);
    else linkOrRename(tmp, t.path);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === "EEXIST")
      throw new CliInputError(t.flag, t.shown, "appeared while the command ran", "name a new file, or add --force to replace it");
    throw writeError(t.flag, t.shown, err);
  }
}

/** Link (fails if the name was taken meanwhile); where links are not supported, rename if still free. */
function linkOrRename(tmp: string, path: string): void {
  try {
    linkSync(tmp, path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "EOPNOTSUPP" && code !== "ENOSYS") throw e;
    if (lstatOrUndefined("", path) !== undefined) throw Object.assign(new Error("exists"), { code: "EEXIST" });
    renameSync(tmp, path);
  }
}

function writeDevice(t: Extract<Target, { kind: "device" }>, text: string): void {
  let fd: number | undefined;
  try {
    // A FIFO nobody reads would block the open forever: ask without blocking first (ENXIO = no reader).
    if (lstatOrUndefined(t.flag, t.path)?.isFIFO()) closeSync(openSync(t.path, constants.O_WRONLY | constants.O_NONBLOCK));
    fd = openSync(t.path, constants.O_WRONLY | constants.O_NOCTTY);
    writeAll(fd, text);
  } catch (e) {
    throw writeError(t.flag, t.shown, e as NodeJS.ErrnoException);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function writeAll(fd: number, text: string): void {
  const buf = Buffer.from(text);
  for (let at = 0; at < buf.length; ) at += writeSync(fd, buf, at, buf.length - at);
}

/** Why a path cannot be created (checked before the run). */
function pathError(flag: string, path: string, e: NodeJS.ErrnoException): CliInputError {
  const dir = dirname(resolve(path));
  const shown = shorten(path);
  switch (e.code) {
    case "ENOENT":
      return new CliInputError(
        flag,
        shown,
        `is in a folder that does not exist (${dir})`,
        `create ${dir} first, or write the file elsewhere`,
      );
    case "ENOTDIR":
      return new CliInputError(flag, shown, "has a part that is not a folder (ENOTDIR)", "check the path");
    case "EACCES":
    case "EPERM":
      return new CliInputError(flag, shown, `cannot be written: permission denied in ${dir}`, "write the file to a folder you can write");
    case "EROFS":
      return new CliInputError(flag, shown, `is on a read-only file system (${dir})`, "write the file elsewhere");
    case "ENAMETOOLONG":
      return new CliInputError(flag, shown, "is too long a path for this file system (ENAMETOOLONG)", "use a shorter path or file name");
    case "ELOOP":
      return new CliInputError(flag, shown, "goes through a symbolic link loop (ELOOP)", "fix the links, or write the file elsewhere");
    case "ENOSPC":
    case "EDQUOT":
      return new CliInputError(
        flag,
        shown,
        `cannot be created: no space left in ${dir} (${e.code})`,
        "free some space, or write the file elsewhere",
      );
    default:
      return new CliInputError(flag, shown, `cannot be created (${e.code ?? e.message})`, "check the path, or write the file elsewhere");
  }
}

/** Why a write failed after the run (a full disk, most often): nothing was left behind. */
function writeError(flag: string, path: string, e: NodeJS.ErrnoException): CliInputError {
  const dir = dirname(resolve(path));
  const what =
    e.code === "ENOSPC" || e.code === "EDQUOT"
      ? `no space left on the device holding ${dir} (${e.code})`
      : e.code === "EIO"
        ? "an I/O error (EIO)"
        : e.code === "ENXIO"
          ? "the FIFO has no reader (ENXIO)"
          : `${e.code ?? e.message}`;
  return new CliInputError(
    flag,
    shorten(path),
    `could not be written: ${what}; nothing was left in its place`,
    "free some space or write the file elsewhere, then run the same command again (the same seed replays the same run)",
  );
}

function defaultName(flag: string): string {
  return flag === "--trace" ? "trace.txt" : "report.html";
}

function truncateUtf8(s: string, maxBytes: number): string {
  if (Buffer.byteLength(s) <= maxBytes) return s;
  let out = "";
  for (const ch of s) {
    if (Buffer.byteLength(out + ch) > maxBytes) break;
    out += ch;
  }
  return out;
}

function shorten(path: string): string {
  return path.length <= 120 ? path : `${path.slice(0, 60)}…${path.slice(-40)} (${path.length} characters)`;
}
