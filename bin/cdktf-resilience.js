#!/usr/bin/env node

// The CLI entry; the logic lives in dist/runtime/cli/main.js (built by `npm run build`).
const { run, EXIT, tolerateClosedStreams } = require("../dist/runtime/cli/main.js");
const { terminalSafe } = require("../dist/runtime/cli/terminal-text.js");
let broken = false;
tolerateClosedStreams((code) => {
  if (broken) return;
  broken = true;
  process.exitCode = EXIT.badInput;
  try {
    require("node:fs").writeSync(2, `cdktf-resilience: cannot write the output (${code}); nothing more was written.\n`);
  } catch {}
});
run(process.argv.slice(2)).then(
  (code) => {
    if (!broken) process.exitCode = code;
  },
  (e) => {
    process.stderr.write(
      terminalSafe(`cdktf-resilience: internal error: ${e?.stack || e}\nThis is a bug; please report it with the command you ran.\n`),
    );
    process.exitCode = EXIT.internalError;
  },
);
