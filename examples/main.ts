import { App } from "../lib/private/cdktf";
import { EXAMPLES } from ".";

/** The cdktf app behind `cdktf synth` / `npm run synth`: one stack per example. */
const app = new App();
for (const example of EXAMPLES) example.create(app);
app.synth();
