/**
 * `npm run demo`: a newcomer's tour without a cloud account. Starts the KMS emulator in this process,
 * seeded from examples/demo/seed.yaml, then runs the real CLI against it: plan (with a key due soon),
 * apply (classic asymmetric keys, and a symmetric key in a software KMS instance, get their versions),
 * the public keys as a JWKS, the fleet report, the emulator clock moved by 7 days, and plan again. Every
 * step prints the command it runs and explains the exit code it actually got (never a story written in
 * advance); headings are bold only on a terminal. What it writes goes to .kmsctl-demo/ (gitignored).
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../cli/main.js';
import { createProcessContext } from '../cli/process-context.js';
import { DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET, startEmulator } from '../emulator/index.js';
import { colorEnabled, createStyle } from '../style.js';

const DEMO_DIR = fileURLToPath(new URL('../../examples/demo/', import.meta.url));
/** Where the demo's JWKS and report go: a gitignored folder at the top of the checkout (or package). */
const OUTPUT_DIR = fileURLToPath(new URL('../../.kmsctl-demo/', import.meta.url));

/** What each exit code of a step means in this demo, by code. */
type Notes = Partial<Record<number, string>>;

async function main(): Promise<number> {
  const emulator = await startEmulator({ port: 0, seed: `${DEMO_DIR}seed.yaml`, accessKeyId: DEMO_ACCESS_KEY_ID, accessKeySecret: DEMO_ACCESS_KEY_SECRET });
  const base = createProcessContext(false);
  const ctx = {
    ...base,
    cwd: DEMO_DIR,
    prompt: undefined,
    env: {
      ...withoutCloudCredentials(process.env),
      KMSCTL_ENDPOINT: emulator.url,
      ALIBABA_CLOUD_ACCESS_KEY_ID: DEMO_ACCESS_KEY_ID,
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: DEMO_ACCESS_KEY_SECRET,
    },
  };
  const style = createStyle(colorEnabled({ isTTY: process.stdout.isTTY === true, env: process.env, noColorFlag: false }));
  const say = (text: string): void => void process.stdout.write(`\n${style.bold(text)}\n`);
  const run = async (args: string[], notes: Notes): Promise<void> => {
    say(`$ kmsctl ${args.join(' ')}`);
    const code = await runCli(args, ctx);
    process.stdout.write(`(exit code ${code}${notes[code] === undefined ? '' : `: ${notes[code]}`})\n`);
  };
  // Every step can meet a key in error (the demo's keys are chosen so that none is); exit code 1 says so.
  const inError = 'a key is in error (see its line above), and any key in error makes the exit code 1';
  const jwks = join(OUTPUT_DIR, 'jwks.json');
  const report = join(OUTPUT_DIR, 'report.html');
  try {
    await mkdir(OUTPUT_DIR, { recursive: true });
    say(`kmsctl demo: a local KMS emulator at ${emulator.url}, seeded with 5 keys from examples/demo/seed.yaml.`);
    process.stdout.write('The config is examples/demo/kmsctl.yaml. Nothing here talks to Alibaba Cloud.\n');
    await run(['validate'], { 0: 'the config is valid' });
    await run(['plan', '--detailed-exitcode'], {
      1: inError,
      2: 'there are versions to create and no error: session-encryption, a symmetric key in a software KMS instance, gets a version next to the classic asymmetric payments-signing',
    });
    await run(['apply', '--auto-approve'], { 0: 'every key as planned: payments-signing and session-encryption got their versions', 1: inError });
    await run(['plan', '--detailed-exitcode'], { 0: 'nothing to create and no error: the other declared versions wait for the 7 days between versions', 1: inError, 2: 'there are still versions to create' });
    await run(['public-keys', '--out', jwks], { 0: `every version of the signing keys is in ${jwks}, newest first, kid = the version ID; session-encryption has no public key`, 1: inError });
    await run(['report', '--out', report], {
      0: `webhook-signing is due soon (its rotation falls due within rotation.warnBefore); open ${report} in a browser, its figures are in ${join(OUTPUT_DIR, 'report.json')}`,
      1: inError,
    });
    say('Moving the emulator clock 7 days ahead (POST /_emulator/clock {"advance": "7d"})');
    const moved = await fetch(`${emulator.url}/_emulator/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advance: '7d' }) });
    process.stdout.write(`The emulator's clock now reads ${((await moved.json()) as { now: string }).now}.\n`);
    await run(['plan'], { 0: 'no error: payments-signing and api-tokens can get a version again', 1: inError });
    await run(['show', '--target', 'payments-signing'], { 0: 'the live versions of one key', 1: inError });
    say('Try it yourself: kmsctl emulator --port 8080 --seed examples/demo/seed.yaml, then in another shell:');
    process.stdout.write(
      `  export KMSCTL_ENDPOINT=http://127.0.0.1:8080 ALIBABA_CLOUD_ACCESS_KEY_ID=${DEMO_ACCESS_KEY_ID} ALIBABA_CLOUD_ACCESS_KEY_SECRET=${DEMO_ACCESS_KEY_SECRET}\n  kmsctl plan -f examples/demo/kmsctl.yaml\n  kmsctl report -f examples/demo/kmsctl.yaml --out report.html\n`,
    );
    return 0;
  } finally {
    await emulator.close();
  }
}

/** The demo must never pick up a real account's credentials from the caller's shell. */
function withoutCloudCredentials(env: NodeJS.ProcessEnv): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !name.startsWith('ALIBABA_CLOUD_') && name !== 'KMSCTL_ENDPOINT'));
}

process.exitCode = await main();
