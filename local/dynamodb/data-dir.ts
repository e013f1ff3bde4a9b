import { createRequire } from "node:module";

interface LevelDatabase {
  open(): Promise<void>;
  close(): Promise<void>;
}

type LevelConstructor = new (location: string) => LevelDatabase;

/**
 * Opens and closes the LevelDB store in `dataDir` to check that no other
 * process or instance has it locked. dynalite 4 does not report a failed
 * open. It throws from a stream, which ends the whole process.
 *
 * NOTE: another process can still take the lock between this check and
 * dynalite's own open.
 */
export async function assertDataDirAvailable(dataDir: string): Promise<void> {
  // Load the same `level` package dynalite uses, resolved from dynalite itself.
  const requireFromDynalite = createRequire(createRequire(import.meta.url).resolve("dynalite"));
  const { Level } = requireFromDynalite("level") as { Level: LevelConstructor };
  const database = new Level(dataDir);
  try {
    await database.open();
  } catch (error) {
    throw new Error(
      `Failed to open the local DynamoDB data directory ${dataDir}. Stop any other local DynamoDB that uses it`,
      { cause: error },
    );
  }
  await database.close();
}
