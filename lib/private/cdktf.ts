/**
 * The single import point for `cdktf`, `constructs` and the AWS provider classes.
 *
 * Why one file: the CDK Terrain fork may replace `cdktf` one day, and that must be a one-file
 * change. Why deep imports: `require('@cdktf/provider-aws')` loads every one of its ~2,200
 * resource classes (~2 s, ~500 MB); `@cdktf/provider-aws/lib/<resource>` loads one.
 * The lint config forbids these imports anywhere else.
 */

export { DbInstance } from "@cdktf/provider-aws/lib/db-instance";
export { DbSubnetGroup } from "@cdktf/provider-aws/lib/db-subnet-group";
export { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
export { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
export { AwsProvider } from "@cdktf/provider-aws/lib/provider";
export { RdsCluster } from "@cdktf/provider-aws/lib/rds-cluster";
export { RdsClusterInstance } from "@cdktf/provider-aws/lib/rds-cluster-instance";
export { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
export { Subnet } from "@cdktf/provider-aws/lib/subnet";
export { Vpc } from "@cdktf/provider-aws/lib/vpc";
export {
  Annotations,
  App,
  Aspects,
  Fn,
  type IAspect,
  Lazy,
  TerraformElement,
  TerraformOutput,
  TerraformResource,
  TerraformStack,
  TerraformVariable,
  Testing,
  Token,
} from "cdktf";
export { Construct, type IConstruct, type IValidation, Node } from "constructs";
