/**
 * The shapes of the names a config holds: logical key and account names, regions, labels. Key IDs live
 * in key-ids.ts, version IDs in version-ids.ts, the fields of an account in account-fields.ts. The schema
 * carries the same patterns for editors (a test keeps them equal); the checks give the specific reason.
 */

export const KEY_NAME_PATTERN = '^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$';
/** Account names read like key names: what `account:` and `defaults.account` refer to. */
export const ACCOUNT_NAME_PATTERN = KEY_NAME_PATTERN;
/** The body of a region ID, shared by the region pattern and the region part of a key ARN. */
export const REGION_BODY = '[a-z]{2,}(?:-[a-z0-9]+)+';
export const REGION_PATTERN = `^${REGION_BODY}$`;
export const LABEL_PATTERN = '^[^\\u0000-\\u001f\\u007f]{1,128}$';

/** True for a well-formed region ID such as `cn-hangzhou` or `ap-southeast-1`. */
export function isRegionId(region: string): boolean {
  return new RegExp(REGION_PATTERN, 'u').test(region);
}

/** True for a well-formed logical key name. */
export function isKeyName(name: string): boolean {
  return new RegExp(KEY_NAME_PATTERN, 'u').test(name);
}
