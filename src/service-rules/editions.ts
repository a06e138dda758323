/**
 * The two editions of the service's CreateKeyVersion rules, both live documentation today, each with the
 * page it comes from. A key's placement decides which one applies (./placement.ts); the rules themselves
 * are data in ./create-key-version-rules.ts. See ../../../shared/kms-api.md, "Two editions of the rules".
 */

export const EDITIONS = ['classic', 'instance'] as const;
export type Edition = (typeof EDITIONS)[number];

export interface EditionInfo {
  edition: Edition;
  /** How messages name the edition. */
  name: string;
  /** The page the edition's rules are read from. */
  source: string;
}

export const EDITION_INFO: Readonly<Record<Edition, EditionInfo>> = {
  classic: {
    edition: 'classic',
    name: 'classic shared KMS',
    source: 'CreateKeyVersion (KMS API 2016-01-20), classic shared KMS edition: the English product page, kept in shared/seeds/000_665eedbe4530ce8a.txt',
  },
  instance: {
    edition: 'instance',
    name: 'KMS instance',
    source: 'CreateKeyVersion (KMS API 2016-01-20), KMS-instance edition: help.aliyun.com api-kms-2016-01-20-createkeyversion (doc-detail 133838; pt-br edition updated 2026-10-27)',
  },
};

/**
 * Where a rule comes from: the edition's own CreateKeyVersion page; another page of the service (the key
 * values of DescribeKey); or kmsctl itself, keeping the classic rule where the edition's page is silent.
 * The emulator enforces `page` and `service` rules only; the planner applies all three.
 */
export type RuleBasis = 'page' | 'service' | 'kmsctl';
