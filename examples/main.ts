import { App } from "../lib/private/cdktf";
import { AuroraMysqlServerlessStack } from "./aurora-mysql-serverless";
import { AuroraPostgresStack } from "./aurora-postgres";
import { ElastiCacheStack } from "./elasticache";
import { MultiAzClusterStack } from "./multi-az-cluster";
import { RedshiftStack } from "./redshift";

/** The cdktf app behind `cdktf synth` / `npm run synth`: one stack per example. */
const app = new App();
new AuroraPostgresStack(app, "aurora-postgres");
new AuroraMysqlServerlessStack(app, "aurora-mysql-serverless");
new MultiAzClusterStack(app, "multi-az-cluster");
new RedshiftStack(app, "redshift");
new ElastiCacheStack(app, "elasticache");
app.synth();
