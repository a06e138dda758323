/**
 * Runs one baseline in a process of its own, as a user's script or Terraform would run: the emulator
 * stays alone in the benchmark process, so neither side slows the other. Reads a job file (JSON) named
 * by the first argument, prints `{"wallMs": ...}` timed around the work (node's start-up excluded,
 * which only flatters the baseline).
 */
import { readFileSync } from 'node:fs';
import { createKmsClients } from '../../dist/kms/client-factory.js';
import { StaticCredentialsProvider } from '../../dist/kms/credentials.js';
import { sdkSequentialScript, type ScriptKey } from './sdk-sequential.js';
import { terraformRefreshModel, type StateKey } from './terraform-model.js';

export type BaselineJob =
  | { kind: 'sdk-script'; endpoint: string; accessKeyId: string; accessKeySecret: string; keys: ScriptKey[] }
  | { kind: 'terraform-model'; endpoint: string; accessKeyId: string; accessKeySecret: string; keys: StateKey[]; parallelism: number };

async function main(): Promise<void> {
  const job = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8')) as BaselineJob;
  const started = performance.now();
  if (job.kind === 'sdk-script') {
    await sdkSequentialScript(job.endpoint, job.accessKeyId, job.accessKeySecret, job.keys);
  } else {
    const credentials = new StaticCredentialsProvider({ accessKeyId: job.accessKeyId, accessKeySecret: job.accessKeySecret });
    const clients = createKmsClients({ endpoint: job.endpoint, env: {}, credentials, maxConcurrency: job.parallelism });
    try {
      await terraformRefreshModel(clients, job.keys, job.parallelism);
    } finally {
      await clients.close();
    }
  }
  process.stdout.write(`${JSON.stringify({ wallMs: performance.now() - started })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`baseline failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
