import {
  Button,
  Collapse,
  Header,
  HeaderBrand,
  HeaderContent,
  HeaderRightZone,
  Headers,
  HeaderToggler,
  Icon,
  Nav,
  NavItem,
  Skiplink,
  SkiplinkItem,
} from 'design-react-kit';
import { ReactNode, useEffect, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { NotificationBell } from '../features/notifications/notification-bell';
import { Account, ROLE_LABELS } from '../session/session';
import { signOut } from '../session/use-session';
import { NAVIGATION } from './routes';
import { SessionWarning } from './session-warning';

/** Header of the design system (slim bar of the body, centre with the service's name, menu). */
export function Shell({ account, children }: { account: Account; children: ReactNode }) {
  const [location] = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => setMenuOpen(false), [location]);
  const entries = NAVIGATION.filter((entry) => entry.roles.includes(account.role));
  // The most specific entry is the current one (/sportello/segnalazioni, not /sportello).
  const current = entries
    .filter((entry) => location === entry.href || location.startsWith(`${entry.href}/`))
    .sort((a, b) => b.href.length - a.href.length)[0]?.href;
  return (
    <>
      <Skiplink>
        <SkiplinkItem href="#contenuto">Vai al contenuto</SkiplinkItem>
        <SkiplinkItem href="#menu-principale">Vai al menu</SkiplinkItem>
      </Skiplink>
      <Headers>
        <Header type="slim">
          <HeaderContent>
            <HeaderBrand tag="span">Comune di Palermo · Servizio Sociale di Comunità</HeaderBrand>
            <HeaderRightZone>
              {account.role !== 'worker' && <NotificationBell />}
              <Link
                href="/profilo"
                className="text-white me-3 d-none d-md-inline"
                data-testid="who"
                title="Profilo e password"
              >
                {account.displayName} · {ROLE_LABELS[account.role]}
                {account.unitCode ? ` · Unità ${account.unitCode}` : ''}
              </Link>
              <Button color="primary" size="sm" className="btn-icon" onClick={() => void signOut()}>
                <Icon icon="it-logout" color="white" size="sm" aria-hidden />
                <span className="ms-1">Esci</span>
              </Button>
            </HeaderRightZone>
          </HeaderContent>
        </Header>
        <div className="it-nav-wrapper">
          <Header type="center" small>
            <HeaderContent>
              <HeaderBrand tag="div">
                <div className="it-brand-text">
                  <div className="it-brand-title">Percorsi</div>
                  <div className="it-brand-tagline d-none d-md-block">
                    I percorsi del Servizio Sociale di Comunità
                  </div>
                </div>
              </HeaderBrand>
            </HeaderContent>
          </Header>
          <Header type="navbar" theme="">
            <HeaderContent expand="lg" megamenu={false}>
              <HeaderToggler
                aria-controls="menu-principale"
                aria-expanded={menuOpen}
                aria-label={menuOpen ? 'Chiudi il menu' : 'Apri il menu'}
                onClick={() => setMenuOpen(!menuOpen)}
              >
                <Icon icon="it-burger" aria-hidden />
              </HeaderToggler>
              <Collapse isOpen={menuOpen} navbar header onOverlayClick={() => setMenuOpen(false)}>
                <div className="menu-wrapper">
                  <nav aria-label="Menu principale" id="menu-principale">
                    <Nav navbar>
                      {entries.map((entry) => {
                        const active = entry.href === current;
                        return (
                          <NavItem key={entry.href} active={active}>
                            <Link
                              href={entry.href}
                              className={`nav-link${active ? ' active' : ''}`}
                              aria-current={active ? 'page' : undefined}
                            >
                              <span>{entry.label}</span>
                            </Link>
                          </NavItem>
                        );
                      })}
                      <NavItem className="d-lg-none">
                        <Link href="/profilo" className="nav-link">
                          <span>
                            {account.displayName} · {ROLE_LABELS[account.role]}
                          </span>
                        </Link>
                      </NavItem>
                    </Nav>
                  </nav>
                </div>
              </Collapse>
            </HeaderContent>
          </Header>
        </div>
      </Headers>
      <main id="contenuto" className="container my-4" tabIndex={-1}>
        {children}
      </main>
      <SessionWarning />
    </>
  );
}
