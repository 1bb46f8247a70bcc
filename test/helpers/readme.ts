/**
 * README.md's sections, for tests written before the docs/ pages: `readmeBlocks("## Quick start")`
 * is `docBlocks("README.md", "Quick start")`. New tests use ./docs directly.
 */
import { docBlocks, type Fence, runDocExample } from "./docs";

/** The fenced blocks of a README section, given its heading line (`## Quick start`). */
export function readmeBlocks(heading: string): Fence[] {
  return docBlocks("README.md", heading.replace(/^#+\s*/, "").trim());
}

/** Runs a README TypeScript example against the built package; returns what it printed. */
export const runReadmeExample = runDocExample;
