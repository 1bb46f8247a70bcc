import { App } from "../lib/private/cdktf";
import { AuroraPostgresStack } from "./aurora-postgres";

/** The cdktf app behind `cdktf synth` / `npm run synth`: one stack per example. */
const app = new App();
new AuroraPostgresStack(app, "aurora-postgres");
app.synth();
