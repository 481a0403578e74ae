import { Redis } from 'ioredis';

/**
 * A connection to Redis (`REDIS_URL`), which carries only messages between the app's processes:
 * no truth lives there (docs/architecture.md §3.2). So commands fail at once while Redis is away
 * instead of waiting in a queue: a publish that cannot go out is a doorbell not rung (the log in
 * the database is read anyway), and a counter that cannot be read falls back to the process's own.
 * The connection keeps reconnecting, at most every two seconds, for as long as the process runs.
 */
export function openRedis(
	url: string,
	purpose: string,
	log: (line: string) => void,
	options: { commandTimeoutMs?: number } = {}
): Redis {
	const redis = new Redis(url, {
		commandTimeout: options.commandTimeoutMs,
		enableOfflineQueue: false,
		maxRetriesPerRequest: 1,
		retryStrategy: (attempt) => Math.min(attempt * 100, 2_000),
		// The bus subscribes again itself on `ready`, including channels whose first SUBSCRIBE
		// failed while Redis was away (ioredis renews only those that once succeeded).
		autoResubscribe: false,
		lazyConnect: false
	});
	// One line when Redis goes away and one when it is back, not one per retry.
	let reachable = true;
	redis.on('error', (error: Error) => {
		if (!reachable) return;
		reachable = false;
		log(`Redis (${purpose}) nicht erreichbar: ${error.message}`);
	});
	redis.on('ready', () => {
		if (reachable) return;
		reachable = true;
		log(`Redis (${purpose}) wieder erreichbar.`);
	});
	return redis;
}

/** Why `REDIS_URL` cannot be used, in German for the operator; null when it can. */
export function redisUrlProblem(url: string): string | null {
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return 'REDIS_URL ist keine gültige Adresse (erwartet: redis://:passwort@host:6379).';
	}
	if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
		return `REDIS_URL muss mit redis:// oder rediss:// beginnen, nicht mit ${parsed.protocol}//.`;
	}
	return null;
}
