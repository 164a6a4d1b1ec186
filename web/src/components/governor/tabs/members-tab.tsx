import type { GovernorRegionFragment } from '../../../graphql/generated/graphql';
import { EmptyState } from '../../ui/states';

/** Member counts; the paged member table, rank / voting power editing and invites come with the members API. */
export function MembersTab({ region: r }: { region: GovernorRegionFragment }) {
  return (
    <>
      <dl className="stats" data-testid="member-counts">
        <div className="stats__item">
          <dt>Members</dt>
          <dd>{r.counts.members}</dd>
        </div>
        <div className="stats__item">
          <dt>Citizens</dt>
          <dd>{r.counts.citizens}</dd>
        </div>
        <div className="stats__item">
          <dt>Residents</dt>
          <dd>{r.counts.residents}</dd>
        </div>
        <div className="stats__item">
          <dt>Visitors</dt>
          <dd>{r.counts.visitors}</dd>
        </div>
      </dl>
      <EmptyState title="The member list is not available yet">This platform version reports member counts only.</EmptyState>
    </>
  );
}
