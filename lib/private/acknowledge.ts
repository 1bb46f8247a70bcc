import type { IConstruct } from "./cdktf";
import { acknowledgementWithoutReason, unknownAcknowledgement } from "./errors";

const METADATA_TYPE = "cdktf-resilience:acknowledgement";
/** Construct warning ids (`resilience:<name>`) and policy rule ids (`RES-<SERVICE>-<NAME>`). */
const knownWarningIds = new Set<string>();
const policyRuleIdSources: (() => Iterable<string>)[] = [];
let policyRuleIds: ReadonlySet<string> | undefined;

/** Called by each rule table at load time so acknowledgements of unknown ids can be rejected. */
export function registerWarningIds(ids: Iterable<string>): void {
  for (const id of ids) knownWarningIds.add(id);
}

/**
 * Called by the SecureDefaults policy pack: every rule, error or warning, can be acknowledged. The
 * ids are asked for only when an acknowledgement needs them, so the pack stays unloaded until then.
 */
export function registerPolicyRuleIds(source: () => Iterable<string>): void {
  policyRuleIdSources.push(source);
  policyRuleIds = undefined;
}

function knownPolicyRuleIds(): ReadonlySet<string> {
  policyRuleIds ??= new Set(policyRuleIdSources.flatMap((source) => [...source()]));
  return policyRuleIds;
}

interface AcknowledgementEntry {
  readonly id: string;
  readonly reason: string;
}

/** An acknowledgement found on a construct or one of its parents. */
export interface FoundAcknowledgement extends AcknowledgementEntry {
  /** Path of the construct it was made on. */
  readonly scope: string;
}

/**
 * Accept a legal-but-risky setting on purpose. Construct warnings (`resilience:<name>`) and
 * policy rules (`RES-<SERVICE>-<NAME>`) carry stable ids; acknowledging one on a construct
 * silences it there and on everything below it, and the reason is kept in the construct metadata
 * (and, for policy rules, in the synthesized plan) so reviewers see why.
 *
 * @example Acknowledge.of(db).add("resilience:reader-smaller-than-writer", "reporting replica");
 * @example Acknowledge.of(stack).add("RES-RDS-BACKUP-PLAN", "backed up by the platform team's organization-wide plan");
 */
export class Acknowledge {
  static of(scope: IConstruct): Acknowledge {
    return new Acknowledge(scope);
  }

  private constructor(private readonly scope: IConstruct) {}

  add(id: string, reason: string): this {
    if (!knownWarningIds.has(id) && !knownPolicyRuleIds().has(id)) {
      // Suggest ids of the family that was meant: policy rule ids look different from warning ids.
      const policy = id.startsWith("RES-");
      const family = policy ? knownPolicyRuleIds() : knownWarningIds;
      throw unknownAcknowledgement(this.scope.node.path, id, [...family].sort(), policy ? "policy rule id" : "warning id");
    }
    if (reason.trim() === "") throw acknowledgementWithoutReason(this.scope.node.path, id);
    this.scope.node.addMetadata(METADATA_TYPE, { id, reason } satisfies AcknowledgementEntry);
    return this;
  }
}

/** The acknowledgement for `id` on `scope` or any of its parents, if there is one. */
export function findAcknowledgement(scope: IConstruct, id: string): FoundAcknowledgement | undefined {
  for (const s of [...scope.node.scopes].reverse()) {
    for (const m of s.node.metadata) {
      if (m.type !== METADATA_TYPE) continue;
      const entry = m.data as AcknowledgementEntry;
      if (entry.id === id) return { ...entry, scope: s.node.path };
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
