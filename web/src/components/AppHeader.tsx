import { isStaffUser, useMe, useServices } from "../app-context";
import type { MeDto } from "../api/hubsecure-api";
import type { Route } from "../routing";
import { EmailAddress } from "./EmailAddress";

interface NavItem {
  label: string;
  href: string;
  isCurrent: (route: Route) => boolean;
}

function navItems(isStaff: boolean): NavItem[] {
  const workspaces: NavItem = {
    label: "Workspaces",
    href: "#/workspaces",
    isCurrent: (route) =>
      route.page === "workspaces" || route.page === "workspace" || route.page === "request" || (isStaff && route.page === "home"),
  };
  if (isStaff) return [workspaces];
  return [
    { label: "Waiting on you", href: "#/", isCurrent: (route) => route.page === "home" },
    { ...workspaces, isCurrent: (route) => route.page !== "home" },
  ];
}

function roleLabel(me: MeDto): string {
  if (me.isAdmin) return "Administrator";
  return isStaffUser(me) ? "Firm staff" : "Client";
}

/** Renders the product name, main navigation, the signed-in user and sign-out. */
export function AppHeader({ route }: { route: Route }) {
  const me = useMe();
  const { auth } = useServices();
  const isStaff = isStaffUser(me);
  return (
    <header className="app-header">
      <a className="skip-link" href="#main" onClick={(event) => {
        event.preventDefault();
        document.getElementById("main")?.focus();
      }}>
        Skip to content
      </a>
      <div className="app-header-inner">
        <a className="brand" href="#/" aria-label="HubSecure home">
          <span className="brand-mark" aria-hidden="true">H</span>
          HubSecure
        </a>
        <nav aria-label="Main" className="main-nav">
          <ul>
            {navItems(isStaff).map((item) => (
              <li key={item.label}>
                <a href={item.href} aria-current={item.isCurrent(route) ? "page" : undefined}>
                  {item.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="user-menu">
          <span className="user-identity" data-testid="signed-in-user">
            <span className="user-email">
              <EmailAddress email={me.email} />
            </span>
            <span className="user-role">{roleLabel(me)}</span>
          </span>
          <button type="button" className="button button-secondary button-small" onClick={() => {
            // The next person to sign in on this tab starts on their own start page.
            window.location.hash = "#/";
            auth.signOut();
          }}>
            Sign out
          </button>
        </div>
      </div>
    </header>
  );
}
