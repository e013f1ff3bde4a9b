// Type declarations for the parts of dynalite 4 that local mode uses; the
// package ships none.
declare module "dynalite" {
  import type { Server } from "node:http";

  interface DynaliteOptions {
    /** LevelDB directory; in memory when omitted. */
    path?: string;
    createTableMs?: number;
    deleteTableMs?: number;
    updateTableMs?: number;
    maxItemSizeKb?: number;
    verbose?: boolean;
    debug?: boolean;
  }

  /** Creates an HTTP server whose close() also closes the LevelDB store. */
  function dynalite(options?: DynaliteOptions): Server;

  export default dynalite;
}
