#!/usr/bin/env node
// The CLI entry of the npm package: runs the built CLI (npm run build makes out/main/cli.js).
const path = require('node:path')
const fs = require('node:fs')
const cli = path.join(__dirname, '..', 'out', 'main', 'cli.js')
if (!fs.existsSync(cli)) {
  process.stderr.write('error: rram-workbench is not built: run npm run build in ' + path.dirname(__dirname) + '\n')
  process.exit(1)
}
require(cli)
