import type { PlanResource } from "../plan-view";
import { stringAttr, UNKNOWN } from "../values";

/**
 * Facts about RDS resources that several rules need: Aurora instances inherit storage, backup
 * and deletion settings from their cluster, and read replicas inherit them from their source.
 */

/** True for `aurora`, `aurora-mysql`, `aurora-postgresql`; false when unknown. */
export function isAuroraEngine(r: PlanResource): boolean {
  const engine = stringAttr(r.attributes.engine);
  return typeof engine === "string" && engine.startsWith("aurora");
}

/** An `aws_db_instance` that replicates another instance: settings follow the source. */
export function isReadReplica(r: PlanResource): boolean {
  return r.type === "aws_db_instance" && stringAttr(r.attributes.replicate_source_db) !== undefined;
}

/** An `aws_db_instance` whose storage and backups belong to its Aurora cluster, or to a source instance. */
export function inheritsStorageSettings(r: PlanResource): boolean {
  return r.type === "aws_db_instance" && (isAuroraEngine(r) || isReadReplica(r));
}

/** A Multi-AZ DB cluster (not Aurora): an `aws_rds_cluster` with a cluster-level instance class. */
export function isMultiAzDbCluster(r: PlanResource): boolean {
  return r.type === "aws_rds_cluster" && stringAttr(r.attributes.db_cluster_instance_class) !== undefined;
}

/** Aurora Serverless v1 (`engine_mode = "serverless"`): always encrypted, single-AZ by design. */
export function isServerlessV1(r: PlanResource): boolean {
  const mode = stringAttr(r.attributes.engine_mode);
  return mode !== UNKNOWN && mode === "serverless";
}
