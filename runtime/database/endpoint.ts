/**
 * The database's single endpoint (claims 13/20). Proxy mode: a proxy node in every zone routes to
 * the target the control plane last told it; a node cut off from the control plane keeps the old
 * target until it is reachable again (which is how a zombie coordinator still gets traffic from
 * its own zone). Direct mode: a DNS record names the coordinator; clients cache the answer for
 * the TTL and keep failing against the old coordinator until it expires.
 */

export type EndpointMode = "proxy" | "dns";

export class PairEndpoint {
  /** Proxy mode: the target each zone's proxy node routes to. */
  readonly nodes = new Map<string, string>();
  /** Direct mode: the record's current value. */
  record: string;

  constructor(
    readonly mode: EndpointMode,
    readonly zones: readonly string[],
    target: string,
    readonly ttlMs: number,
  ) {
    this.record = target;
    for (const z of zones) this.nodes.set(z, target);
  }

  /** Repoints the endpoint; proxy nodes in zones the control plane cannot reach keep their target. */
  switchTo(target: string, reachable: (zone: string) => boolean): void {
    this.record = target;
    for (const z of this.zones) if (reachable(z)) this.nodes.set(z, target);
  }

  /** Proxy nodes that missed a switch catch up once reachable. */
  heal(reachable: (zone: string) => boolean): void {
    for (const z of this.zones) if (reachable(z) && this.nodes.get(z) !== this.record) this.nodes.set(z, this.record);
  }

  /** Where a proxy node in `zone` routes. */
  routeFrom(zone: string): string | undefined {
    return this.nodes.get(zone);
  }
}
