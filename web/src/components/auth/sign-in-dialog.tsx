'use client';

import * as Dialog from '@radix-ui/react-dialog';
import { SignInForm } from './sign-in-form';

/**
 * Shown over the current page when a request needs a session that has ended. The page underneath stays mounted,
 * so a half-filled form survives and the failed request is retried once the user is back.
 */
export function SignInDialog({ open, onSettled }: { open: boolean; onSettled: (signedIn: boolean) => void }) {
  return (
    <Dialog.Root open={open} onOpenChange={(next) => !next && onSettled(false)}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog__overlay" />
        <Dialog.Content className="dialog" data-testid="sign-in-dialog">
          <Dialog.Title className="dialog__title">Your session has ended</Dialog.Title>
          <Dialog.Description className="muted">Sign in again to continue; what you entered on the page is kept.</Dialog.Description>
          <SignInForm idPrefix="sign-in-dialog" onSignedIn={() => onSettled(true)} />
          <Dialog.Close className="button button--ghost">Cancel</Dialog.Close>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
