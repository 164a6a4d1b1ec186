import { createSign, randomUUID, type KeyObject } from 'node:crypto';
import { crc32 } from 'node:zlib';

/** The only algorithm PayPal uses for webhook signatures (header PAYPAL-AUTH-ALGO). */
export const PAYPAL_AUTH_ALGO = 'SHA256withRSA';

/**
 * The string PayPal signs: `transmissionId|transmissionTime|webhookId|crc32`,
 * crc32 = unsigned decimal CRC-32 of the RAW body bytes. One home for both signer and verifier.
 */
export function webhookSignatureMessage(transmissionId: string, transmissionTime: string, webhookId: string, rawBody: Buffer | Uint8Array | string): string {
  const bytes = typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody;
  return `${transmissionId}|${transmissionTime}|${webhookId}|${crc32(bytes)}`;
}

export interface SignWebhookInput {
  privateKey: KeyObject | string;
  certUrl: string;
  webhookId: string;
  rawBody: Buffer | Uint8Array | string;
  transmissionId?: string;
  transmissionTime?: string;
}

/** Signs one delivery the way PayPal does and returns the headers to send with the body. */
export function signWebhookDelivery(input: SignWebhookInput): Record<string, string> {
  const transmissionId = input.transmissionId ?? randomUUID();
  const transmissionTime = input.transmissionTime ?? new Date().toISOString();
  const signer = createSign('sha256');
  signer.update(webhookSignatureMessage(transmissionId, transmissionTime, input.webhookId, input.rawBody));
  return {
    'PAYPAL-TRANSMISSION-ID': transmissionId,
    'PAYPAL-TRANSMISSION-TIME': transmissionTime,
    'PAYPAL-TRANSMISSION-SIG': signer.sign(input.privateKey, 'base64'),
    'PAYPAL-CERT-URL': input.certUrl,
    'PAYPAL-AUTH-ALGO': PAYPAL_AUTH_ALGO,
  };
}
