import type { Migration, Queryable, Store } from './store.js';

/** Schema names become SQL identifiers and file names: keep them plain. */
export function assertSchemaName(schema: string): void {
  if (!/^[a-z][a-z0-9_]{0,62}$/.test(schema)) {
    throw new Error(`invalid schema name "${schema}": use lower-case letters, digits and underscores`);
  }
}

export function sqlFor(m: Migration, dialect: 'sqlite' | 'postgres'): string {
  return typeof m.sql === 'string' ? m.sql : m.sql[dialect];
}

/**
 * Applies the migrations not yet recorded in <schema>._migrations, in version order, each in its
 * own transaction together with its record. `runSql` runs a migration's (multi-statement) SQL.
 */
export async function applyMigrations(
  store: Store,
  schema: string,
  migrations: Migration[],
  runSql: (tx: Queryable, m: Migration) => Promise<unknown>,
  /** Taken first in each migration's transaction, so concurrent migrators wait for each other. */
  lock?: (tx: Queryable) => Promise<unknown>,
): Promise<void> {
  const versions = migrations.map((m) => m.version);
  if (new Set(versions).size !== versions.length) throw new Error(`schema ${schema}: migration versions must be unique`);
  await store.execute(`CREATE TABLE IF NOT EXISTS ${schema}._migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    await store.transaction(async (tx) => {
      await lock?.(tx);
      const done = await tx.query(`SELECT version FROM ${schema}._migrations WHERE version = $1`, [m.version]);
      if (done.length > 0) return;
      await runSql(tx, m);
      await tx.execute(`INSERT INTO ${schema}._migrations (version, name, applied_at) VALUES ($1, $2, $3)`, [m.version, m.name, new Date().toISOString()]);
    });
  }
}

/** An index to create: its name, the table (unqualified) and the column list. */
export type IndexSpec = [name: string, table: string, columns: string];

/**
 * Tables plus their indexes for both dialects: SQLite qualifies the index name with the schema
 * (`CREATE INDEX s.i ON t`), PostgreSQL the table (`CREATE INDEX i ON s.t`).
 */
export function withIndexes(schema: string, tablesSql: string, indexes: IndexSpec[]): { sqlite: string; postgres: string } {
  const postgres = indexes.map(([name, table, columns]) => `CREATE INDEX ${name} ON ${schema}.${table} (${columns});`).join('\n');
  return { sqlite: `${tablesSql};\n${sqliteIndexes(schema, indexes).join('\n')}`, postgres: `${tablesSql};\n${postgres}` };
}

const sqliteIndexes = (schema: string, indexes: IndexSpec[]) =>
  indexes.map(([name, table, columns]) => `CREATE INDEX ${schema}.${name} ON ${table} (${columns});`);

/**
 * A migration that, on SQLite only, turns a table's `BIGINT PRIMARY KEY` into `INTEGER PRIMARY
 * KEY`. SQLite keeps a BIGINT key as a unique index beside the rows; an INTEGER key is the row id
 * itself, so every insert writes one b-tree less. The table is rebuilt from `columnsSql` (the
 * same columns in the same order, only the key's type changed) and its indexes recreated.
 * PostgreSQL has no such distinction and is left as it is.
 */
export function sqliteIntegerKeys(schema: string, tables: { table: string; columnsSql: string; indexes: IndexSpec[] }[]): { sqlite: string; postgres: string } {
  const sqlite = tables.map(({ table, columnsSql, indexes }) => [
    `CREATE TABLE ${schema}.${table}_rebuilt (${columnsSql});`,
    `INSERT INTO ${schema}.${table}_rebuilt SELECT * FROM ${schema}.${table};`,
    `DROP TABLE ${schema}.${table};`,
    `ALTER TABLE ${schema}.${table}_rebuilt RENAME TO ${table};`,
    ...sqliteIndexes(schema, indexes),
  ].join('\n')).join('\n');
  return { sqlite, postgres: 'SELECT 1' };
}
