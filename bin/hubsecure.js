#!/usr/bin/env node
// Runs the TypeScript CLI through tsx's ESM loader, so `npx hubsecure`
// needs no build step.
import { register } from "tsx/esm/api";

// The deployed functions run Node.js 22; on a Node 20 workstation the AWS
// SDK would print its notice about a future Node 22 requirement on every run.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

register();
await import("../cli/hubsecure.ts");
