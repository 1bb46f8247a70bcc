import type { IConstruct } from "./cdktf";
import { acknowledgementWithoutReason, unknownAcknowledgement } from "./errors";

const METADATA_TYPE = "cdktf-resilience:acknowledgement";
const knownWarningIds = new Set<string>();

/** Called by each rule table at load time so acknowledgements of unknown ids can be rejected. */
export function registerWarningIds(ids: Iterable<string>): void {
  for (const id of ids) knownWarningIds.add(id);
}

interface AcknowledgementEntry {
  readonly id: string;
  readonly reason: string;
}

/**
 * Accept a legal-but-risky setting on purpose. Warnings carry stable ids (`resilience:<name>`);
 * acknowledging one on a construct silences it there and on everything below it, and the
 * reason is kept in the construct metadata so reviewers see why.
 *
 * @example Acknowledge.of(db).add("resilience:reader-smaller-than-writer", "reporting replica");
 */
export class Acknowledge {
  static of(scope: IConstruct): Acknowledge {
    return new Acknowledge(scope);
  }

  private constructor(private readonly scope: IConstruct) {}

  add(id: string, reason: string): this {
    if (!knownWarningIds.has(id)) throw unknownAcknowledgement(this.scope.node.path, id, [...knownWarningIds].sort());
    if (reason.trim() === "") throw acknowledgementWithoutReason(this.scope.node.path, id);
    this.scope.node.addMetadata(METADATA_TYPE, { id, reason } satisfies AcknowledgementEntry);
    return this;
  }
}

/** The acknowledgement for `id` on `scope` or any of its parents, if there is one. */
export function findAcknowledgement(scope: IConstruct, id: string): AcknowledgementEntry | undefined {
  for (const s of [...scope.node.scopes].reverse()) {
    for (const m of s.node.metadata) {
      if (m.type !== METADATA_TYPE) continue;
      const entry = m.data as AcknowledgementEntry;
      if (entry.id === id) return entry;
    }
  }
  return undefined;
}

/**
 * The acknowledgement for `id` made on `scope` itself, ignoring its parents: hard errors that may
 * be accepted at all are accepted only where the risk is (an acknowledgement on a stack must not
 * waive them for every database in it).
 */
export function acknowledgementOn(scope: IConstruct, id: string): AcknowledgementEntry | undefined {
  for (const m of scope.node.metadata) {
    if (m.type === METADATA_TYPE && (m.data as AcknowledgementEntry).id === id) return m.data as AcknowledgementEntry;
  }
  return undefined;
}
