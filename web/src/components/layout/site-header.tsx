/** The top bar on every page. */
export function SiteHeader() {
  return (
    <header className="site-header">
      <a className="site-header__brand" href="/">
        SectorWars <span className="site-header__year">2102</span>
      </a>
      <span className="site-header__tagline">Multi-regional galaxy</span>
    </header>
  );
}
