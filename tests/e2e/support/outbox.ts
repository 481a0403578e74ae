import Database from 'better-sqlite3';
import { join } from 'node:path';

/** The e2e server's SQLite file (see playwright.config.ts). */
const databasePath = join(process.env.AGENDAWERK_E2E_DIR ?? '', 'agendawerk.db');

/**
 * The link to `path`… in the newest queued mail of `kind` to `email`, read from the database as no
 * mail leaves the e2e server (its outbox holds them).
 */
export function linkInMail(email: string, kind: string, path: string): string {
	const db = new Database(databasePath, { readonly: true, fileMustExist: true });
	try {
		const row = db
			.prepare(
				'SELECT text FROM mails WHERE kind = ? AND "to" = ? ORDER BY created_at DESC, rowid DESC'
			)
			.get(kind, email.toLowerCase()) as { text: string } | undefined;
		const link = new RegExp(`https?://\\S+${path}\\S+`).exec(row?.text ?? '')?.[0];
		if (!link) throw new Error(`Kein Link ${path} in der Mail „${kind}“ an ${email}`);
		return link;
	} finally {
		db.close();
	}
}
