#!/usr/bin/env node
// Entry point installed as `kmsctl`; the compiled CLI lives in dist/ (built by `npm install` via `prepare`).
import { setFlagsFromString } from 'node:v8';
import { runCli } from '../dist/cli/main.js';

// undici parses HTTP answers with a WebAssembly module. V8's optimising compiler for it costs about
// 35 MB of memory and saves no time that shows on KMS answers of a few KB, so WebAssembly stays on
// V8's baseline compiler (Liftoff). Set before the first request compiles the module; the flag exists
// in the V8 of every supported Node.js (V8 11 to 13: Node.js 20 to 24), and only there is it set.
const v8Major = Number(process.versions.v8.split('.')[0]);
if (v8Major >= 11 && v8Major <= 13) setFlagsFromString('--liftoff-only');

process.exitCode = await runCli(process.argv.slice(2));
