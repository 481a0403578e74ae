/**
 * "The database is unreachable": PostgreSQL restarting, down, or the network to it gone
 * (architecture §3.2, „PostgreSQL startet neu“). Such a failure is nobody's bug and passes by
 * itself: requests get a 503 with Retry-After instead of a 500, and the log tells the outage once
 * and its end once, not a stack trace per request. Everything that decides whether an error is
 * one of these lives here.
 */
import { pingDatabase, type Db } from './connection';

/** What a client should wait before trying again (seconds): a restart takes a few. */
export const RETRY_AFTER_SECONDS = 5;

/** The log lines at the start and the end of an outage (clients read `m.error_database_unavailable`). */
export const DATABASE_UNREACHABLE_LOG =
	'Datenbank nicht erreichbar: Anfragen werden mit 503 beantwortet, bis sie zurück ist';
export const DATABASE_BACK_LOG = 'Datenbank wieder erreichbar.';

/**
 * Error codes of postgres.js and of Node's sockets for a connection that could not be made or
 * was lost (postgres.js `Errors.connection`/`generic`, `net` errors).
 */
const CONNECTION_CODES = new Set([
	'CONNECTION_CLOSED',
	'CONNECTION_DESTROYED',
	'CONNECTION_ENDED',
	'CONNECT_TIMEOUT',
	'ECONNREFUSED',
	'ECONNRESET',
	'ECONNABORTED',
	'EPIPE',
	'ETIMEDOUT',
	'EHOSTUNREACH',
	'EHOSTDOWN',
	'ENETUNREACH',
	'ENETDOWN',
	'EAI_AGAIN'
]);

/**
 * SQLSTATEs PostgreSQL answers with while it is going away or not yet there: class 08
 * (connection exception) and 57P01–57P03 (admin shutdown, crash shutdown, cannot connect now –
 * the server is starting up). 57014 (a cancelled query) is not one of them.
 */
function isUnreachableState(code: string): boolean {
	return /^08[0-9A-Z]{3}$/.test(code) || /^57P0[1-3]$/.test(code);
}

/**
 * Whether `error` (or what it wraps: drizzle puts the driver's error in `cause`, Node's
 * happy-eyeballs connect an `AggregateError` around one error per address) says the database
 * cannot be reached. SQLite's errors never do: a file does not restart.
 */
export function isDatabaseUnreachable(error: unknown, depth = 0): boolean {
	if (depth > 5 || typeof error !== 'object' || error === null) return false;
	const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
	if (typeof code === 'string' && (CONNECTION_CODES.has(code) || isUnreachableState(code))) {
		return true;
	}
	if (Array.isArray(errors) && errors.some((inner) => isDatabaseUnreachable(inner, depth + 1))) {
		return true;
	}
	return isDatabaseUnreachable(cause, depth + 1);
}

/** The code that names the failure in the log line (e.g. ECONNREFUSED, 57P01). */
function codeOf(error: unknown, depth = 0): string | null {
	if (depth > 5 || typeof error !== 'object' || error === null) return null;
	const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
	if (typeof code === 'string') return code;
	if (Array.isArray(errors)) return codeOf(errors[0], depth + 1);
	return codeOf(cause, depth + 1);
}

export interface OutageOptions {
	log?: (line: string) => void;
	/** How often the database is asked whether it is back (ms). */
	probeMs?: number;
}

/**
 * One outage at a time: the first unreachable error logs a line and starts asking the database
 * (`probe`) until it answers; that logs the recovery. Errors in between are not logged again.
 */
export class DatabaseOutage {
	private probing: NodeJS.Timeout | null = null;
	private readonly log: (line: string) => void;
	private readonly probeMs: number;

	constructor(options: OutageOptions = {}) {
		this.log = options.log ?? ((line) => console.error(line));
		this.probeMs = options.probeMs ?? 1000;
	}

	get active(): boolean {
		return this.probing !== null;
	}

	/** Notes an unreachable-database error; `probe` resolves once the database answers again. */
	report(error: unknown, probe: () => Promise<unknown>): void {
		if (this.probing) return;
		const code = codeOf(error);
		this.log(`${DATABASE_UNREACHABLE_LOG}${code ? ` (${code})` : ''}.`);
		let asking = false;
		this.probing = setInterval(() => {
			if (asking) return;
			asking = true;
			probe().then(
				() => {
					asking = false;
					if (!this.probing) return;
					clearInterval(this.probing);
					this.probing = null;
					this.log(DATABASE_BACK_LOG);
				},
				() => (asking = false)
			);
		}, this.probeMs);
		// The probe must not keep a finished process (or a test) alive.
		this.probing.unref();
	}

	/** Stops probing (a closing process, a test's end). */
	stop(): void {
		if (this.probing) clearInterval(this.probing);
		this.probing = null;
	}
}

const SHARED = Symbol.for('agendawerk.databaseOutage');

/**
 * The process's outage: SvelteKit's hooks (in `build/`) and the production entry with its
 * collab server and background work load this module separately, and share it through
 * `globalThis`, so that one outage is logged once.
 */
export function sharedDatabaseOutage(): DatabaseOutage {
	const scope = globalThis as { [SHARED]?: DatabaseOutage };
	return (scope[SHARED] ??= new DatabaseOutage());
}

/**
 * For every place that catches a database error and would log it: true if it was the database
 * being unreachable (then the shared outage has it, logged once, and the caller logs nothing),
 * false for any other error, which the caller logs as before.
 */
export function reportIfUnreachable(db: Db, error: unknown): boolean {
	if (!isDatabaseUnreachable(error)) return false;
	sharedDatabaseOutage().report(error, () => pingDatabase(db));
	return true;
}
