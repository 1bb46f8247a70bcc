import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run } from "../../runtime/cli/main";

/** What one in-process CLI run printed and returned. */
export interface InProcessRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI in this process (no build needed); an internal error rejects, as the bin would exit 70. */
export async function runCli(...args: string[]): Promise<InProcessRun> {
  let stdout = "";
  let stderr = "";
  const code = await run(args, {
    out: (t) => {
      stdout += t;
    },
    err: (t) => {
      stderr += t;
    },
  });
  return { code, stdout, stderr };
}

/** A plan document edited by path in tests (`doc.resource.aws_x.y.tags = …`). */
// biome-ignore lint/suspicious/noExplicitAny: a test edits arbitrary Terraform JSON by path
export type PlanDoc = Record<string, any>;

/** Writes a changed copy of a JSON plan to a temporary file and returns its path. */
export function variantOf(path: string, change: (doc: PlanDoc) => void): string {
  const doc = JSON.parse(readFileSync(path, "utf8")) as PlanDoc;
  change(doc);
  const file = join(mkdtempSync(join(tmpdir(), "variant-")), "plan.tf.json");
  writeFileSync(file, JSON.stringify(doc));
  return file;
}
