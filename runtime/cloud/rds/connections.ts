/**
 * Client connections to database endpoints: the data-plane half of a failover, as a client sees it.
 *
 * - Direct (cluster, reader or instance endpoint, or a Route 53 name pointing at one): opening
 *   resolves the name through the client's caching resolver and connects to that instance. The
 *   connection breaks (`ConnectionReset`) when the instance restarts, fails or becomes unreachable;
 *   a write on a reader fails with `ReadOnly`. Reconnecting before the cached answer expires
 *   reaches the old instance again: clients wait out the TTL.
 * - Through an RDS Proxy: the connection stays open across a failover; while the proxy has no
 *   writer a request fails with the retryable `NoWriter`, then goes to the new writer.
 */
import type { CloudContext } from "../cloud-context";
import type { DnsResolver } from "../net/dns";
import type { ZoneService } from "../zones";
import type { ProxyRecord, ProxyService } from "./proxy";
import type { DbInstanceRecord } from "./rds-records";
import type { RdsService } from "./rds-service";

export type RouteError = "UnknownHost" | "ConnectionReset" | "ReadOnly" | "NoWriter" | "Unreachable";

export type ConnectionRoute =
  | { readonly ok: true; readonly instance: string; readonly role: "writer" | "reader" }
  | { readonly ok: false; readonly error: RouteError; readonly retryable: boolean };

export interface ClientConnection {
  readonly id: string;
  readonly client: string;
  readonly endpoint: string;
  readonly via: "direct" | "proxy";
  /** False once the connection broke or was closed. */
  readonly open: boolean;
  /** Where a request sent now goes, or why it fails (a broken connection stays broken). */
  request(kind: "read" | "write"): ConnectionRoute;
  close(): void;
}

export class ConnectionService {
  constructor(
    private readonly ctx: CloudContext,
    private readonly rds: RdsService,
    private readonly proxies: ProxyService,
    private readonly zones: ZoneService,
  ) {}

  /** Opens a connection from `client` to `endpoint`, resolving it with the client's resolver. */
  open(client: string, endpoint: string, resolver: DnsResolver): ClientConnection | { readonly error: RouteError } {
    const answer = resolver.resolve(endpoint);
    if (!answer.ok) return { error: "UnknownHost" };
    const proxy = this.proxies.byEndpoint(answer.host);
    const id = this.ctx.ids.seq("conn");
    if (proxy) {
      this.ctx.note("conn", client, `${id} open ${endpoint} via=proxy:${proxy.name}`);
      return this.viaProxy(id, client, endpoint, proxy);
    }
    const instance = [...this.rds.instances.values()].find((i) => i.endpoint === answer.host);
    if (!instance) return { error: "UnknownHost" };
    if (instance.status !== "available" || !this.zones.isAvailable(instance.az)) return { error: "Unreachable" };
    this.ctx.note("conn", client, `${id} open ${endpoint} -> ${instance.id}${answer.fromCache ? " (cached)" : ""}`);
    return this.direct(id, client, endpoint, instance);
  }

  private direct(id: string, client: string, endpoint: string, instance: DbInstanceRecord): ClientConnection {
    const generation = instance.generation;
    let open = true;
    const ctx = this.ctx;
    const rds = this.rds;
    const zones = this.zones;
    return {
      id,
      client,
      endpoint,
      via: "direct",
      get open() {
        return open;
      },
      request(kind) {
        if (!open) return { ok: false, error: "ConnectionReset", retryable: true };
        if (instance.generation !== generation || instance.status !== "available" || !zones.isAvailable(instance.az)) {
          open = false;
          ctx.note("conn", client, `${id} reset instance=${instance.id}`);
          return { ok: false, error: "ConnectionReset", retryable: true };
        }
        const writer = rds.clusters.get(instance.clusterId)?.writer === instance.id;
        if (kind === "write" && !writer) return { ok: false, error: "ReadOnly", retryable: true };
        return { ok: true, instance: instance.id, role: writer ? "writer" : "reader" };
      },
      close() {
        open = false;
      },
    };
  }

  private viaProxy(id: string, client: string, endpoint: string, proxy: ProxyRecord): ClientConnection {
    let open = true;
    return {
      id,
      client,
      endpoint,
      via: "proxy",
      get open() {
        return open;
      },
      request() {
        if (!open) return { ok: false, error: "ConnectionReset", retryable: true };
        const t = proxy.target;
        if (!t) return { ok: false, error: "NoWriter", retryable: true };
        return { ok: true, instance: t.id, role: "writer" };
      },
      close() {
        open = false;
      },
    };
  }
}
