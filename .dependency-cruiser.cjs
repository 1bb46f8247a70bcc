/**
 * The layers of the package, enforced (`npm run lint:layers`, a stage of `.ci/run`). The picture
 * and the reasons are in docs/contributing/architecture.md; keep the two in step.
 *
 * Layers, bottom to top; a layer may import only layers below it (and itself):
 *   contract   lib/contract, runtime/contract — the plan's tags and engine table, the
 *              contingency designations, the `emulate --json` result: imports nothing
 *   input      runtime/plan — reads Terraform JSON into a topology
 *   sim        runtime/sim — kernel, ports, faults, trace, the checker framework: knows no system
 *   env        runtime/cloud (the mock cloud), runtime/real (the real environment)
 *   systems    runtime/{database,capacity,processes,storage,cache,replication-group} — never one another
 *   checkers   runtime/checkers — invariants over the systems' events
 *   scenarios  runtime/scenarios — experiments, FIS actions, the registry's types
 *   emulation  runtime/emulation (components, default registry, emulate), runtime/campaign
 *   top        runtime/cli, runtime/report, runtime/index.ts
 */
const LAYERS = [
  { name: "contract", path: "^(lib|runtime)/contract/" },
  { name: "input", path: "^runtime/plan/" },
  { name: "sim", path: "^runtime/sim/" },
  { name: "env", path: "^runtime/(cloud|real)/" },
  { name: "systems", path: "^runtime/(database|capacity|processes|storage|cache|replication-group)/" },
  { name: "checkers", path: "^runtime/checkers/" },
  { name: "scenarios", path: "^runtime/scenarios/" },
  { name: "emulation", path: "^runtime/(emulation|campaign)/" },
  { name: "top", path: "^runtime/(cli/|report/|index\\.ts$)" },
];

const upward = LAYERS.slice(0, -1).map((layer, i) => ({
  name: `${layer.name}-imports-only-below`,
  comment: `${layer.name} (${layer.path}) may not import a layer above it: ${LAYERS.slice(i + 1)
    .map((l) => l.name)
    .join(", ")}`,
  severity: "error",
  from: { path: layer.path },
  to: { path: LAYERS.slice(i + 1).map((l) => l.path) },
}));

module.exports = {
  forbidden: [
    ...upward,
    {
      name: "contract-imports-nothing",
      comment: "The contract is read by the constructs and the runtime alike: it imports no other module.",
      severity: "error",
      from: { path: "^(lib|runtime)/contract/" },
      to: { pathNot: "^(lib|runtime)/contract/" },
    },
    {
      name: "input-and-sim-are-independent",
      comment: "The plan loader and the simulator know nothing of each other; the mock cloud joins them.",
      severity: "error",
      from: { path: "^runtime/(plan|sim)/" },
      to: { path: "^runtime/(plan|sim)/", pathNot: "^runtime/$1/" },
    },
    {
      name: "systems-never-import-one-another",
      comment: "Each system (failover pair, contingency capacity, processing groups, storage, cache) stands alone.",
      severity: "error",
      from: { path: "^runtime/(database|capacity|processes|storage|cache|replication-group)/" },
      to: { path: "^runtime/(database|capacity|processes|storage|cache|replication-group)/", pathNot: "^runtime/$1/" },
    },
    {
      name: "emulation-below-campaign",
      comment: "A campaign runs many emulations; an emulation knows nothing of campaigns.",
      severity: "error",
      from: { path: "^runtime/emulation/" },
      to: { path: "^runtime/campaign/" },
    },
    {
      name: "report-below-cli",
      comment: "The CLI writes reports; a report knows nothing of the CLI.",
      severity: "error",
      from: { path: "^runtime/report/" },
      to: { path: "^runtime/cli/" },
    },
    {
      name: "runtime-reads-lib-contract-only",
      comment:
        "The runtime reads the plan, not the constructs: from lib/ it imports the contract (and the CLI's check command the policy pack).",
      severity: "error",
      from: { path: "^runtime/", pathNot: "^runtime/cli/" },
      to: { path: "^lib/", pathNot: "^lib/contract/" },
    },
    {
      name: "cli-reads-lib-contract-and-policy-only",
      comment: "The CLI's check command evaluates the policy pack over the plan; nothing else of lib/.",
      severity: "error",
      from: { path: "^runtime/cli/" },
      to: { path: "^lib/", pathNot: "^lib/(contract|policy/pack)/" },
    },
    {
      name: "runtime-never-reaches-cdktf",
      comment: "runtime/ loads without cdktf or the AWS provider installed (~2 s, ~500 MB): not even transitively.",
      severity: "error",
      from: { path: "^runtime/" },
      to: { path: "(^|/)node_modules/(cdktf|@cdktf|cdktn|@cdktn|constructs)/", reachable: true },
    },
    {
      name: "no-folder-cycles",
      comment: "Folders form a one-way graph: if a imports b, nothing in b imports a (directly or around a loop).",
      severity: "error",
      scope: "folder",
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(\\.test\\.ts|\\.test-d\\.ts)$" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default", "types"] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
