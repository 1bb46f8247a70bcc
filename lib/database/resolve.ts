import { PROMOTION_TIER } from "../spec/contract";
import type { MultiAzDatabaseProps, StandbyProps } from "./multi-az-database";

/** A standby with every default applied. */
export interface ResolvedStandby extends Required<Omit<StandbyProps, "instanceClass" | "promotionTier">> {
  readonly index: number;
  readonly instanceClass: string;
  readonly promotionTier: number;
}

/** The topology after defaults: what the renderer emits and the rules check. */
export interface ResolvedTopology {
  /** Cluster identifier; instance identifiers are `<identifier>-<instance id>`. */
  readonly identifier: string;
  readonly subnets: MultiAzDatabaseProps["subnets"];
  readonly writer: MultiAzDatabaseProps["writer"];
  readonly standbys: readonly ResolvedStandby[];
}

/** Applies the standby defaults in one visible place. */
export function resolveTopology(props: MultiAzDatabaseProps, identifier: string): ResolvedTopology {
  return {
    identifier,
    subnets: props.subnets,
    writer: props.writer,
    standbys: props.standbys.map((s, index) => ({
      ...s,
      index,
      // Same class as the writer, so a failover keeps capacity.
      instanceClass: s.instanceClass ?? props.writer.instanceClass,
      promotionTier: s.promotionTier ?? (s.role === "failover" ? PROMOTION_TIER.failover : PROMOTION_TIER.readMin),
    })),
  };
}
