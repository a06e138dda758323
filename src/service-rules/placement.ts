/**
 * Where a key lives, decided from what the service says of it: `DKMSInstanceId` (empty for the classic
 * shared KMS, `kst-...` for a KMS instance) and the instance's kind, from GetKmsInstance or, when that is
 * not known, from the key's ProtectionLevel (HSM: hardware). Never from the shape of an ID.
 */
import type { KmsInstanceKind } from '../kms/wire/enums.js';
import type { Edition } from './editions.js';

export type KeyPlacement =
  /** The classic shared KMS. */
  | { kind: 'shared' }
  | {
      kind: 'instance';
      instanceId: string;
      instanceKind: KmsInstanceKind;
      /** What told the kind: GetKmsInstance's answer, or the key's ProtectionLevel when that was not read. */
      kindFrom: 'GetKmsInstance' | 'ProtectionLevel';
    };

export interface PlacementInputs {
  /** DescribeKey's `DKMSInstanceId`; undefined or `""` for the classic shared KMS. */
  dkmsInstanceId: string | undefined;
  /** DescribeKey's `ProtectionLevel`. */
  protectionLevel: string | undefined;
  /** The instance's kind as GetKmsInstance told it, when it was read and told one. */
  instanceKind?: KmsInstanceKind | undefined;
}

export function placementOf(inputs: PlacementInputs): KeyPlacement {
  const instanceId = inputs.dkmsInstanceId ?? '';
  if (instanceId === '') return { kind: 'shared' };
  if (inputs.instanceKind !== undefined) return { kind: 'instance', instanceId, instanceKind: inputs.instanceKind, kindFrom: 'GetKmsInstance' };
  return { kind: 'instance', instanceId, instanceKind: inputs.protectionLevel === 'HSM' ? 'hardware' : 'software', kindFrom: 'ProtectionLevel' };
}

/** The edition of the rules that governs a key placed so. */
export function editionOf(placement: KeyPlacement): Edition {
  return placement.kind === 'shared' ? 'classic' : 'instance';
}

/**
 * GetKmsInstance's ProductType/ProductVersion as a kind: text naming hardware (or HSM) is hardware, text
 * naming software is software; anything else is not known.
 */
export function instanceKindFromProduct(...texts: (string | undefined)[]): KmsInstanceKind | undefined {
  const text = texts.filter((t) => t !== undefined).join(' ').toLowerCase();
  if (/hardware|hsm/.test(text)) return 'hardware';
  if (/software/.test(text)) return 'software';
  return undefined;
}
