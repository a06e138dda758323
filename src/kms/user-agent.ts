import { KMSCTL_VERSION } from '../version.js';

/** `kmsctl/<version> Node.js/<process.version> (<platform>; <arch>)`: names the tool in the service's logs. */
export function defaultUserAgent(version: string = KMSCTL_VERSION): string {
  return `kmsctl/${version} Node.js/${process.version} (${process.platform}; ${process.arch})`;
}
