/**
 * `kmsctl doctor`'s checks, in the order a failing pipeline needs them: which credential source the
 * chain picks (and what it found at the others), the identity (masked), the regions (from the config
 * when there is one, else --region / ALIBABA_CLOUD_REGION_ID / the CLI profile), their endpoints, and
 * whether each endpoint answers a cheap signed call. Every failure becomes a problem sentence.
 */
import { access } from 'node:fs/promises';
import { resolve } from 'node:path';
import { loadConfig } from '../../config/load-config.js';
import { readProfileRegion } from '../../kms/aliyun-cli-config.js';
import { createKmsClients, type KmsClients } from '../../kms/client-factory.js';
import { createCredentialChain, type CredentialChain } from '../../kms/credential-chain.js';
import { ENDPOINT_ENV_VAR, isValidRegion } from '../../kms/endpoint.js';
import { KmsApiError, KmsConfigError, KmsTransportError } from '../../kms/errors.js';
import type { CredentialsReport, DoctorReport, EndpointCheck, EndpointOriginName, RegionOriginName, RegionReport } from './doctor-report.js';
import { hintFor } from '../views/failure-hints.js';
import { profileFileProblem } from '../../operations/profile-file.js';
import { REGION_ENV } from '../../config/resolve-region.js';

export interface DoctorInput {
  files: string[];
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  region?: string | undefined;
  endpoint?: string | undefined;
  profile?: string | undefined;
  stsEndpoint?: string | undefined;
  signal?: AbortSignal | undefined;
  homeDir?: string | undefined;
}

export async function diagnose(input: DoctorInput): Promise<DoctorReport> {
  const problems: string[] = [];
  const profileProblem = await profileFileProblem(input.env);
  if (profileProblem !== undefined) {
    problems.push(`${profileProblem.summary}: ${profileProblem.detail ?? ''}.`);
    return { ok: false, credentials: { ok: false, source: undefined, label: undefined, accessKeyId: undefined, temporary: undefined, sts: undefined, checks: [], error: { code: profileProblem.code, message: profileProblem.summary } }, config: undefined, regions: [], problems };
  }
  const chain = createCredentialChain({ env: input.env, profile: input.profile, stsEndpoint: input.stsEndpoint, homeDir: input.homeDir });
  const credentials = await checkCredentials(chain, problems);
  const { config, regions } = await findRegions(input, problems);

  let clients: KmsClients | undefined;
  try {
    clients = createKmsClients({ endpoint: input.endpoint, env: input.env, credentials: chain, signal: input.signal, retry: { maxAttempts: 2 }, timeouts: { deadlineMs: 20_000 } });
  } catch (error) {
    if (!(error instanceof KmsConfigError)) throw error;
    problems.push(`${error.message}.`);
  }
  const reports: RegionReport[] = [];
  try {
    for (const { region, origin, keys } of regions) {
      if (!clients) break;
      const endpointOrigin: EndpointOriginName = input.endpoint?.trim() ? '--endpoint' : input.env[ENDPOINT_ENV_VAR]?.trim() ? ENDPOINT_ENV_VAR : 'region';
      reports.push({ region, origin, keys, endpoint: clients.endpointFor(region), endpointOrigin, check: undefined });
    }
    if (clients && credentials.ok) {
      const checks = await Promise.all(reports.map((report) => checkEndpoint(clients!, report.region)));
      checks.forEach((check, index) => {
        const report = reports[index]!;
        report.check = check;
        if (!check.ok) problems.push(`${report.endpoint} (${report.region}) did not accept ListKeys: ${check.code}${check.hint ? `; ${check.hint}` : ''}.`);
      });
    }
  } finally {
    await clients?.close();
  }
  return { ok: problems.length === 0, credentials, config, regions: reports, problems };
}

async function checkCredentials(chain: CredentialChain, problems: string[]): Promise<CredentialsReport> {
  const report = await chain.report();
  const base: CredentialsReport = {
    ok: false,
    source: report.selected?.source,
    label: report.selected?.label,
    accessKeyId: undefined,
    temporary: undefined,
    sts: report.selected?.sts && { url: report.selected.sts.url, origin: report.selected.sts.origin },
    checks: report.checks,
    error: undefined,
  };
  if (report.error) {
    problems.push(report.error.code === 'credentials.missing' ? 'No credentials were found (see "looked at" for each source).' : `${report.error.message}.`);
    return { ...base, error: { code: report.error.code, message: report.error.message } };
  }
  try {
    const identity = await chain.describe();
    return { ...base, ok: true, accessKeyId: identity.accessKeyId, temporary: identity.hasSecurityToken };
  } catch (error) {
    if (!(error instanceof KmsConfigError)) throw error;
    problems.push(`${error.message}.`);
    return { ...base, error: { code: error.code, message: error.message } };
  }
}

interface RegionChoice {
  region: string;
  origin: RegionOriginName;
  keys: number | undefined;
}

/** The config's regions when a config is given or present, else the one region of the flags and environment. */
async function findRegions(input: DoctorInput, problems: string[]): Promise<{ config: DoctorReport['config']; regions: RegionChoice[] }> {
  const profileRegion = await readProfileRegion({ env: input.env, profile: input.profile, homeDir: input.homeDir });
  const files = input.files.length > 0 ? input.files : (await exists(resolve(input.cwd, 'kmsctl.yaml'))) ? ['kmsctl.yaml'] : [];
  if (files.length > 0) {
    // --region fills in for keys that name no region, as in plan: it takes ALIBABA_CLOUD_REGION_ID's place.
    const env = input.region === undefined ? { ...input.env } : { ...input.env, [REGION_ENV]: input.region };
    const loaded = await loadConfig({ files, cwd: input.cwd, env, profileRegion });
    const errors = loaded.diagnostics.filter((d) => d.severity === 'error').length;
    const config = { files: loaded.value?.files ?? files, keys: loaded.value?.keys.length ?? 0, errors };
    if (loaded.value) {
      const counts = new Map<string, number>();
      for (const key of loaded.value.keys) counts.set(key.region, (counts.get(key.region) ?? 0) + 1);
      return { config, regions: [...counts].map(([region, keys]) => ({ region, origin: 'config', keys })) };
    }
    problems.push(`The config has ${errors} error${errors === 1 ? '' : 's'}: run \`kmsctl validate${files.map((f) => ` -f ${f}`).join('')}\`.`);
    return { config, regions: fallbackRegion(input, profileRegion, problems, true) };
  }
  return { config: undefined, regions: fallbackRegion(input, profileRegion, problems, false) };
}

function fallbackRegion(input: DoctorInput, profileRegion: string | undefined, problems: string[], afterConfig: boolean): RegionChoice[] {
  const candidates: [string | undefined, RegionOriginName][] = [
    [input.region, '--region'],
    [input.env['ALIBABA_CLOUD_REGION_ID'], 'ALIBABA_CLOUD_REGION_ID'],
    [profileRegion, 'CLI profile region_id'],
  ];
  for (const [value, origin] of candidates) {
    const region = value?.trim();
    if (region === undefined || region === '') continue;
    if (!isValidRegion(region)) {
      problems.push(`The region ${JSON.stringify(region)} from ${origin} is not a region ID such as cn-hangzhou.`);
      return [];
    }
    return [{ region, origin, keys: undefined }];
  }
  if (!afterConfig) problems.push('No region to check: no config (kmsctl.yaml or -f), and none of --region, ALIBABA_CLOUD_REGION_ID or a CLI profile region_id is set.');
  return [];
}

async function checkEndpoint(clients: KmsClients, region: string): Promise<EndpointCheck> {
  const started = Date.now();
  const done = (fields: Omit<EndpointCheck, 'action' | 'durationMs' | 'hint'>): EndpointCheck => ({ ...fields, action: 'ListKeys', durationMs: Date.now() - started, hint: fields.ok ? undefined : hintFor(fields.code ?? '') });
  try {
    const page = await clients.forRegion(region).listKeysPage(1, 1);
    return done({ ok: true, requestId: page.requestId || undefined, code: undefined, message: undefined });
  } catch (error) {
    if (error instanceof KmsApiError) return done({ ok: false, requestId: error.requestId || undefined, code: error.code, message: error.serviceMessage });
    if (error instanceof KmsTransportError) return done({ ok: false, requestId: undefined, code: `transport.${error.kind}`, message: error.message });
    if (error instanceof KmsConfigError) return done({ ok: false, requestId: undefined, code: error.code, message: error.message });
    throw error;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
