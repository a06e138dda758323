/** `region cn-hangzhou`, or `account payments-prod, region cn-hangzhou`: how plan messages say where a key is. */
export function locationText(key: { account: string | undefined; region: string }): string {
  return key.account === undefined ? `region ${key.region}` : `account ${key.account}, region ${key.region}`;
}
