import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { ApiClient } from "./api/client";
import { createHubSecureApi } from "./api/hubsecure-api";
import { AuthSession } from "./auth/auth-session";
import { loadConfig } from "./config";
import "./styles.css";

const container = document.getElementById("root");
if (!container) throw new Error("index.html has no #root element");
const root = createRoot(container);

function ConfigError({ message }: { message: string }) {
  return (
    <main id="main" className="auth-layout">
      <div className="card" role="alert">
        <h1>HubSecure is not available</h1>
        <p>The portal's configuration could not be loaded: {message}</p>
        <p>Reload the page in a moment. If the problem stays, contact your firm.</p>
      </div>
    </main>
  );
}

loadConfig().then(
  (config) => {
    const auth = new AuthSession(config.cognitoEndpoint, config.userPoolClientId, window.sessionStorage);
    const client = new ApiClient(config.apiUrl, () => auth.getAccessToken(), () => auth.expire());
    const services = { config, auth, api: createHubSecureApi(client) };
    root.render(
      <StrictMode>
        <App services={services} />
      </StrictMode>,
    );
  },
  (error: unknown) => {
    root.render(<ConfigError message={error instanceof Error ? error.message : String(error)} />);
  },
);
