/**
 * Where STS calls (AssumeRole, AssumeRoleWithOIDC) go, in this order: `--sts-endpoint`, env
 * `KMSCTL_STS_ENDPOINT`, the CLI profile's `sts_endpoint`, `sts[-vpc].<region>.aliyuncs.com` from the
 * profile's `sts_region` or `ALIBABA_CLOUD_STS_REGION` (`-vpc` with `enable_vpc` or
 * `ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED=true`), else `sts.aliyuncs.com`. @alicloud/credentials takes a
 * host and always speaks HTTPS, so an override must be https (the emulator serves it with `--tls`).
 */
import { isLoopbackHost, quoteUrl } from './endpoint.js';
import { KmsConfigError } from './errors.js';

export const STS_ENDPOINT_ENV_VAR = 'KMSCTL_STS_ENDPOINT';
export const STS_REGION_ENV_VAR = 'ALIBABA_CLOUD_STS_REGION';
export const VPC_ENDPOINT_ENV_VAR = 'ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED';

export type StsEndpointOrigin = '--sts-endpoint' | typeof STS_ENDPOINT_ENV_VAR | 'profile sts_endpoint' | 'STS region' | 'default';

export interface StsEndpoint {
  /** `host[:port]`, what the credentials library is given. */
  host: string;
  /** `https://host[:port]`, for messages. */
  url: string;
  origin: StsEndpointOrigin;
}

export interface StsEndpointInput {
  /** `--sts-endpoint`. */
  flag?: string | undefined;
  env: Readonly<Record<string, string | undefined>>;
  /** The CLI profile's STS fields, when the credentials come from a profile. */
  profile?: { sts_endpoint?: string | undefined; sts_region?: string | undefined; enable_vpc?: boolean | undefined } | undefined;
  /**
   * Accept plain http to a loopback host (an emulator), as the KMS endpoint does. Only for kmsctl's own
   * STS calls (accounts' AssumeRole, GetCallerIdentity): the credentials library always speaks HTTPS.
   */
  allowLoopbackHttp?: boolean | undefined;
}

export function resolveStsEndpoint(input: StsEndpointInput): StsEndpoint {
  const flag = text(input.flag);
  const http = input.allowLoopbackHttp === true;
  if (flag !== undefined) return parseStsEndpoint(flag, '--sts-endpoint', http);
  const fromEnv = text(input.env[STS_ENDPOINT_ENV_VAR]);
  if (fromEnv !== undefined) return parseStsEndpoint(fromEnv, STS_ENDPOINT_ENV_VAR, http);
  const fromProfile = text(input.profile?.sts_endpoint);
  if (fromProfile !== undefined) return parseStsEndpoint(fromProfile, 'profile sts_endpoint', http);
  const region = text(input.profile?.sts_region) ?? text(input.env[STS_REGION_ENV_VAR]);
  if (region !== undefined) {
    if (!/^[a-z]{2,}-[a-z0-9-]+$/.test(region)) throw new KmsConfigError('region.invalid', `invalid STS region ${JSON.stringify(region)}: expected a region ID such as "cn-hangzhou"`);
    const vpc = input.profile?.enable_vpc === true || input.env[VPC_ENDPOINT_ENV_VAR]?.trim().toLowerCase() === 'true';
    const host = `sts${vpc ? '-vpc' : ''}.${region}.aliyuncs.com`;
    return { host, url: `https://${host}`, origin: 'STS region' };
  }
  return { host: 'sts.aliyuncs.com', url: 'https://sts.aliyuncs.com', origin: 'default' };
}

/** An https URL or a bare `host[:port]`; no path, query, fragment or user info. Messages never quote a user name or password. */
export function parseStsEndpoint(value: string, origin: Exclude<StsEndpointOrigin, 'STS region' | 'default'>, allowLoopbackHttp = false): StsEndpoint {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `https://${value}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new KmsConfigError('endpoint.invalid', `invalid STS endpoint ${quoteUrl(value)} (from ${origin}): expected a URL such as "https://sts.cn-hangzhou.aliyuncs.com"`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new KmsConfigError('endpoint.invalid', `invalid STS endpoint (from ${origin}): it must not contain a user name or password`);
  }
  const loopbackHttp = allowLoopbackHttp && url.protocol === 'http:' && isLoopbackHost(url.hostname);
  if (url.protocol !== 'https:' && !loopbackHttp) {
    throw new KmsConfigError(
      'endpoint.insecure',
      `the STS endpoint ${JSON.stringify(url.origin)} (from ${origin}) must use https: the credentials library reaches STS over HTTPS only (start the emulator with --tls and trust its certificate with NODE_EXTRA_CA_CERTS)`,
    );
  }
  if (url.search !== '' || url.hash !== '' || (url.pathname !== '/' && url.pathname !== '')) {
    throw new KmsConfigError('endpoint.invalid', `invalid STS endpoint ${JSON.stringify(url.origin)} (from ${origin}): give only the scheme, host and port`);
  }
  return { host: url.host, url: url.origin, origin };
}

function text(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}
