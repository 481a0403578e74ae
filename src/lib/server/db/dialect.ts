/**
 * Which database this instance runs on: PostgreSQL when `DATABASE_URL` names one (several app
 * processes, a hosting provider's database), else the SQLite file of `DATABASE_PATH` (one process,
 * nothing to run beside it). Read once when the schema is loaded: a process speaks one dialect.
 */
export type Dialect = 'sqlite' | 'postgres';

export function databaseDialect(env: NodeJS.ProcessEnv = process.env): Dialect {
	return env.DATABASE_URL ? 'postgres' : 'sqlite';
}

/** Why `DATABASE_URL` cannot be used, in German for the operator; null when it can. */
export function databaseUrlProblem(url: string): string | null {
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return 'DATABASE_URL ist keine gültige Adresse (erwartet: postgres://nutzer:passwort@host:5432/datenbank).';
	}
	if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
		return `DATABASE_URL muss mit postgres:// beginnen, nicht mit ${parsed.protocol}// (ohne DATABASE_URL nutzt Agendawerk SQLite, siehe DATABASE_PATH).`;
	}
	if (!parsed.pathname || parsed.pathname === '/') {
		return 'DATABASE_URL nennt keine Datenbank (…/datenbank am Ende).';
	}
	return null;
}
