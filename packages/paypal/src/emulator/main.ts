/**
 * Runs the PayPal emulator as a process (embedded default). Env: PAYPAL_EMULATOR_PORT (8089),
 * PAYPAL_EMULATOR_HOST (127.0.0.1), PAYPAL_WEBHOOK_URL (default: the orchestrator's
 * /api/v1/paypal/webhooks), PAYPAL_WEBHOOK_ID, PAYPAL_CLIENT_ID / PAYPAL_CLIENT_SECRET (dev defaults),
 * PAYPAL_EMULATOR_RETRY_SCALE (1 = PayPal's ~3-day redelivery schedule), PAYPAL_EMULATOR_PUBLIC_URL.
 */
import { isProduction, readEnv, readEnvInt, serviceUrls } from '@sw/config';
import { DEFAULT_PAYPAL_EMULATOR_PORT, DEV_PAYPAL_CLIENT_ID, DEV_PAYPAL_CLIENT_SECRET, DEV_PAYPAL_WEBHOOK_ID } from '../paypal-config.ts';
import { startPayPalEmulator } from './paypal-emulator.ts';

if (isProduction()) {
  console.error('the PayPal emulator must not run with NODE_ENV=production');
  process.exit(1);
}
const retryScale = Number(readEnv('PAYPAL_EMULATOR_RETRY_SCALE', '1'));
const publicUrl = process.env.PAYPAL_EMULATOR_PUBLIC_URL || undefined;
const emulator = await startPayPalEmulator({
  port: readEnvInt('PAYPAL_EMULATOR_PORT', DEFAULT_PAYPAL_EMULATOR_PORT),
  host: readEnv('PAYPAL_EMULATOR_HOST', '127.0.0.1'),
  webhookUrl: readEnv('PAYPAL_WEBHOOK_URL', `${serviceUrls().orchestrator}/api/v1/paypal/webhooks`),
  webhookId: readEnv('PAYPAL_WEBHOOK_ID', DEV_PAYPAL_WEBHOOK_ID),
  clientId: readEnv('PAYPAL_CLIENT_ID', DEV_PAYPAL_CLIENT_ID),
  clientSecret: readEnv('PAYPAL_CLIENT_SECRET', DEV_PAYPAL_CLIENT_SECRET),
  retryScale: Number.isFinite(retryScale) && retryScale >= 0 ? retryScale : 1,
  ...(publicUrl ? { publicUrl } : {}),
});
console.log(JSON.stringify({ level: 'info', service: 'paypal-emulator', msg: 'listening', url: emulator.url, certUrl: emulator.certUrl }));
const shutdown = () => void emulator.stop().then(() => process.exit(0));
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
