#!/usr/bin/env node

// The CLI entry; the logic lives in dist/runtime/cli/main.js (built by `npm run build`).
const { run, EXIT } = require("../dist/runtime/cli/main.js");
const { terminalSafe } = require("../dist/runtime/cli/terminal-text.js");
run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(
      terminalSafe(`cdktf-resilience: internal error: ${e?.stack || e}\nThis is a bug; please report it with the command you ran.\n`),
    );
    process.exitCode = EXIT.internalError;
  },
);
