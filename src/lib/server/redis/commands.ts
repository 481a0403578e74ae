import type { Redis } from 'ioredis';
import { openRedis } from './client';

/**
 * The connection of this process for commands (counters), beside the bus's two: a subscribed
 * connection can do nothing else, and the bus's publisher should not wait behind a script.
 * Installed by the server entry with the bus; both module graphs (SvelteKit's bundle and the
 * entry) reach it through `globalThis`. null without `REDIS_URL`.
 */
const SHARED = Symbol.for('agendawerk.redis-commands');

/**
 * A counter must not hold up a login when Redis hangs instead of refusing: after this long the
 * command fails and the caller counts in the process.
 */
const COMMAND_TIMEOUT_MS = 500;

export function openRedisCommands(url: string, log: (line: string) => void): Redis {
	return openRedis(url, 'Befehle', log, { commandTimeoutMs: COMMAND_TIMEOUT_MS });
}

export function redisCommands(): Redis | null {
	return (globalThis as { [SHARED]?: Redis })[SHARED] ?? null;
}

export function installRedisCommands(redis: Redis | null): void {
	(globalThis as { [SHARED]?: Redis | null })[SHARED] = redis;
}
