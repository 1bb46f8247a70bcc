import type { ReadContext } from "../read-context";
import type { ResourceNode } from "../resources";
import type { DatabaseClusterNode } from "../topology";
import { readDbInstance } from "./db-instance";
import { readReplicationGroup } from "./elasticache";
import { readRdsCluster } from "./rds-cluster";
import { readRedshiftCluster } from "./redshift";

/** Reads one database resource into the topology; undefined for one it leaves out (noted). */
export type DatabaseReader = (node: ResourceNode, ctx: ReadContext) => DatabaseClusterNode | undefined;

/**
 * The resource types that are databases, and how each is read. A new engine is one reader and
 * one row; `MEMBER_TYPES` lists the types read as part of a database (not on their own).
 */
export const DATABASE_READERS: Readonly<Record<string, DatabaseReader>> = {
  aws_rds_cluster: readRdsCluster,
  aws_redshift_cluster: readRedshiftCluster,
  aws_elasticache_replication_group: readReplicationGroup,
  aws_db_instance: readDbInstance,
};

export const MEMBER_TYPES: readonly string[] = ["aws_rds_cluster_instance"];

/** Subnet groups: all three name their subnets in `subnet_ids`. */
export const SUBNET_GROUP_TYPES: readonly string[] = ["aws_db_subnet_group", "aws_redshift_subnet_group", "aws_elasticache_subnet_group"];
