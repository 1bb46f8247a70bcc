import { type Construct, DbProxy, DbProxyDefaultTargetGroup, DbProxyTarget, IamRole, IamRolePolicy, Token } from "../private/cdktf";
import { DEFAULT_PROXY_IDLE_CLIENT_TIMEOUT_SECONDS, DEFAULT_PROXY_MAX_CONNECTIONS_PERCENT } from "../private/defaults";
import { ID } from "./construct-ids";
import type { DatabaseProxyProps, DatabaseSubnet } from "./props";
import type { ProxyTarget } from "./render";

/** What the proxy renderer created. */
export interface ProxyResources {
  readonly proxy: DbProxy;
  readonly role: IamRole;
  readonly rolePolicy: IamRolePolicy;
  readonly targetGroup: DbProxyDefaultTargetGroup;
  readonly target: DbProxyTarget;
}

export interface ProxyInput {
  readonly identifier: string;
  readonly target: ProxyTarget;
  readonly kmsKeyArn: string;
  readonly subnets: readonly DatabaseSubnet[];
  readonly securityGroupIds?: readonly string[];
  readonly props: DatabaseProxyProps;
  readonly tags: Readonly<Record<string, string>>;
}

/**
 * RDS Proxy as the stable endpoint: it targets the cluster, so after a
 * failover it reconnects to the new writer while clients keep their connections and hostname.
 * The proxy reads the master secret RDS manages, with a role allowed that one secret and, through
 * Secrets Manager only, the pair's key.
 */
export function renderProxy(scope: Construct, input: ProxyInput): ProxyResources {
  const { identifier, target, kmsKeyArn, props, tags } = input;
  const role = new IamRole(scope, ID.proxyRole, {
    description: `RDS Proxy of ${identifier} reads the managed master secret (cdktf-resilience)`,
    assumeRolePolicy: JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { Service: "rds.amazonaws.com" }, Action: "sts:AssumeRole" }],
    }),
    tags: { ...tags },
  });
  const rolePolicy = new IamRolePolicy(scope, ID.proxyRolePolicy, {
    role: role.id,
    policy: JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        { Sid: "ReadMasterSecret", Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: target.secretArn },
        {
          Sid: "DecryptMasterSecret",
          Effect: "Allow",
          Action: "kms:Decrypt",
          Resource: kmsKeyArn,
          Condition: { StringLike: { "kms:ViaService": "secretsmanager.*.amazonaws.com" } },
        },
      ],
    }),
  });
  const iamAuth = props.iamAuth ?? true;
  const proxy = new DbProxy(scope, ID.proxy, {
    name: proxyName(identifier),
    engineFamily: target.engineFamily,
    roleArn: role.arn,
    vpcSubnetIds: input.subnets.map((s) => s.subnetId),
    vpcSecurityGroupIds: input.securityGroupIds ? [...input.securityGroupIds] : undefined,
    requireTls: props.requireTls ?? true,
    idleClientTimeout: props.idleClientTimeoutSeconds ?? DEFAULT_PROXY_IDLE_CLIENT_TIMEOUT_SECONDS,
    auth: [
      {
        authScheme: "SECRETS",
        secretArn: target.secretArn,
        iamAuth: iamAuth ? "REQUIRED" : "DISABLED",
        description: "master user secret managed by RDS",
      },
    ],
    tags: { ...tags },
  });
  // The role must be able to read the secret before the proxy first connects.
  proxy.dependsOn = [rolePolicy.fqn];
  const targetGroup = new DbProxyDefaultTargetGroup(scope, ID.proxyTargetGroup, {
    dbProxyName: proxy.name,
    connectionPoolConfig: { maxConnectionsPercent: props.maxConnectionsPercent ?? DEFAULT_PROXY_MAX_CONNECTIONS_PERCENT },
  });
  const proxyTarget = new DbProxyTarget(scope, ID.proxyTarget, {
    dbProxyName: proxy.name,
    targetGroupName: targetGroup.name,
    dbClusterIdentifier: target.clusterIdentifier,
  });
  if (target.dependsOn.length) proxyTarget.dependsOn = [...target.dependsOn];
  return { proxy, role, rolePolicy, targetGroup, target: proxyTarget };
}

/** `<identifier>-proxy`, within the 63 characters (letters, digits, single hyphens) RDS allows. */
function proxyName(identifier: string): string {
  if (Token.isUnresolved(identifier)) return `${identifier}-proxy`;
  return `${identifier.slice(0, 57).replace(/-+$/, "")}-proxy`;
}
