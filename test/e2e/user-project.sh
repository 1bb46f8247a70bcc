#!/usr/bin/env bash
# A user's project, end to end, from the packed tarball: the README's quick start (the files in
# test/e2e/user-project/, which the README shows verbatim) run in fresh temporary projects.
#
#   cdktf, CommonJS   install.sh as written; cdktf synth; inspect, check, emulate --report, drill;
#                     the testing kit under vitest 4, then vitest 3; tsc (node10, cdktf's template)
#   cdktf, ES module  the same files with "type": "module": synth; the kit under vitest 3, then 4; tsc
#   CDK Terrain       the same files on cdktn + @cdktn/provider-aws + cdktn-cli (Node 22, which
#                     they require): cdktn synth; the plan equals the cdktf one but for metadata;
#                     inspect, check, emulate; the kit under vitest 4
#
# Usage: test/e2e/user-project.sh [cdktf-cjs|cdktf-esm|cdktn ...]   (default: all three)
# Needs the npm registry (the toolchains are installed from it). Exit 0 when every step passed; the
# temporary projects are removed then (kept with KEEP_E2E=1, and always when a step failed).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
FILES="$ROOT/test/e2e/user-project"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/cdktf-resilience-e2e.XXXXXX")"
VARIANTS=("$@")
[ "${#VARIANTS[@]}" -gt 0 ] || VARIANTS=(cdktf-cjs cdktf-esm cdktn)
export CHECKPOINT_DISABLE=1 CDKTF_DISABLE_PLUGIN_CACHE_ENV=1 DISABLE_VERSION_CHECK=1 CI=1 npm_config_audit=false npm_config_fund=false
step() { printf '\n== %s\n' "$*"; }
fail() {
  printf 'FAIL: %s\n' "$*" >&2
  exit 1
}

step "pack"
(cd "$ROOT" && npm run build >/dev/null && npm pack --pack-destination "$WORK" --silent >/dev/null)
TARBALL="$(ls "$WORK"/cdktf-resilience-*.tgz)"
echo "$TARBALL"

# A fresh project holding the quick-start files and the tarball under the name install.sh uses.
new_project() {
  local dir="$WORK/$1"
  mkdir -p "$dir"
  cp "$FILES"/{cdktf.json,orders-stack.ts,main.ts,vitest.config.mts,orders-stack.test.ts} "$dir/"
  cp "$TARBALL" "$dir/cdktf-resilience-0.1.0.tgz"
  echo "$dir"
}

# The testing kit as the README shows it, under one vitest major; the matchers must really run.
kit() {
  local major="$1"
  step "testing kit, vitest $major ($(basename "$PWD"))"
  npm install --save-dev "vitest@$major" --silent
  npx vitest --version
  npx vitest run --reporter=verbose 2>&1 | tee vitest.log
  grep -q "1 passed" vitest.log || fail "vitest $major did not pass the quick-start test"
  if grep -qi "sourcemap\|source map" vitest.log; then fail "vitest $major warned about source maps"; fi
}

# inspect, check, emulate --report and drill on the synthesized plan, with their exit codes.
cli_flow() {
  local plan="cdktf.out/stacks/orders"
  step "inspect"
  npx cdktf-resilience inspect "$plan" | tee inspect.txt
  grep -q "aws_rds_cluster_instance.*writer" inspect.txt || grep -q "writer" inspect.txt || fail "inspect shows no writer"
  step "check"
  npx cdktf-resilience check "$plan"
  step "emulate --scenario az-outage --report"
  npx cdktf-resilience emulate "$plan" --scenario az-outage --report report.html | tee emulate.txt
  grep -q "Every invariant held." emulate.txt || fail "emulate did not hold"
  grep -q "(seed 1," emulate.txt || fail "emulate did not print its default seed 1"
  grep -q "<svg" report.html || fail "the report has no picture"
  step "drill"
  npx cdktf-resilience drill "$plan" | tee drill.txt
  grep -q "aws_fis_experiment_template" drill.txt || fail "drill ran no FIS template"
  grep -q "Every invariant held." drill.txt || fail "drill did not hold"
}

cdktf_cjs() {
  cd "$(new_project orders-cjs)"
  step "install (install.sh, as the README shows it)"
  bash -euo pipefail "$FILES/install.sh"
  grep -q '"type": "commonjs"' package.json || npm pkg set type=commonjs
  step "cdktf synth"
  npx cdktf synth
  test -f cdktf.out/stacks/orders/cdk.tf.json || fail "cdktf synth wrote no plan"
  cli_flow
  kit 4
  typecheck commonjs
  kit 3
}

# tsc over the project's files; errors inside vitest's or vite's own declaration files (which need
# a newer moduleResolution than cdktf's template sets) are theirs: judge the project and our package.
typecheck() {
  local module="$1"
  step "tsc over the project, --module $module"
  npm install --save-dev typescript@5.9.3 --silent
  npx tsc --noEmit --strict --module "$module" --target es2022 --esModuleInterop --types node \
    orders-stack.ts orders-stack.test.ts main.ts >tsc.log 2>&1 || true
  cat tsc.log
  if grep -E "^node_modules/cdktf-resilience/|^orders-stack|^main\.ts" tsc.log; then fail "the project does not type-check against the package"; fi
}

cdktf_esm() {
  cd "$(new_project orders-esm)"
  step "install, ES module project"
  bash -euo pipefail "$FILES/install.sh"
  npm pkg set type=module
  step "cdktf synth"
  npx cdktf synth
  test -f cdktf.out/stacks/orders/cdk.tf.json || fail "cdktf synth wrote no plan"
  kit 3
  kit 4
  typecheck preserve
}

cdktn() {
  local node22="$WORK/node22"
  step "Node 22 for CDK Terrain (cdktn-cli needs >= 22.19, @cdktn/provider-aws >= 22.11)"
  mkdir -p "$node22" && (cd "$node22" && npm init -y >/dev/null && npm install node@22 --silent)
  export PATH="$node22/node_modules/.bin:$PATH"
  node --version
  cd "$(new_project orders-cdktn)"
  # The same files, imports swapped to CDK Terrain's packages as docs/constructs/cdk-terrain.md says.
  sed -i 's#@cdktf/provider-aws#@cdktn/provider-aws#g; s#from "cdktf"#from "cdktn"#g' ./*.ts
  cp "$FILES/cdk-terrain/tsconfig.json" .
  step "install, CDK Terrain (cdk-terrain/install.sh)"
  bash -euo pipefail "$FILES/cdk-terrain/install.sh"
  if [ -d node_modules/cdktf ] || [ -d node_modules/@cdktf/provider-aws ]; then fail "the CDK Terrain project pulled in cdktf"; fi
  step "cdktn synth"
  npx cdktn synth
  test -f cdktf.out/stacks/orders/cdk.tf.json || fail "cdktn synth wrote no plan"
  step "the plan equals the cdktf one but for metadata"
  node "$ROOT/test/e2e/same-plan.mjs" "$WORK/orders-cjs/cdktf.out/stacks/orders/cdk.tf.json" cdktf.out/stacks/orders/cdk.tf.json
  cli_flow
  kit 4
  step "tsc with the tsconfig paths the docs give: the package's cdktf types read as cdktn's"
  npm install --save-dev typescript@5.9.3 --silent
  npx tsc -p . || fail "the CDK Terrain project does not type-check against the package"
  step "both toolchains installed: the one the app loads is used; a stack of the other is refused with the fix"
  npm install --no-save cdktf@0.21.0 @cdktf/provider-aws@21.22.1 --silent
  CDKTF_OUTDIR=both.out npx tsx main.ts
  node "$ROOT/test/e2e/same-plan.mjs" cdktf.out/stacks/orders/cdk.tf.json both.out/stacks/orders/cdk.tf.json
  if CDKTF_RESILIENCE_TOOLCHAIN=cdktf CDKTF_OUTDIR=mixed.out npx tsx main.ts >mixed.log 2>&1; then fail "a cdktn stack took cdktf constructs"; fi
  grep -q "the stack 'orders' was made with cdktn, but cdktf-resilience builds with cdktf" mixed.log || {
    cat mixed.log
    fail "mixing toolchains did not fail with the clear error"
  }
  test ! -e mixed.out/stacks/orders/cdk.tf.json || fail "the mixed app wrote a plan"
}

for v in "${VARIANTS[@]}"; do
  case "$v" in
  cdktf-cjs) (cdktf_cjs) ;;
  cdktf-esm) (cdktf_esm) ;;
  cdktn)
    [ -f "$WORK/orders-cjs/cdktf.out/stacks/orders/cdk.tf.json" ] || (cdktf_cjs)
    (cdktn)
    ;;
  *) fail "unknown variant $v (expected cdktf-cjs, cdktf-esm or cdktn)" ;;
  esac
done
step "all passed: ${VARIANTS[*]}"
if [ -n "${KEEP_E2E:-}" ]; then echo "kept $WORK"; else rm -rf "$WORK"; fi
