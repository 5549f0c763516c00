import Database from "better-sqlite3";

/** A prepared statement as better-sqlite3 returns it. */
export type Statement = Database.Statement;

/**
 * The SQLite database behind the server: one file (or `:memory:`), WAL mode, foreign keys on.
 * Route areas contribute their own `CREATE TABLE IF NOT EXISTS` DDL through {@link Store.ensureSchema}.
 * All writes of one request run inside one transaction (see `core/routes.ts`), so a crash never leaves
 * half a resource behind.
 */
export class Store {
  /** The underlying better-sqlite3 handle. Prefer {@link Store.stmt}, which caches prepared statements. */
  readonly db: Database.Database;
  /** The file path, or `:memory:`. */
  readonly file: string;
  private readonly statements = new Map<string, Statement>();

  /**
   * @param file - database file path, or `:memory:` for a throw-away database.
   * @param clock - the time source for {@link Store.now}.
   * @default clock () => new Date()
   */
  constructor(
    file: string,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.file = file;
    this.db = new Database(file);
    // WAL lets readers proceed during a write and survives crashes; NORMAL sync is durable in WAL mode
    // except for the last transactions on power loss, which is fine for a dev/test server.
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("synchronous = NORMAL");
    this.db.pragma("foreign_keys = ON");
    this.db.pragma("busy_timeout = 5000");
  }

  /** Runs DDL (idempotent `CREATE … IF NOT EXISTS` statements). */
  ensureSchema(ddl: string): void {
    this.db.exec(ddl);
  }

  /** A cached prepared statement for `sql`. */
  stmt(sql: string): Statement {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  /** Runs `fn` in one transaction (nested calls become savepoints). `fn` must be synchronous. */
  tx<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  /** The current time. */
  nowDate(): Date {
    return this.clock();
  }

  /** The current time as an ISO-8601 string (the wire format of native timestamps). */
  now(): string {
    return this.clock().toISOString();
  }

  /** Reads a value from the key/value `meta` table. */
  getMeta(key: string): string | undefined {
    const row = this.stmt("SELECT value FROM meta WHERE key = ?").get(key) as { value: string } | undefined;
    return row?.value;
  }

  /** Writes a value to the key/value `meta` table. */
  setMeta(key: string, value: string): void {
    this.stmt(
      "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
    ).run(key, value);
  }

  /** Closes the database (checkpointing the WAL). */
  close(): void {
    if (this.db.open) this.db.close();
  }
}

/** Parses a JSON column, `fallback` when NULL. */
export function fromJson<T>(text: string | null | undefined, fallback: T): T {
  return text == null ? fallback : (JSON.parse(text) as T);
}

/**
 * Tables every area relies on: server metadata, signing keys, the tenancy model (organizations,
 * projects = tenants, token records), idempotency records and minimal smith records.
 * Every listable table has an AUTOINCREMENT `seq`: the pagination key (newest first = highest seq).
 */
export const CORE_SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS signing_keys (
  kid TEXT PRIMARY KEY, private_pem TEXT NOT NULL, public_jwk TEXT NOT NULL, created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS organizations (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, name TEXT NOT NULL, created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS projects (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE,
  organization_id TEXT NOT NULL REFERENCES organizations(id),
  name TEXT NOT NULL, metadata TEXT NOT NULL, created_at TEXT NOT NULL, archived_at TEXT
);
CREATE INDEX IF NOT EXISTS projects_by_org ON projects (organization_id, archived_at, name);
CREATE TABLE IF NOT EXISTS tokens (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('admin', 'smith', 'organization')),
  organization_id TEXT NOT NULL, tenant_id TEXT, smith_id TEXT,
  sub TEXT NOT NULL, scopes TEXT NOT NULL, name TEXT, prefix TEXT NOT NULL,
  created_at TEXT NOT NULL, expires_at TEXT, revoked_at TEXT
);
CREATE INDEX IF NOT EXISTS tokens_by_tenant ON tokens (tenant_id, seq);
CREATE TABLE IF NOT EXISTS idempotency (
  scope TEXT PRIMARY KEY, request_hash TEXT NOT NULL, status INTEGER, body TEXT, created_ms INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS smiths (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, tenant_id TEXT NOT NULL,
  agent_id TEXT, pin INTEGER, created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS smiths_by_agent ON smiths (agent_id);
`;
