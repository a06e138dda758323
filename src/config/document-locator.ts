/** Locates the parts of a config file in yaml's Document (see config-locator.ts). */
import type { Document } from 'yaml';
import type { ConfigLocator } from './config-locator.js';
import { keyRange, mappingKeys, valueRange } from './yaml-locate.js';

export function documentLocator(document: Document, file: string): ConfigLocator {
  return {
    valueRange: (path) => valueRange(document, file, path),
    keyRange: (path) => keyRange(document, file, path),
    mappingKeys: (path) => mappingKeys(document, path),
  };
}
