import { Token } from "../../private/cdktf";
import { DEFAULT_MULTI_AZ_CLUSTER_STORAGE_TYPE, DEFAULT_REDSHIFT_NODES, DEFAULT_REDSHIFT_PORT } from "../../private/defaults";
import type { Finding, Rule } from "../../private/validation";
import type { ResolvedDatabase } from "../resolve";

/**
 * What one engine family requires for Multi-AZ, beyond placement: Redshift's RA3 and node count,
 * ElastiCache's failover chain, a Multi-AZ DB cluster's storage and its refusal of instances.
 */

const unresolved = (v: unknown) => Token.isUnresolved(v);

/** Redshift Multi-AZ ports (Management Guide, "Multi-AZ deployment"). */
const REDSHIFT_MULTI_AZ_PORTS = [
  [5431, 5455],
  [8191, 8215],
] as const;

/** From this size, gp3 storage of RDS for PostgreSQL/MySQL takes provisioned IOPS. */
const GP3_IOPS_MIN_GIB = 400;

export const engineRules: readonly Rule<ResolvedDatabase>[] = [
  {
    id: "resilience:redshift-ra3-node-type",
    severity: "error",
    check: ({ props }) =>
      props.engine !== "redshift" || unresolved(props.nodeType) || props.nodeType.startsWith("ra3.")
        ? []
        : [
            {
              field: "nodeType",
              message: `'${props.nodeType}' is not an RA3 node type; Redshift runs Multi-AZ (a supporting cluster in a second zone) only on RA3`,
              fix: "use an RA3 node type such as 'ra3.large', 'ra3.xlplus', 'ra3.4xlarge' or 'ra3.16xlarge'",
            },
          ],
  },
  {
    id: "resilience:redshift-two-nodes",
    severity: "error",
    check: ({ props }) => {
      if (props.engine !== "redshift") return [];
      const nodes = props.numberOfNodes ?? DEFAULT_REDSHIFT_NODES;
      return unresolved(nodes) || nodes >= 2
        ? []
        : [
            {
              field: "numberOfNodes",
              message: `Redshift Multi-AZ needs at least 2 nodes in each zone (got ${nodes}); a single-node cluster cannot be Multi-AZ`,
              fix: "set numberOfNodes to 2 or more",
            },
          ];
    },
  },
  {
    id: "resilience:redshift-multi-az-port",
    severity: "error",
    check: ({ props }) => {
      if (props.engine !== "redshift") return [];
      const port = props.port ?? DEFAULT_REDSHIFT_PORT;
      if (unresolved(port) || REDSHIFT_MULTI_AZ_PORTS.some(([lo, hi]) => port >= lo && port <= hi)) return [];
      return [
        {
          field: "port",
          message: `port ${port} is outside the ranges Redshift Multi-AZ accepts (5431–5455, 8191–8215)`,
          fix: "use a port from 5431 to 5455 or from 8191 to 8215 (the default 5439 works)",
        },
      ];
    },
  },
  {
    id: "resilience:elasticache-replica-for-failover",
    severity: "error",
    check: ({ props }) =>
      props.engine !== "elasticache" || props.replicaAvailabilityZones.length > 0
        ? []
        : [
            {
              field: "replicaAvailabilityZones",
              message:
                "no replica, so each shard is 1 cache cluster: Multi-AZ requires automatic failover, and automatic failover requires at least 2 cache clusters (a primary and a replica)",
              fix: `add a zone other than ${props.primaryAvailabilityZone} to replicaAvailabilityZones`,
            },
          ],
  },
  {
    id: "resilience:elasticache-cluster-mode-parameter-group",
    severity: "error",
    check: ({ props }) =>
      props.engine !== "elasticache" || (props.shards ?? 1) <= 1 || props.parameterGroupName !== undefined
        ? []
        : [
            {
              field: "parameterGroupName",
              message: `with ${props.shards} shards the group runs in cluster mode, which needs a parameter group with cluster-enabled set to yes; the engine's default group has it off`,
              fix: `set parameterGroupName to a cluster-mode group, e.g. 'default.${props.cacheEngine ?? "valkey"}8.cluster.on' (it must match the engine version)`,
            },
          ],
  },
  {
    id: "resilience:multi-az-cluster-iops",
    severity: "error",
    check: ({ props }): Finding[] => {
      if (props.engine !== "rds-multi-az-cluster") return [];
      const type = props.storageType ?? DEFAULT_MULTI_AZ_CLUSTER_STORAGE_TYPE;
      if (type !== "gp3" && props.iops === undefined)
        return [{ field: "iops", message: `${type} storage needs provisioned IOPS, and none are set`, fix: "set iops, e.g. 3000" }];
      if (
        type === "gp3" &&
        props.iops !== undefined &&
        !unresolved(props.allocatedStorageGib) &&
        props.allocatedStorageGib < GP3_IOPS_MIN_GIB
      )
        return [
          {
            field: "iops",
            message: `gp3 storage of ${props.allocatedStorageGib} GiB has a fixed 3,000 IOPS baseline; IOPS can be provisioned only from ${GP3_IOPS_MIN_GIB} GiB`,
            fix: `remove iops, or set allocatedStorageGib to ${GP3_IOPS_MIN_GIB} or more`,
          },
        ];
      return [];
    },
  },
  {
    id: "resilience:no-instances-in-multi-az-cluster",
    severity: "error",
    check: (t) =>
      t.family !== "rds-multi-az-cluster"
        ? []
        : t.attachedInstances().map((address) => ({
            field: "(stack)",
            message: `${address} joins this Multi-AZ DB cluster; RDS rejects instances in a Multi-AZ DB cluster, whose writer and two readable standbys are built in`,
            fix: "remove the aws_rds_cluster_instance; for more read capacity use the cluster's reader endpoint, or choose an Aurora engine",
          })),
  },
];
