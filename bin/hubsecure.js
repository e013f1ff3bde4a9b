#!/usr/bin/env node
// Runs the TypeScript CLI through tsx's ESM loader, so `npx hubsecure`
// needs no build step.
import { register } from "tsx/esm/api";

register();
await import("../cli/hubsecure.ts");
