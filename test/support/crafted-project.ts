import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';

/** Sample columns a crafted project database may claim; the hosts must not believe them. */
export interface CraftedSampleColumns {
  media_path?: string;
  mime_type?: string;
  sha256?: string;
  byte_size?: number;
}

/** Rewrites a sample row behind the open host's back, as someone handing over a project folder could. */
export function tamperSample(projectDir: string, sampleId: number, columns: CraftedSampleColumns): void {
  const sqlite = new BetterSqlite3(join(projectDir, 'concord.db'));
  try {
    for (const [column, value] of Object.entries(columns)) sqlite.prepare(`UPDATE sample SET ${column} = ? WHERE id = ?`).run(value, sampleId);
  } finally {
    sqlite.close();
  }
}

/** The content columns that match `path`, so only the path check stands between a crafted row and the file. */
export function contentOf(path: string): { sha256: string; byte_size: number } {
  const bytes = readFileSync(path);
  return { sha256: createHash('sha256').update(bytes).digest('hex'), byte_size: bytes.length };
}
