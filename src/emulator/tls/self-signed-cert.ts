/**
 * A self-signed certificate for the emulator's `--tls` mode, made at start: an EC P-256 key and an
 * X.509 v3 certificate naming the loopback addresses (and the bound host) in subjectAltName, so a
 * client that trusts the certificate file (`NODE_EXTRA_CA_CERTS`) verifies the host name as it would
 * against the real service. The private key never leaves memory.
 */
import { createHash, generateKeyPairSync, randomBytes, sign, X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import {
  bitString,
  boolean,
  explicit,
  implicitPrimitive,
  objectIdentifier,
  octetString,
  sequence,
  set,
  smallInteger,
  time,
  unsignedInteger,
  utf8String,
} from './der.js';

export interface SelfSignedCertificate {
  /** The certificate, PEM: what clients trust. */
  certPem: string;
  /** The private key, PEM (PKCS#8): for the server only. */
  keyPem: string;
  /** Host names and IP addresses the certificate is valid for. */
  names: string[];
  notAfter: Date;
}

const OID = {
  commonName: '2.5.4.3',
  ecPublicKey: '1.2.840.10045.2.1',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  extKeyUsage: '2.5.29.37',
  serverAuth: '1.3.6.1.5.5.7.3.1',
  subjectAltName: '2.5.29.17',
  subjectKeyIdentifier: '2.5.29.14',
};

const DAY_MS = 86_400_000;

/** Always `localhost`, `127.0.0.1` and `::1`, plus `extraHosts` (the bound address when it is not a wildcard). */
export function createSelfSignedCertificate(options: { extraHosts?: readonly string[]; validDays?: number; now?: Date } = {}): SelfSignedCertificate {
  const names = uniqueNames(['localhost', '127.0.0.1', '::1', ...(options.extraHosts ?? [])]);
  const now = options.now ?? new Date();
  const notBefore = new Date(now.getTime() - DAY_MS);
  const notAfter = new Date(now.getTime() + (options.validDays ?? 30) * DAY_MS);
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  const name = sequence(set(sequence(objectIdentifier(OID.commonName), utf8String('kmsctl KMS emulator'))));
  const signatureAlgorithm = sequence(objectIdentifier(OID.ecdsaWithSha256));

  const tbs = sequence(
    explicit(0, smallInteger(2)),
    unsignedInteger(Buffer.concat([Buffer.from([0x01]), randomBytes(15)])),
    signatureAlgorithm,
    name,
    sequence(time(notBefore), time(notAfter)),
    name,
    spki,
    explicit(3, sequence(...extensions(names, spki))),
  );
  const signature = sign('sha256', tbs, privateKey);
  const der = sequence(tbs, signatureAlgorithm, bitString(signature));
  const certPem = toPem('CERTIFICATE', der);
  // Parse it back: a malformed encoding fails here, at start, not in a client's handshake.
  const parsed = new X509Certificate(certPem);
  if (!parsed.verify(publicKey)) throw new Error('the generated certificate does not verify against its own key');
  return { certPem, keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), names, notAfter };
}

function extensions(names: readonly string[], spki: Buffer): Buffer[] {
  const altNames = names.map((entry) => (isIP(entry) === 0 ? implicitPrimitive(2, Buffer.from(entry, 'ascii')) : implicitPrimitive(7, ipBytes(entry))));
  const keyId = createHash('sha1').update(spki).digest();
  return [
    // CA:TRUE and keyCertSign, as `openssl req -x509` makes them: the certificate is its own trust anchor.
    extension(OID.basicConstraints, true, sequence(boolean(true))),
    // digitalSignature (bit 0) and keyCertSign (bit 5): 0b10000100 with 2 unused trailing bits.
    extension(OID.keyUsage, true, bitString(Buffer.from([0x84]), 2)),
    extension(OID.extKeyUsage, false, sequence(objectIdentifier(OID.serverAuth))),
    extension(OID.subjectAltName, false, sequence(...altNames)),
    extension(OID.subjectKeyIdentifier, false, octetString(keyId)),
  ];
}

function extension(oid: string, critical: boolean, value: Buffer): Buffer {
  return critical ? sequence(objectIdentifier(oid), boolean(true), octetString(value)) : sequence(objectIdentifier(oid), octetString(value));
}

/** The 4 or 16 bytes of an IP address (IPv6 with `::` and an embedded IPv4 tail allowed). */
export function ipBytes(address: string): Buffer {
  const plain = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  if (isIP(plain) === 4) return Buffer.from(plain.split('.').map(Number));
  if (isIP(plain) !== 6) throw new RangeError(`not an IP address: ${JSON.stringify(address)}`);
  let text = plain.split('%')[0] ?? plain;
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4?.[1]) {
    const [a = 0, b = 0, c = 0, d = 0] = v4[1].split('.').map(Number);
    text = `${text.slice(0, -v4[1].length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  const zeros = tail === undefined ? [] : Array<string>(8 - headGroups.length - tailGroups.length).fill('0');
  const groups = [...headGroups, ...zeros, ...tailGroups];
  const bytes = Buffer.alloc(16);
  groups.forEach((group, index) => bytes.writeUInt16BE(parseInt(group, 16), index * 2));
  return bytes;
}

function uniqueNames(entries: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const entry of entries) {
    const plain = entry.startsWith('[') && entry.endsWith(']') ? entry.slice(1, -1) : entry;
    if (plain === '' || plain === '0.0.0.0' || plain === '::') continue;
    const key = isIP(plain) === 0 ? plain.toLowerCase() : ipBytes(plain).toString('hex');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(plain);
  }
  return out;
}

function toPem(label: string, der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}
