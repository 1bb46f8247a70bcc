/**
 * Attributes whose value equals another attribute of the same resource once applied: AWS uses the
 * identifier as the Terraform id for these types, so `${aws_rds_cluster.x.id}` is the configured
 * `cluster_identifier`.
 * @see https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/rds_cluster#id
 */
export const ID_ATTRIBUTE: Readonly<Record<string, string>> = {
  aws_rds_cluster: "cluster_identifier",
  aws_rds_cluster_instance: "identifier",
  aws_rds_global_cluster: "global_cluster_identifier",
  aws_db_instance: "identifier",
  aws_db_subnet_group: "name",
  aws_redshift_cluster: "cluster_identifier",
  aws_elasticache_replication_group: "replication_group_id",
  aws_db_proxy: "name",
};
