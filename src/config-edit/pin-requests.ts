/**
 * What to pin, per config file, from a plan (`kmsctl pin`: the live versions unpinned entries matched,
 * and with --adopt the drifted ones) or from an apply report (`kmsctl apply --pin`: the versions just
 * created). No matching of its own: the planner's matches and the plan's `create.entry` say it all.
 */
import type { ApplyReport } from '../apply/apply-report.js';
import type { KeyPlan, Plan } from '../plan/types.js';
import type { KeyLocations } from './key-locations.js';
import type { AdoptRequest, PinRequest } from './pin-edits.js';

export interface FilePinRequests {
  /** The config file, as the user gave it. */
  file: string;
  pins: PinRequest[];
  adopts: AdoptRequest[];
}

export interface PinRequests {
  files: FilePinRequests[];
  /** Keys whose live versions could not be read: nothing can be pinned for them. */
  unread: { name: string; reason: string }[];
  /** Drifted versions left out (without --adopt). */
  unadopted: number;
  /** Requests for keys the config no longer declares (a saved plan applied after the config changed). */
  orphans: (PinRequest | AdoptRequest)[];
}

/** From a plan: every unpinned entry's matched version, and drifted versions when `adopt`. */
export function pinRequestsFromPlan(plan: Plan, config: KeyLocations, options: { adopt: boolean }): PinRequests {
  const collector = new Collector(config);
  let unadopted = 0;
  const unread: PinRequests['unread'] = [];
  for (const key of plan.keys) {
    if (key.observed === undefined) {
      unread.push({ name: key.name, reason: key.action === 'error' ? `${key.error.code}: ${key.error.message}` : 'not read' });
      continue;
    }
    for (const match of key.matches) {
      if (!match.pinned) collector.pin(key.name, { key: key.name, ...entryCheck(match.entry, match.label), versionId: match.versionId });
    }
    if (!options.adopt) {
      unadopted += key.drift.length;
      continue;
    }
    for (const drift of key.drift) collector.adopt(key.name, { key: key.name, versionId: drift.versionId, comment: `adopted: created ${drift.creationDate}` });
  }
  return { files: collector.files(), unread, unadopted, orphans: collector.orphans };
}

/**
 * From an apply: a version created for a declared entry pins that entry; one created for
 * `rotation.maxAge` on a key that lists its versions is appended (otherwise it would show as drift).
 */
export function pinRequestsFromApply(plan: Plan, report: ApplyReport, config: KeyLocations, createdAt: string): PinRequests {
  const collector = new Collector(config);
  report.results.forEach((result, index) => {
    const key: KeyPlan | undefined = plan.keys[index];
    if (result.outcome !== 'created' || result.versionId === undefined || key?.name !== result.name || key.action !== 'create') return;
    const { create } = key;
    if (create.cause === 'declared' && create.entry !== undefined) {
      collector.pin(key.name, { key: key.name, ...entryCheck(create.entry, create.label), versionId: result.versionId });
    } else if (create.cause === 'rotation' && (collector.listsVersions(key.name) || !collector.declares(key.name))) {
      collector.adopt(key.name, { key: key.name, versionId: result.versionId, comment: `rotation: created ${createdAt}` });
    }
  });
  return { files: collector.files(), unread: [], unadopted: 0, orphans: collector.orphans };
}

function entryCheck(entry: number, label: string | undefined): Pick<PinRequest, 'entry' | 'label' | 'expectNoLabel'> {
  return label === undefined ? { entry, expectNoLabel: true } : { entry, label };
}

/** Groups requests by the file that declares each key, in the order the files were read. */
class Collector {
  readonly #config: KeyLocations;
  readonly #byFile = new Map<string, FilePinRequests>();
  readonly orphans: (PinRequest | AdoptRequest)[] = [];

  constructor(config: KeyLocations) {
    this.#config = config;
  }

  declares(name: string): boolean {
    return this.#config.keys.has(name);
  }

  listsVersions(name: string): boolean {
    return this.#config.keys.get(name)?.listsVersions === true;
  }

  pin(name: string, request: PinRequest): void {
    const file = this.#forKey(name);
    if (file) file.pins.push(request);
    else this.orphans.push(request);
  }

  adopt(name: string, request: AdoptRequest): void {
    const file = this.#forKey(name);
    if (file) file.adopts.push(request);
    else this.orphans.push(request);
  }

  files(): FilePinRequests[] {
    const order = this.#config.files;
    return [...this.#byFile.values()].sort((a, b) => order.indexOf(a.file) - order.indexOf(b.file));
  }

  #forKey(name: string): FilePinRequests | undefined {
    const file = this.#config.keys.get(name)?.file;
    if (file === undefined) return undefined;
    let requests = this.#byFile.get(file);
    if (!requests) {
      requests = { file, pins: [], adopts: [] };
      this.#byFile.set(file, requests);
    }
    return requests;
  }
}
