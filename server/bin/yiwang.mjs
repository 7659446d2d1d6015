#!/usr/bin/env node
// `npx yiwang <command>` and `npm start`: runs the bundled server (dist/main.mjs), rebuilding it
// first when a source file is newer (scripts/build.mjs; docs/decisions/0004-bundled-server-start.md).
import { pathToFileURL } from 'node:url';
import { ensureBundle } from '../scripts/build.mjs';

process.setSourceMapsEnabled(true);
const bundle = await ensureBundle();
await import(pathToFileURL(bundle).href);
