/**
 * Runs the built CLI (bin/kmsctl.js) as a user does, in a child process, and measures it: wall time
 * from spawn to exit, and peak memory (maxRSS) recorded by a preload that is no part of the product.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const KMSCTL_BIN = join(ROOT, 'bin', 'kmsctl.js');
const PRELOAD = join(ROOT, 'bench', 'preload', 'record-max-rss.cjs');

export interface KmsctlRun {
  exitCode: number;
  wallMs: number;
  maxRssMiB: number;
  cpuMs: number;
  stdout: string;
  stderr: string;
}

export async function runKmsctl(args: string[], env: Record<string, string>): Promise<KmsctlRun> {
  const dir = mkdtempSync(join(tmpdir(), 'kmsctl-bench-rss-'));
  const rssFile = join(dir, 'rss.json');
  try {
    const started = performance.now();
    const result = await execa('node', ['--require', PRELOAD, KMSCTL_BIN, ...args], {
      env: { PATH: process.env.PATH ?? '', ...env, KMSCTL_BENCH_RSS_FILE: rssFile },
      extendEnv: false,
      reject: false,
      input: '',
      maxBuffer: 512 * 1024 * 1024,
      timeout: 15 * 60_000,
    });
    const wallMs = performance.now() - started;
    const usage = JSON.parse(readFileSync(rssFile, 'utf8')) as { maxRssKiB: number; userCpuUs: number; systemCpuUs: number };
    return {
      exitCode: result.exitCode ?? -1,
      wallMs,
      maxRssMiB: usage.maxRssKiB / 1024,
      cpuMs: (usage.userCpuUs + usage.systemCpuUs) / 1000,
      stdout: result.stdout,
      stderr: result.stderr,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
