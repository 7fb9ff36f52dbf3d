#!/usr/bin/env node
// The `profile` command. `npm install` (prepare) or `npm run build` compiles the CLI to dist/ and
// bundles it into dist/cli-bundle/ (scripts/bundle-cli.mjs), which starts in a fraction of the time.
import { main } from '../dist/cli-bundle/main.js';

process.exitCode = await main(process.argv);
