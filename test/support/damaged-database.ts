import { readFileSync, writeFileSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';

/** Overwrites the start of a table's root page in a closed database file, as a failing disk or a bad copy would. */
export function damagePageOf(file: string, table: string): void {
  const db = new BetterSqlite3(file);
  const { rootpage } = db.prepare('SELECT rootpage FROM sqlite_master WHERE name = ?').get(table) as { rootpage: number };
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.close();
  const bytes = readFileSync(file);
  bytes.fill(0x55, (rootpage - 1) * pageSize, (rootpage - 1) * pageSize + 100);
  writeFileSync(file, bytes);
}
