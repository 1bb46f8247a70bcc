/**
 * Files the CLI writes (reports, traces). Paths are checked before the run, so bad input fails
 * fast with nothing written; the write itself goes to a temporary file renamed into place, so a
 * reader never sees half a report.
 */
import { existsSync, renameSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { CliInputError } from "./cli-error";

/** Throws a CliInputError unless `path` can be created or replaced as a file. */
export function checkOutputPath(flag: string, path: string): void {
  const dir = dirname(path);
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new CliInputError(flag, path, `is in a folder that does not exist (${dir})`, `create ${dir} first, or write the file elsewhere`);
  if (existsSync(path) && statSync(path).isDirectory())
    throw new CliInputError(flag, path, "is a folder", `name a file, e.g. ${flag} ${join(path, "report.html")}`);
}

/** Writes `text` to `path` through a temporary sibling and a rename. */
export function writeAtomically(path: string, text: string): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}
