'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useMutation } from 'urql';
import { StartTravelMutation } from '../../graphql/operations/travel';
import { describeMutationError, type MutationFailure } from '../../graphql/describe-error';
import { describeCode } from '../../graphql/error-messages';
import { Link } from '../ui/link';

/**
 * "Travel here": starts the journey and opens the travel view, which follows it leg by leg. A refusal (closed
 * borders, visitor limit, fee) is shown here with its reason; the gate's verdict before clicking is shown too.
 */
export function TravelHereButton({ regionId, regionName, signedIn, blockedBy }: { regionId: string; regionName: string; signedIn: boolean; blockedBy: string | null }) {
  const router = useRouter();
  const [{ fetching }, start] = useMutation(StartTravelMutation);
  const [failure, setFailure] = useState<MutationFailure | null>(null);

  if (!signedIn) {
    return (
      <Link className="button button--primary" href={`/sign-in?next=/regions/${regionName}`} data-testid="travel-here">
        Sign in to travel here
      </Link>
    );
  }
  return (
    <div className="form" style={{ justifyItems: 'end' }}>
      <button
        type="button"
        className="button button--primary"
        data-testid="travel-here"
        disabled={fetching}
        onClick={() =>
          void start({ destinationRegionId: regionId, intent: 'VISIT' }).then((r) => {
            if (r.error) return setFailure(describeMutationError(r.error));
            router.push('/travel');
          })
        }
      >
        {fetching ? 'Starting…' : 'Travel here'}
      </button>
      {(failure || blockedBy) && (
        <p className="field__error" role="alert" data-testid="travel-refused" data-error-code={failure?.code ?? blockedBy ?? ''}>
          {failure ? describeCode(failure.code, failure.message) : describeCode(blockedBy ?? '')}
        </p>
      )}
    </div>
  );
}
