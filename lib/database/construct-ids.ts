/**
 * Construct ids of everything `MultiAzDatabase` creates. They make the Terraform addresses, a
 * public contract pinned by tests: renaming one moves (destroys and re-creates) a resource.
 * Aurora standbys take the user's `id` in the same scope, so these names are reserved.
 */
export const ID = {
  /** The cluster, Redshift cluster or replication group (the construct's primary resource). */
  primary: "Resource",
  key: "Key",
  subnetGroup: "SubnetGroup",
  writer: "Writer",
  proxy: "Proxy",
  proxyRole: "ProxyRole",
  proxyRolePolicy: "ProxyRolePolicy",
  proxyTargetGroup: "ProxyTargetGroup",
  proxyTarget: "ProxyTarget",
  dnsRecord: "DnsRecord",
  failoverEvents: "FailoverEvents",
  failoverEventsTarget: "FailoverEventsTarget",
  /** Alarms take `Alarm-<name>`, e.g. `Alarm-replica-lag`. */
  alarmPrefix: "Alarm-",
} as const;

/** Ids a standby cannot take (compared case-insensitively, as instance identifiers are). */
export const RESERVED_STANDBY_IDS: readonly string[] = Object.entries(ID)
  .filter(([k]) => k !== "alarmPrefix")
  .map(([, v]) => v.toLowerCase());
