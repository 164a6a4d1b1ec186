'use client';

import { Link } from '../ui/link';
import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { CreateSubscriptionMutation } from '../../graphql/operations/billing';
import type { BillingPlan, PlansQuery } from '../../graphql/generated/graphql';
import { describeMutationError, issueAt, type MutationFailure } from '../../graphql/describe-error';
import { FormError, SelectField } from '../ui/field';
import { RegionNameField, type NameCheck } from './region-name-field';

const SIZE_TIERS = [
  { value: 'standard', label: 'Standard (about 1,000 sectors)' },
  { value: 'premium', label: 'Premium (about 1,400 sectors)' },
  { value: 'mega', label: 'Mega (about 2,000 sectors)' },
];

/**
 * The purchase form. Submitting starts the subscription and sends the browser to PayPal's approval page (the local
 * emulator in the embedded default); PayPal returns it to /buy/progress, which follows the provisioning live.
 */
export function BuyForm({ plans, signedIn }: { plans: PlansQuery['plans']; signedIn: boolean }) {
  const [plan, setPlan] = useState<BillingPlan>('REGIONAL_OWNER');
  const [name, setName] = useState('');
  const [nameCheck, setNameCheck] = useState<NameCheck>({ state: 'empty' });
  const [sizeTier, setSizeTier] = useState('standard');
  const [failure, setFailure] = useState<MutationFailure | null>(null);
  const [{ fetching }, create] = useMutation(CreateSubscriptionMutation);
  const [redirecting, setRedirecting] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (plan === 'REGIONAL_OWNER' && nameCheck.state !== 'available') {
      setFailure({ code: 'ERR_VALIDATION', message: 'Choose an available region name first.', issues: [{ path: 'regionName', message: nameCheck.state === 'empty' ? 'Enter a region name.' : 'Choose an available region name.' }] });
      return;
    }
    const origin = window.location.origin;
    const result = await create({
      input: {
        plan,
        ...(plan === 'REGIONAL_OWNER' ? { regionName: name.trim(), sizeTier } : {}),
        returnUrl: `${origin}/buy/progress`,
        cancelUrl: `${origin}/buy?cancelled=1`,
      },
    });
    if (result.error || !result.data) {
      setFailure(result.error ? describeMutationError(result.error) : { code: 'ERR_EMPTY_RESPONSE', message: 'No answer', issues: [] });
      return;
    }
    setFailure(null);
    setRedirecting(true);
    window.location.assign(result.data.createSubscription.approvalUrl);
  }

  if (!signedIn) {
    return (
      <section className="card">
        <PlanList plans={plans} />
        <p>
          <Link className="button button--primary" href="/sign-in?next=/buy">
            Sign in to buy
          </Link>
        </p>
      </section>
    );
  }

  const generalFailure = failure && failure.issues.length === 0 ? failure : null;
  return (
    <form className="card form" onSubmit={(e) => void submit(e)} noValidate data-testid="buy-form">
      {generalFailure && <FormError code={generalFailure.code} message={generalFailure.message} />}
      <fieldset className="plan-options">
        <legend className="field__label">Plan</legend>
        {plans.map((p) => (
          <label key={p.plan} className="plan-option" data-testid={`plan-${p.plan}`}>
            <span className="row">
              <input type="radio" name="plan" value={p.plan} checked={plan === p.plan} onChange={() => setPlan(p.plan)} />
              <strong>{p.name}</strong>
              <span className="muted">{p.amount}</span>
            </span>
            <span className="muted">{p.description}</span>
          </label>
        ))}
      </fieldset>
      {plan === 'REGIONAL_OWNER' && (
        <>
          <RegionNameField value={name} onChange={setName} onCheck={setNameCheck} serverError={issueAt(failure, 'regionName') ?? issueAt(failure, 'name')} />
          <SelectField id="size-tier" label="Size" value={sizeTier} onChange={setSizeTier} options={SIZE_TIERS} error={issueAt(failure, 'sizeTier')} />
        </>
      )}
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={fetching || redirecting}>
          {redirecting ? 'Opening PayPal…' : fetching ? 'Starting…' : 'Continue to PayPal'}
        </button>
      </div>
    </form>
  );
}

function PlanList({ plans }: { plans: PlansQuery['plans'] }) {
  return (
    <ul className="plan-options" style={{ listStyle: 'none' }}>
      {plans.map((p) => (
        <li key={p.plan} className="plan-option">
          <strong>
            {p.name} <span className="muted">{p.amount}</span>
          </strong>
          <span className="muted">{p.description}</span>
        </li>
      ))}
    </ul>
  );
}
