/**
 * The Alibaba Cloud CLI's profile file is read by kmsctl for credentials and the last region fallback.
 * A FIFO or a device at its path would block that read for ever, and a blocked read cannot be
 * interrupted (a second Ctrl-C could not end the process), so such a path is refused before anything
 * opens it. A missing file is fine: the profile source is then absent.
 */
import { stat } from 'node:fs/promises';
import { errorDiagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { cliConfigPath, isCliProfileDisabled } from '../kms/aliyun-cli-config.js';
import { CLI_CODES } from '../cli/error-codes.js';

export async function profileFileProblem(env: Readonly<Record<string, string | undefined>>): Promise<Diagnostic | undefined> {
  if (isCliProfileDisabled(env)) return undefined;
  const path = cliConfigPath(env);
  const info = await stat(path).catch(() => undefined);
  if (info === undefined || info.isFile()) return undefined;
  const what = info.isFIFO() ? 'a FIFO' : info.isDirectory() ? 'a directory' : info.isSocket() ? 'a socket' : 'a device or other special file';
  return errorDiagnostic(
    CLI_CODES.profileNotAFile,
    `the Alibaba Cloud CLI profile file ${path} is ${what}, not a regular file`,
    undefined,
    'kmsctl reads only a regular file there; remove it, or set ALIBABA_CLOUD_CLI_PROFILE_DISABLED=true to skip CLI profiles',
  );
}
