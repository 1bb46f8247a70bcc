/**
 * The figures per database a reader wants before anything else: how long its clients were without
 * answers (RTO, the slowest failover's client-visible outage) and how many acknowledged writes were
 * lost (RPO), each taken from the result as it is, never recomputed.
 */

import type { EmulationResult, FailoverRow } from "../contract/emulation-result";
import type { Topology } from "../plan/topology";

export interface DatabaseHeadline {
  readonly database: string;
  /** The failover whose clients waited longest; undefined when the database did not fail over. */
  readonly slowest?: FailoverRow;
  readonly failovers: number;
  /** Acknowledged writes lost; undefined when no model of the run measured it. */
  readonly lostWrites?: number;
  readonly requests?: { readonly sent: number; readonly succeeded: number; readonly failed: number };
}

/** One headline per database of the plan (or of the result, without a topology), in plan order. */
export function headlines(result: EmulationResult, topology?: Topology): DatabaseHeadline[] {
  const names = [
    ...new Set([
      ...(topology?.databases.map((d) => d.address) ?? []),
      ...result.clients.map((c) => c.database),
      ...result.failovers.map((f) => f.resource),
    ]),
  ];
  return names.map((database) => {
    const failovers = result.failovers.filter((f) => f.resource === database);
    const slowest = [...failovers].sort((a, b) => b.clientOutageMs - a.clientOutageMs)[0];
    const clients = result.clients.find((c) => c.database === database);
    const lostByRows = failovers.map((f) => f.lostAckedWrites).filter((n): n is number => n !== undefined);
    const lostWrites = clients?.acknowledgedWritesLost ?? (lostByRows.length ? Math.max(...lostByRows) : undefined);
    return {
      database,
      failovers: failovers.length,
      ...(slowest ? { slowest } : {}),
      ...(lostWrites !== undefined ? { lostWrites } : {}),
      ...(clients ? { requests: { sent: clients.sent, succeeded: clients.succeeded, failed: clients.failed } } : {}),
    };
  });
}
