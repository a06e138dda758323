/**
 * Runs the Terraform model in a process of its own, as Terraform would run: the emulator stays alone in
 * the benchmark's process, so neither side slows the other. Reads a job file (JSON) named by the first
 * argument and prints `{"wallMs", ...ModelResult}` timed around the work (node's start-up
 * excluded, which only flatters the model). One provider per pair: the run's own account, or an account
 * reached by STS AssumeRole from the base credentials, as a provider block with `assume_role` does.
 */
import { readFileSync } from 'node:fs';
import { KmsClient } from '../../dist/kms/client.js';
import { AssumedRoleCredentialsProvider } from '../../dist/kms/assumed-role-credentials.js';
import { StaticCredentialsProvider, type CredentialsProvider } from '../../dist/kms/credentials.js';
import { parseEndpointOverride } from '../../dist/kms/endpoint.js';
import { UndiciTransport } from '../../dist/kms/http-transport.js';
import { DEFAULT_RETRY_POLICY, SYSTEM_RUNTIME } from '../../dist/kms/retry.js';
import { StsClient } from '../../dist/kms/sts-client.js';
import { resolveStsEndpoint } from '../../dist/kms/sts-endpoint.js';
import { DEFAULT_TIMEOUTS } from '../../dist/kms/timeouts.js';
import { defaultUserAgent } from '../../dist/kms/user-agent.js';
import { terraformModel, type ModelKey } from './terraform-model.js';

export interface TerraformJob {
  endpoint: string;
  accessKeyId: string;
  accessKeySecret: string;
  pairs: { region: string; roleArn: string | undefined }[];
  keys: ModelKey[];
  parallelism: number;
  /** Rotation day: also create one version per key. */
  create: boolean;
  seed: number;
}

async function main(): Promise<void> {
  const job = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8')) as TerraformJob;
  const transport = new UndiciTransport({ connections: job.parallelism });
  const endpoint = parseEndpointOverride(job.endpoint);
  const base = new StaticCredentialsProvider({ accessKeyId: job.accessKeyId, accessKeySecret: job.accessKeySecret });
  const roles = new Map<string, CredentialsProvider>();
  const credentialsFor = (roleArn: string | undefined): CredentialsProvider => {
    if (roleArn === undefined) return base;
    let provider = roles.get(roleArn);
    if (provider === undefined) {
      const sts = new StsClient({
        endpoint: resolveStsEndpoint({ flag: job.endpoint, env: {}, allowLoopbackHttp: true }),
        credentials: base,
        transport,
        timeouts: DEFAULT_TIMEOUTS,
        retry: DEFAULT_RETRY_POLICY,
        runtime: SYSTEM_RUNTIME,
        userAgent: defaultUserAgent(),
        signatureVersion: 'v3',
      });
      provider = new AssumedRoleCredentialsProvider({ account: roleArn, roleArn, sts, now: () => Date.now() });
      roles.set(roleArn, provider);
    }
    return provider;
  };
  // No pacing, no adaptive limit and one attempt: the model handles throttling itself, as the provider.
  const providers = job.pairs.map((pair) => new KmsClient({ region: pair.region, endpoint, credentials: credentialsFor(pair.roleArn), transport, retry: { maxAttempts: 1 } }));
  // Providers configure before the walk: assume each role once, untimed, as `terraform plan` does at start.
  await Promise.all([...roles.values()].map((provider) => provider.getCredentials()));
  const started = performance.now();
  try {
    const result = await terraformModel(providers, job.keys, { parallelism: job.parallelism, create: job.create, seed: job.seed });
    process.stdout.write(`${JSON.stringify({ wallMs: performance.now() - started, ...result })}\n`);
  } finally {
    await transport.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`the Terraform model failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
