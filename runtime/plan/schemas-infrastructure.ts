/**
 * zod schemas of the resource types around the databases that the runtime reads: capacity
 * (reservations, launch templates, Auto Scaling groups), EventBridge rules and targets, AWS Backup,
 * Redshift snapshot schedules and scheduled actions, FIS experiment templates, Route 53 records and
 * RDS Proxy. Only attributes the runtime reads are checked; the rest pass through.
 * Nested blocks may be written as one object or a list of objects (Terraform JSON accepts both).
 */
import { z } from "zod";
import { tfBlocks, tfBool, tfNumber, tfString, tfStringList, tfTags } from "./terraform-json";

const base = { tags: tfTags.optional(), depends_on: z.array(tfString).optional() };

const keyValue = { key: tfString, value: tfString };

const fisAction = {
  name: tfString,
  action_id: tfString,
  description: tfString.optional(),
  start_after: tfStringList.optional(),
  parameter: tfBlocks(keyValue).optional(),
  target: tfBlocks(keyValue).optional(),
};

const fisTarget = {
  name: tfString,
  resource_type: tfString,
  selection_mode: tfString,
  resource_arns: tfStringList.optional(),
  resource_tag: tfBlocks(keyValue).optional(),
  filter: tfBlocks({ path: tfString, values: tfStringList }).optional(),
  parameters: z.record(z.string(), tfString).optional(),
};

const launchTemplateSpec = {
  id: tfString.optional(),
  name: tfString.optional(),
  launch_template_id: tfString.optional(),
  launch_template_name: tfString.optional(),
  version: tfString.optional(),
};

export const INFRASTRUCTURE_SCHEMAS: Readonly<Record<string, z.ZodType>> = {
  aws_ec2_capacity_reservation: z.looseObject({
    ...base,
    instance_type: tfString,
    instance_platform: tfString,
    availability_zone: tfString,
    instance_count: tfNumber,
    instance_match_criteria: tfString.optional(),
    end_date_type: tfString.optional(),
    tenancy: tfString.optional(),
  }),
  aws_launch_template: z.looseObject({
    ...base,
    name: tfString.optional(),
    instance_type: tfString.optional(),
    capacity_reservation_specification: tfBlocks({
      capacity_reservation_preference: tfString.optional(),
      capacity_reservation_target: tfBlocks({ capacity_reservation_id: tfString.optional() }).optional(),
    }).optional(),
    instance_market_options: tfBlocks({ market_type: tfString.optional() }).optional(),
  }),
  aws_autoscaling_group: z.looseObject({
    depends_on: z.array(tfString).optional(),
    name: tfString.optional(),
    min_size: tfNumber,
    max_size: tfNumber,
    desired_capacity: tfNumber.optional(),
    availability_zones: tfStringList.optional(),
    vpc_zone_identifier: tfStringList.optional(),
    capacity_rebalance: tfBool.optional(),
    launch_template: tfBlocks(launchTemplateSpec).optional(),
    mixed_instances_policy: tfBlocks({
      instances_distribution: tfBlocks({
        on_demand_base_capacity: tfNumber.optional(),
        on_demand_percentage_above_base_capacity: tfNumber.optional(),
        spot_allocation_strategy: tfString.optional(),
        spot_max_price: tfString.optional(),
      }).optional(),
      launch_template: tfBlocks({
        launch_template_specification: tfBlocks(launchTemplateSpec).optional(),
        override: tfBlocks({ instance_type: tfString.optional() }).optional(),
      }),
    }).optional(),
    tag: tfBlocks({ key: tfString, value: tfString, propagate_at_launch: tfBool.optional() }).optional(),
  }),
  aws_cloudwatch_event_rule: z.looseObject({
    ...base,
    name: tfString.optional(),
    event_pattern: tfString.optional(),
    schedule_expression: tfString.optional(),
    state: tfString.optional(),
    is_enabled: tfBool.optional(),
    event_bus_name: tfString.optional(),
  }),
  aws_cloudwatch_event_target: z.looseObject({
    ...base,
    rule: tfString,
    arn: tfString,
    target_id: tfString.optional(),
    event_bus_name: tfString.optional(),
  }),
  aws_backup_vault: z.looseObject({ ...base, name: tfString, kms_key_arn: tfString.optional() }),
  aws_backup_plan: z.looseObject({
    ...base,
    name: tfString,
    rule: tfBlocks({
      rule_name: tfString,
      target_vault_name: tfString,
      schedule: tfString.optional(),
      start_window: tfNumber.optional(),
      completion_window: tfNumber.optional(),
      enable_continuous_backup: tfBool.optional(),
      lifecycle: tfBlocks({ delete_after: tfNumber.optional(), cold_storage_after: tfNumber.optional() }).optional(),
      copy_action: tfBlocks({
        destination_vault_arn: tfString,
        lifecycle: tfBlocks({ delete_after: tfNumber.optional(), cold_storage_after: tfNumber.optional() }).optional(),
      }).optional(),
    }),
  }),
  aws_backup_selection: z.looseObject({
    depends_on: z.array(tfString).optional(),
    name: tfString,
    plan_id: tfString,
    iam_role_arn: tfString,
    resources: tfStringList.optional(),
    selection_tag: tfBlocks({ type: tfString, key: tfString, value: tfString }).optional(),
  }),
  aws_redshift_snapshot_schedule: z.looseObject({ ...base, identifier: tfString.optional(), definitions: tfStringList }),
  aws_redshift_snapshot_schedule_association: z.looseObject({
    depends_on: z.array(tfString).optional(),
    cluster_identifier: tfString,
    schedule_identifier: tfString,
  }),
  aws_redshift_scheduled_action: z.looseObject({
    depends_on: z.array(tfString).optional(),
    name: tfString,
    schedule: tfString,
    iam_role: tfString,
    enable: tfBool.optional(),
    target_action: tfBlocks({
      pause_cluster: tfBlocks({ cluster_identifier: tfString }).optional(),
      resume_cluster: tfBlocks({ cluster_identifier: tfString }).optional(),
      resize_cluster: tfBlocks({ cluster_identifier: tfString, number_of_nodes: tfNumber.optional() }).optional(),
    }),
  }),
  aws_fis_experiment_template: z.looseObject({
    ...base,
    description: tfString,
    role_arn: tfString,
    stop_condition: tfBlocks({ source: tfString, value: tfString.optional() }),
    action: tfBlocks(fisAction),
    target: tfBlocks(fisTarget).optional(),
    experiment_options: tfBlocks({ empty_target_resolution_mode: tfString.optional() }).optional(),
  }),
  aws_route53_record: z.looseObject({
    depends_on: z.array(tfString).optional(),
    zone_id: tfString,
    name: tfString,
    type: tfString,
    ttl: tfNumber.optional(),
    records: tfStringList.optional(),
    alias: tfBlocks({ name: tfString, zone_id: tfString, evaluate_target_health: tfBool.optional() }).optional(),
  }),
  aws_db_proxy: z.looseObject({
    ...base,
    name: tfString,
    engine_family: tfString,
    role_arn: tfString,
    vpc_subnet_ids: tfStringList,
    require_tls: tfBool.optional(),
  }),
  aws_db_proxy_default_target_group: z.looseObject({ depends_on: z.array(tfString).optional(), db_proxy_name: tfString }),
  aws_db_proxy_target: z.looseObject({
    depends_on: z.array(tfString).optional(),
    db_proxy_name: tfString,
    target_group_name: tfString,
    db_cluster_identifier: tfString.optional(),
    db_instance_identifier: tfString.optional(),
  }),
};
