import { describe, expect, test } from "vitest";
import { addresses, MINIMAL, only, stackWith } from "../../test/helpers/databases";
import { resourcesOfType, synth, synthJson } from "../testing";

const minimal = MINIMAL.multiAzCluster;

describe("MultiAzDatabase (RDS Multi-AZ DB cluster)", () => {
  test("minimal configuration synthesizes one cluster with a cluster-level class and storage", () => {
    expect(synth(stackWith(minimal).stack)).toMatchSnapshot();
  });

  test("the writer and two readable standbys come from the cluster itself: no aws_rds_cluster_instance, ever", () => {
    const json = synthJson(stackWith(minimal).stack);
    expect(resourcesOfType(json, "aws_rds_cluster_instance")).toEqual({});
    expect(only(json, "aws_rds_cluster")).toMatchObject({
      engine: "postgres",
      db_cluster_instance_class: "db.r6gd.large",
      allocated_storage: 100,
      storage_type: "gp3",
    });
  });

  test("io1/io2 storage carries its provisioned IOPS; mysql gets the admin master user", () => {
    const cluster = only(
      synthJson(stackWith({ ...minimal, databaseEngine: "mysql", storageType: "io2", iops: 3000, allocatedStorageGib: 400 }).stack),
      "aws_rds_cluster",
    );
    expect(cluster).toMatchObject({ engine: "mysql", storage_type: "io2", iops: 3000, allocated_storage: 400, master_username: "admin" });
  });

  test("availability_zones is exactly the three zones given", () => {
    const zones = ["us-east-1a", "us-east-1b", "us-east-1c"];
    expect(only(synthJson(stackWith({ ...minimal, availabilityZones: zones }).stack), "aws_rds_cluster").availability_zones).toEqual(zones);
  });

  test("secure defaults as for Aurora: encrypted with one key (secret too), IAM auth, managed password, deletion protection, final snapshot", () => {
    const cluster = only(synthJson(stackWith(minimal).stack), "aws_rds_cluster");
    expect(cluster).toMatchObject({
      storage_encrypted: true,
      manage_master_user_password: true,
      iam_database_authentication_enabled: true,
      deletion_protection: true,
      copy_tags_to_snapshot: true,
      skip_final_snapshot: false,
      backup_retention_period: 7,
      master_username: "postgres",
    });
    expect(cluster.master_user_secret_kms_key_id).toBe(cluster.kms_key_id);
  });

  test("Terraform addresses are pinned", () => {
    expect(addresses(synthJson(stackWith(minimal).stack))).toEqual([
      "aws_cloudwatch_event_rule.Orders_FailoverEvents_0C5E40A5",
      "aws_db_subnet_group.Orders_SubnetGroup_60D14C2A",
      "aws_kms_key.Orders_Key_594A494E",
      "aws_rds_cluster.Orders_A9B65338",
    ]);
  });
});
