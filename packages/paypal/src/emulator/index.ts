/** @sw/paypal/emulator — the local PayPal emulator for development, CI and end-to-end tests. */
export { startPayPalEmulator } from './paypal-emulator.ts';
export type { PayPalEmulator, PayPalEmulatorOptions } from './paypal-emulator.ts';
export { MAX_DELIVERY_ATTEMPTS, NO_FAULTS, redeliveryDelayMs } from './webhook-dispatcher.ts';
export type { DeliveryAttempt, EmulatorFaults, EventRecord } from './webhook-dispatcher.ts';
export { createSelfSignedCert } from './self-signed-cert.ts';
export type { SelfSignedCert } from './self-signed-cert.ts';
