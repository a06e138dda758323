/**
 * The last guard before text reaches the user: access key IDs appear only masked (`LTAI****7Xyz`). The
 * IDs the run knows (the environment's, and every one its credentials provider handed out) are masked
 * wherever they appear, as is whatever follows `AccessKeyId=` in a string to sign the service echoes.
 * Secrets never get this far (the client scrubs them); this covers the IDs in server text and errors.
 */
import { maskAccessKeyId } from '../../kms/credentials.js';

const ID_IN_STRING_TO_SIGN = /(AccessKeyId(?:=|%3D|%253D))([^&\s"'<%]+)/gi;
const ID_AFTER_NOT_FOUND = /(access key is not found[:\s]+)([A-Za-z0-9._*-]{4,})/gi;

export class DisplayRedactor {
  readonly #ids = new Set<string>();

  /** Remembers an access key ID to mask (too short to be one: ignored). */
  add(accessKeyId: string | undefined): void {
    const id = accessKeyId?.trim();
    if (id !== undefined && id.length >= 4) this.#ids.add(id);
  }

  apply(text: string): string {
    let out = text;
    for (const id of this.#ids) if (out.includes(id)) out = out.split(id).join(maskAccessKeyId(id));
    return out.replace(ID_IN_STRING_TO_SIGN, (_m, head: string, id: string) => `${head}${id.includes('****') ? id : maskAccessKeyId(id)}`).replace(ID_AFTER_NOT_FOUND, (_m, head: string, id: string) => `${head}${id.includes('****') ? id : maskAccessKeyId(id)}`);
  }
}
