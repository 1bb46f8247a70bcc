import type { DatabaseSubnet } from "./props";

/**
 * The config every engine's subnet group takes (`aws_db_subnet_group`, `aws_redshift_subnet_group`,
 * `aws_elasticache_subnet_group` have the same shape): one group over every zone, named as the database.
 */
export function subnetGroupConfig(identifier: string, subnets: readonly DatabaseSubnet[], tags: Readonly<Record<string, string>>) {
  return {
    name: identifier,
    description: `Subnets of ${identifier} across ${new Set(subnets.map((s) => s.availabilityZone)).size} zones`,
    subnetIds: subnets.map((s) => s.subnetId),
    tags: { ...tags },
  };
}
