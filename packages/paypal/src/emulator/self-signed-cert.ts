import { generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';

/**
 * A minimal self-signed X.509 v3 certificate (RSA-2048, sha256WithRSAEncryption), DER-encoded by hand so
 * the emulator needs no PKI library. It carries only what a verifier reads: subject/issuer CN, validity
 * and the public key. Node's X509Certificate parses it; `publicKey` checks webhook signatures.
 */
function derLength(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}
const tlv = (tag: number, content: Buffer): Buffer => Buffer.concat([Buffer.from([tag]), derLength(content.length), content]);
const seq = (...parts: Buffer[]): Buffer => tlv(0x30, Buffer.concat(parts));
const set = (...parts: Buffer[]): Buffer => tlv(0x31, Buffer.concat(parts));
function int(value: Buffer): Buffer {
  let v = value;
  while (v.length > 1 && v[0] === 0 && (v[1]! & 0x80) === 0) v = v.subarray(1);
  return tlv(0x02, (v[0]! & 0x80) !== 0 ? Buffer.concat([Buffer.from([0]), v]) : v);
}
function oid(dotted: string): Buffer {
  const arcs = dotted.split('.').map(Number);
  const out = [40 * arcs[0]! + arcs[1]!];
  for (const arc of arcs.slice(2)) {
    const chunk: number[] = [arc & 0x7f];
    for (let v = Math.floor(arc / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift((v & 0x7f) | 0x80);
    out.push(...chunk);
  }
  return tlv(0x06, Buffer.from(out));
}
function time(d: Date): Buffer {
  const iso = d.toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z'; // YYYYMMDDHHMMSSZ
  return d.getUTCFullYear() < 2050 ? tlv(0x17, Buffer.from(iso.slice(2))) : tlv(0x18, Buffer.from(iso));
}
const name = (cn: string): Buffer =>
  seq(set(seq(oid('2.5.4.3'), tlv(0x0c, Buffer.from(cn)))), set(seq(oid('2.5.4.10'), tlv(0x0c, Buffer.from('SectorWars PayPal Emulator')))));

export interface SelfSignedCert {
  certPem: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export function createSelfSignedCert(opts: { commonName?: string; validDays?: number; now?: Date } = {}): SelfSignedCert {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const now = opts.now ?? new Date();
  const notBefore = new Date(now.getTime() - 3_600_000);
  const notAfter = new Date(now.getTime() + (opts.validDays ?? 365) * 86_400_000);
  const sha256WithRsa = seq(oid('1.2.840.113549.1.1.11'), Buffer.from([0x05, 0x00]));
  const subject = name(opts.commonName ?? 'messageverificationcerts.paypal-emulator.local');
  const serial = randomBytes(16);
  serial[0]! &= 0x7f;
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  const tbs = seq(tlv(0xa0, int(Buffer.from([2]))), int(serial), sha256WithRsa, subject, seq(time(notBefore), time(notAfter)), subject, spki);
  const signature = sign('sha256', tbs, privateKey);
  const der = seq(tbs, sha256WithRsa, tlv(0x03, Buffer.concat([Buffer.from([0]), signature])));
  const b64 = der.toString('base64').replace(/(.{64})/g, '$1\n').trimEnd();
  return { certPem: `-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n`, privateKey, publicKey };
}
