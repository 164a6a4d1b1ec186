import type { ChangeRoute } from '@sw/domain/governance-authority';
import { describeRoute } from '../region-actor';

/** Current values of a settings group and who may change them (the platform's decision table, with its reason). */
export function SettingsList({ route, rows, testId }: { route: ChangeRoute; rows: Array<[string, string]>; testId: string }) {
  return (
    <>
      <p className={route.route === 'direct' ? 'notice notice--ok' : 'notice'} data-testid={`${testId}-route`} data-route={route.route}>
        {describeRoute(route)}
      </p>
      <dl className="stats" data-testid={testId}>
        {rows.map(([label, value]) => (
          <div className="stats__item" key={label}>
            <dt>{label}</dt>
            <dd style={{ fontSize: '1.1rem' }}>{value}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}
