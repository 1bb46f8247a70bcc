/**
 * What a run modelled, one entry per plan resource (a resource several components model appears
 * once, with all of them), as the summary and the HTML report both show it.
 */
import type { EmulationResult } from "../contract/emulation-result";

export interface ModelledByResource {
  readonly resource: string;
  readonly components: readonly string[];
  /** Whether the scenario reached the resource (through any of its components). */
  readonly struck: boolean;
}

export function modelledByResource(r: EmulationResult): ModelledByResource[] {
  const byResource = new Map<string, { components: string[]; struck: boolean }>();
  for (const m of r.modelled) {
    const e = byResource.get(m.resource) ?? { components: [], struck: false };
    byResource.set(m.resource, { components: [...e.components, m.component], struck: e.struck || m.struck });
  }
  return [...byResource].map(([resource, e]) => ({ resource, ...e }));
}
