/** Settings every application function shares. */
export interface FunctionDefaults {
  /** Folder with the entry files, `<name>.ts` each. */
  functionsDir: string;
  /** Runtime configuration, named as in the shared `ENV` table. */
  environment: Record<string, string>;
  tracing: boolean;
}
