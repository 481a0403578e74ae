/**
 * Run-time configuration from the environment. Plain `process.env` rather than `$env/*` on
 * purpose: `server/index.ts`, `server/admin.ts` and the tests load these modules outside Kit.
 */
import { resolve } from 'node:path';

export const DEFAULT_DEMO_PASSWORD = 'demo-agendawerk';

function flag(value: string | undefined, fallback: boolean): boolean {
	if (value === undefined || value === '') return fallback;
	return !['false', '0', 'no', 'off'].includes(value.trim().toLowerCase());
}

function nonNegativeInt(value: string | undefined, fallback: number): number {
	const parsed = Number(value);
	return value !== undefined && value !== '' && Number.isInteger(parsed) && parsed >= 0
		? parsed
		: fallback;
}

function positiveInt(value: string | undefined, fallback: number): number {
	const parsed = Number(value);
	return Number.isInteger(parsed) && parsed > 0 ? parsed : fallback;
}

/** 0 … 23; anything else is the fallback. */
function hourOfDay(value: string | undefined, fallback: number): number {
	const parsed = nonNegativeInt(value, fallback);
	return parsed <= 23 ? parsed : fallback;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env) {
	return {
		databasePath: resolve(env.DATABASE_PATH || 'data/agendawerk.db'),
		/** PostgreSQL instead of the SQLite file when set (`postgres://…`). */
		databaseUrl: env.DATABASE_URL || null,
		/** Several app processes share messages (collab, caches, limits) through Redis when set. */
		redisUrl: env.REDIS_URL || null,
		migrationsPath: resolve(
			env.MIGRATIONS_PATH || (env.DATABASE_URL ? 'drizzle-postgres' : 'drizzle')
		),
		seedDemo: flag(env.SEED_DEMO, true),
		demoPassword: env.DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD,
		demoPasswordIsDefault: !env.DEMO_PASSWORD,
		port: Number.isInteger(Number(env.PORT)) && env.PORT !== '' ? Number(env.PORT ?? 3000) : 3000,
		host: env.HOST || '0.0.0.0',
		/** How long anonymous readers share a rendered participation page; 0 turns it off. */
		publicPageCacheMs: nonNegativeInt(env.PUBLIC_PAGE_CACHE_MS, 2_000),
		/** Memory for rendered export files of Fassungen, in bytes; 0 keeps none. */
		exportCacheBytes: nonNegativeInt(env.EXPORT_CACHE_MB, 64) * 1024 * 1024,
		/**
		 * The largest file of monitoring data one import takes (CSV or XLSX). The file is posted
		 * once (the import itself posts a token), so it only has to fit BODY_SIZE_LIMIT (512 KB) with
		 * the form around it: 3,500 rows are about 450 KB as CSV; 5,000 rows as XLSX about 200 KB.
		 */
		monitoringImportMaxBytes: positiveInt(env.MONITORING_IMPORT_MAX_KB, 480) * 1024,
		/** How many export files are rendered at the same time; the others wait. */
		exportRenderConcurrency: positiveInt(env.EXPORT_RENDER_CONCURRENCY, 2),
		/** How often the editor's live comment stream sends a heartbeat, so proxies keep it open. */
		commentsLiveHeartbeatMs: positiveInt(env.COMMENTS_LIVE_HEARTBEAT_MS, 25_000),
		/**
		 * Live comment streams one account may hold open at once: one per editor tab, and a browser
		 * keeps at most six connections to a site; more would only hold sockets of the server.
		 */
		commentsLiveStreamsPerUser: positiveInt(env.COMMENTS_LIVE_STREAMS_PER_USER, 12),
		mail: {
			/** `smtp://user:pass@host:587` or `smtps://…`; without it mails go to the outbox. */
			smtpUrl: env.SMTP_URL || null,
			/**
			 * Where links in mails point: ORIGIN. Never the request's Host header when mails leave the
			 * house, or anyone could have a reset link for someone else's account sent to their own
			 * host; so `server/index.ts` refuses SMTP_URL without ORIGIN.
			 */
			linkOrigin: env.ORIGIN || null,
			/** The sender of every mail. */
			from: env.MAIL_FROM || 'Agendawerk <agendawerk@localhost>',
			/** How often the worker looks for mails due to be sent. */
			pollMs: positiveInt(env.MAIL_POLL_MS, 1_000),
			/** The wait after the first failed attempt; it doubles with each further one. */
			retryBaseMs: positiveInt(env.MAIL_RETRY_BASE_MS, 30_000),
			/** Attempts before a mail is given up (and stays visible in the outbox). */
			maxAttempts: positiveInt(env.MAIL_MAX_ATTEMPTS, 10),
			/** How long a mail being sent is held; after a crash it is sent again once this ran out. */
			leaseMs: positiveInt(env.MAIL_LEASE_MS, 60_000)
		},
		/** How often time-driven notifications (digests, rounds about to end) are looked for. */
		notificationPollMs: positiveInt(env.NOTIFICATION_POLL_MS, 60_000),
		/** The hour (Berlin time) after which the AG's daily digest goes out. */
		digestHour: hourOfDay(env.DIGEST_HOUR, 7),
		/** Export downloads per client address and minute without a session. */
		exportDownloadsPerIp: positiveInt(env.RATE_LIMIT_EXPORT_PER_IP, 30),
		collab: {
			/** Larger websocket messages close the connection (1009). */
			maxMessageBytes: positiveInt(env.COLLAB_MAX_MESSAGE_BYTES, 8 * 1024 * 1024),
			/** Compact a document's update log after this many updates. */
			compactAfter: positiveInt(env.COLLAB_COMPACT_AFTER, 500),
			/** Longest a busy document holds back what arrives after a broadcast (see room.ts). */
			maxFlushDelayMs: nonNegativeInt(env.COLLAB_FLUSH_INTERVAL_MS, 5),
			/** Unload a document this long after its last editor left. */
			unloadDelayMs: positiveInt(env.COLLAB_UNLOAD_DELAY_MS, 10_000),
			/** Ping interval; a connection that missed one pong is dropped. */
			pingIntervalMs: positiveInt(env.COLLAB_PING_INTERVAL_MS, 30_000),
			/** How often connected members' roles and sessions are checked again. */
			accessCheckMs: positiveInt(env.COLLAB_ACCESS_CHECK_MS, 2_000),
			/** Open editor connections per account (all agendas; several tabs each) and per agenda. */
			maxConnectionsPerAccount: positiveInt(env.COLLAB_MAX_CONNECTIONS_PER_ACCOUNT, 20),
			maxConnectionsPerAgenda: positiveInt(env.COLLAB_MAX_CONNECTIONS_PER_AGENDA, 200),
			/** Unsent data one socket, and all sockets of one account, may have queued. */
			maxBufferedBytes: positiveInt(env.COLLAB_MAX_BUFFERED_MB, 32) * 1024 * 1024,
			maxAccountBufferedBytes: positiveInt(env.COLLAB_MAX_ACCOUNT_BUFFERED_MB, 64) * 1024 * 1024,
			/** Sync requests (sync step 1) one connection may send at once, and one more per interval. */
			syncRequests: {
				burst: positiveInt(env.COLLAB_SYNC_REQUESTS_BURST, 5),
				refillMs: positiveInt(env.COLLAB_SYNC_REQUESTS_INTERVAL_MS, 5_000)
			}
		},
		rateLimits: {
			/** Failed log-ins per client address in 15 minutes. */
			loginPerIp: positiveInt(env.RATE_LIMIT_LOGIN_PER_IP, 20),
			/**
			 * Failed log-ins per account and address in 15 minutes (then that address is blocked for
			 * the account); per account in total, the point from which every attempt is slowed.
			 */
			loginPerEmail: positiveInt(env.RATE_LIMIT_LOGIN_PER_EMAIL, 5),
			/** Registrations per client address in an hour. */
			registrationPerIp: positiveInt(env.RATE_LIMIT_REGISTRATION_PER_IP, 10),
			/** Registration attempts per e-mail address in an hour. */
			registrationPerEmail: positiveInt(env.RATE_LIMIT_REGISTRATION_PER_EMAIL, 3),
			/** Password-reset requests per client address in an hour. */
			passwordResetPerIp: positiveInt(env.RATE_LIMIT_PASSWORD_RESET_PER_IP, 10),
			/** Password-reset requests per e-mail address (account) in an hour: so many mails at most. */
			passwordResetPerEmail: positiveInt(env.RATE_LIMIT_PASSWORD_RESET_PER_EMAIL, 3),
			/**
			 * Mails about the own address per account in an hour: confirmation links asked for again
			 * and address changes (each mails an address the person types or reads).
			 */
			addressMailsPerUser: positiveInt(env.RATE_LIMIT_ADDRESS_MAILS_PER_USER, 3),
			/** Comments, replies and reports per account in 10 minutes. */
			commentsPerUser: positiveInt(env.RATE_LIMIT_COMMENTS_PER_USER, 10)
		}
	};
}

export type Config = ReturnType<typeof readConfig>;
