import { MeContext, isStaffUser, useAuthState, useServices, type AppServices, ServicesContext } from "./app-context";
import { AppHeader } from "./components/AppHeader";
import { ErrorAlert } from "./components/ErrorAlert";
import { Loading } from "./components/PageHeading";
import { NotFoundPage } from "./pages/NotFoundPage";
import { SignInPage } from "./pages/SignInPage";
import { RequestPage } from "./pages/shared/RequestPage";
import { WorkspaceListPage } from "./pages/shared/WorkspaceListPage";
import { WorkspacePage } from "./pages/shared/WorkspacePage";
import { WaitingOnYouPage } from "./pages/client/WaitingOnYouPage";
import { useRoute, type Route } from "./routing";
import { useResource } from "./use-resource";
import type { MeDto } from "./api/hubsecure-api";

function RouteContent({ route, me }: { route: Route; me: MeDto }) {
  switch (route.page) {
    case "home":
      return isStaffUser(me) ? <WorkspaceListPage /> : <WaitingOnYouPage />;
    case "workspaces":
      return <WorkspaceListPage />;
    case "workspace":
      return <WorkspacePage key={route.workspaceId} workspaceId={route.workspaceId} tab={route.tab} />;
    case "request":
      return <RequestPage key={`${route.workspaceId}/${route.requestId}`} workspaceId={route.workspaceId} requestId={route.requestId} />;
    case "notFound":
      return <NotFoundPage />;
  }
}

function SignedInShell() {
  const { api, auth } = useServices();
  const route = useRoute();
  const me = useResource(() => api.getMe(), []);

  if (!me.data) {
    return (
      <main id="main" className="auth-layout" tabIndex={-1}>
        {me.error ? (
          <div className="card">
            <ErrorAlert error={me.error} title="Your profile could not be loaded" />
            <div className="button-row">
              <button type="button" className="button button-primary" onClick={() => void me.reload()}>
                Try again
              </button>
              <button type="button" className="button button-secondary" onClick={() => auth.signOut()}>
                Sign out
              </button>
            </div>
          </div>
        ) : (
          <Loading label="Loading your workspace…" />
        )}
      </main>
    );
  }

  return (
    <MeContext.Provider value={me.data}>
      <AppHeader route={route} />
      <main id="main" className="app-main" tabIndex={-1}>
        <RouteContent route={route} me={me.data} />
      </main>
      <footer className="app-footer">HubSecure · secure document exchange for your firm and its clients</footer>
    </MeContext.Provider>
  );
}

function Root() {
  const { auth } = useServices();
  const state = useAuthState(auth);
  if (state.status !== "signedIn") return <SignInPage auth={auth} state={state} />;
  return <SignedInShell key={state.tokens.username} />;
}

export function App({ services }: { services: AppServices }) {
  return (
    <ServicesContext.Provider value={services}>
      <Root />
    </ServicesContext.Provider>
  );
}
