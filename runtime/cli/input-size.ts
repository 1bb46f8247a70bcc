/** `--max-input-size`: the cap on a plan or scenario file's size, for every command that reads one. */
import type { Command } from "commander";
import { formatBytes, INPUT_SIZE_DEFAULT, INPUT_SIZE_MAX, type InputLimits } from "../plan/input-file";
import { CliInputError } from "./cli-error";

export interface InputSizeFlags {
  readonly maxInputSize?: string;
}

export function addInputSizeOption(cmd: Command): Command {
  return cmd.option(
    "--max-input-size <size>",
    `refuse plan and scenario files larger than this (bytes, or with a unit: 512MiB, 1GiB; default ${formatBytes(INPUT_SIZE_DEFAULT)}, at most ${formatBytes(INPUT_SIZE_MAX)})`,
  );
}

const UNITS: Readonly<Record<string, number>> = {
  "": 1,
  b: 1,
  kb: 1e3,
  kib: 1024,
  mb: 1e6,
  mib: 1024 ** 2,
  gb: 1e9,
  gib: 1024 ** 3,
};

/** The limits the flag asks for (the default when it is absent); a bad size is a CliInputError. */
export function inputLimits(flags: InputSizeFlags): InputLimits {
  if (flags.maxInputSize === undefined) return {};
  const text = flags.maxInputSize;
  const m = /^(\d{1,12}(?:\.\d{1,3})?)\s*([a-z]*)$/i.exec(text.trim());
  const unit = UNITS[(m?.[2] ?? "").toLowerCase()];
  const bytes = m && unit !== undefined ? Math.floor(Number(m[1]) * unit) : Number.NaN;
  if (!Number.isSafeInteger(bytes) || bytes < 1 || bytes > INPUT_SIZE_MAX)
    throw new CliInputError(
      "--max-input-size",
      text,
      `is not a size from 1 byte to ${formatBytes(INPUT_SIZE_MAX)} (the longest text Node can hold)`,
      "pass bytes or a number with a unit, e.g. --max-input-size 512MiB",
    );
  return { maxBytes: bytes };
}
