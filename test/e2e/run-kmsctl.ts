/**
 * Runs the built CLI (bin/kmsctl.js, as users run it) in a child process with execa, without a
 * terminal and with a clean environment: only what the test passes, plus PATH.
 */
import { execa } from 'execa';
import { fileURLToPath } from 'node:url';

export const KMSCTL_BIN = fileURLToPath(new URL('../../bin/kmsctl.js', import.meta.url));

export const DEMO_CREDENTIALS = {
  ALIBABA_CLOUD_ACCESS_KEY_ID: 'kmsctl-demo-access-key-id',
  ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'kmsctl-demo-access-key-secret',
} as const;

export interface KmsctlRun {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export async function runKmsctl(args: string[], options: { env?: Record<string, string>; cwd?: string; input?: string } = {}): Promise<KmsctlRun> {
  const result = await execa('node', [KMSCTL_BIN, ...args], {
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? '', ...options.env },
    extendEnv: false,
    reject: false,
    input: options.input ?? '',
    timeout: 60_000,
  });
  return { exitCode: result.exitCode ?? -1, stdout: result.stdout, stderr: result.stderr };
}
