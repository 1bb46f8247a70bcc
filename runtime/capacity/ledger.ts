/**
 * The contingency bill as it runs: one interval per (account, item) at one hourly
 * price — the designation while unused, an activated replacement at the activation price, a lease
 * at the price it was granted at — closed when the item ends, and charged Σ Tᵢ·Pᵢ as intervals
 * close. Integer micro-dollars and milliseconds, so the bill replays byte for byte.
 */
import { bill } from "./billing";

export interface LedgerEntry {
  /** Who pays: `customer:<service>` or `tenant:<lessee>`. */
  readonly account: string;
  /** What is paid for: `designation:<service>`, `activation:<instance>`, `lease:<lease id>`. */
  readonly item: string;
  /** The instance the item runs on, when it has one: nothing is charged after it terminates. */
  readonly instanceId?: string;
  readonly startMs: number;
  endMs?: number;
  readonly microsPerHour: number;
}

/** Prices of the contingency policy, micro-dollars per instance-hour. */
export interface ContingencyPricing {
  /** The reserved rate of the primary's instance type. */
  readonly reservedMicrosPerHour: number;
  /** Designation costs a share of the reserved rate (50–70 %: ../../docs/design/0002-contingency-capacity.md). */
  readonly designationShare: { readonly numerator: number; readonly denominator: number };
  /** An activated replacement's rate. */
  readonly activationMicrosPerHour: number;
}

/** $0.10/h reserved (our choice): the plan carries no price; designation at 60 % of it, activation at the reserved rate. */
export const DEFAULT_PRICING: ContingencyPricing = {
  reservedMicrosPerHour: 100_000,
  designationShare: { numerator: 60, denominator: 100 },
  activationMicrosPerHour: 100_000,
};

export function designationMicrosPerHour(p: ContingencyPricing, count: number): number {
  return Math.floor((p.reservedMicrosPerHour * p.designationShare.numerator * count) / p.designationShare.denominator);
}

export class Ledger {
  readonly entries: LedgerEntry[] = [];
  private readonly charged = new Map<string, number>();
  private readonly terminatedAt = new Map<string, number>();

  open(entry: Omit<LedgerEntry, "endMs">): void {
    if (this.entries.some((e) => e.item === entry.item && e.endMs === undefined)) return;
    this.entries.push({ ...entry });
  }

  /** Closes the open interval of `item` at `nowMs` and charges it. */
  close(item: string, nowMs: number): void {
    const e = this.entries.find((x) => x.item === item && x.endMs === undefined);
    if (!e) return;
    e.endMs = nowMs;
    this.charged.set(e.account, (this.charged.get(e.account) ?? 0) + bill([e], nowMs));
  }

  /** An instance terminated: whatever runs on it stops being charged now. */
  terminated(instanceId: string, nowMs: number): void {
    if (!this.terminatedAt.has(instanceId)) this.terminatedAt.set(instanceId, nowMs);
    for (const e of this.entries) if (e.instanceId === instanceId && e.endMs === undefined) this.close(e.item, nowMs);
  }

  terminationOf(instanceId: string): number | undefined {
    return this.terminatedAt.get(instanceId);
  }

  /** What an account has been charged for closed intervals. */
  chargedTo(account: string): number {
    return this.charged.get(account) ?? 0;
  }

  accounts(): string[] {
    return [...new Set(this.entries.map((e) => e.account))].sort();
  }
}
