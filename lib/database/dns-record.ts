import { type Construct, Route53Record } from "../private/cdktf";
import { DEFAULT_DNS_TTL_SECONDS } from "../private/defaults";
import { ID } from "./construct-ids";
import type { DnsRecordProps } from "./props";

/**
 * A CNAME for the database's stable endpoint (when no proxy switches it): the name clients use
 * never changes, and the short TTL bounds how long a resolver keeps an old answer.
 */
export function renderDnsRecord(scope: Construct, props: DnsRecordProps, target: string): Route53Record {
  return new Route53Record(scope, ID.dnsRecord, {
    zoneId: props.zoneId,
    name: props.name,
    type: "CNAME",
    ttl: props.ttlSeconds ?? DEFAULT_DNS_TTL_SECONDS,
    records: [target],
  });
}
