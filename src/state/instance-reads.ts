/**
 * GetKmsInstance, once per distinct instance in each (account, region): many keys share an instance, and
 * the call has a quota of its own (instance management, read). Concurrent keys of one instance wait for
 * the same answer.
 */
import { instanceKindFromProduct } from '../service-rules/index.js';
import { locationRef, type KeyApi, type KeyLocation } from './key-api.js';
import type { InstanceRead } from './live-state.js';
import { classifyReadFailure } from './read-failure.js';

export class InstanceReads {
  readonly #reads = new Map<string, Promise<InstanceRead>>();

  /** What GetKmsInstance says of `instanceId`; a failure is a value (the key's ProtectionLevel then tells the kind). */
  read(api: KeyApi, location: KeyLocation, instanceId: string): Promise<InstanceRead> {
    const ref = `${locationRef(location)}\u0000${instanceId}`;
    let read = this.#reads.get(ref);
    if (!read) {
      read = readInstance(api, instanceId);
      this.#reads.set(ref, read);
    }
    return read;
  }
}

async function readInstance(api: KeyApi, instanceId: string): Promise<InstanceRead> {
  try {
    const { value } = await api.getKmsInstance(instanceId);
    return { status: 'read', instanceId, kind: instanceKindFromProduct(value.productType, value.productVersion) };
  } catch (error) {
    const failure = classifyReadFailure(error);
    return { status: 'failed', instanceId, code: failure.code, message: failure.message, requestId: failure.requestId };
  }
}
