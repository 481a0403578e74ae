import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type RedisServer } from '../../../../tests/support/redis';
import { localBus, redisBus, type ClusterBus } from './bus';

/** Resolves with the first message `bus` hears on `channel`. */
function nextMessage(bus: ClusterBus, channel: string): Promise<{ payload: Buffer; from: string }> {
	return new Promise((resolve) => {
		const stop = bus.subscribe(channel, (payload, from) => {
			stop();
			resolve({ payload, from });
		});
	});
}

function ready(bus: ClusterBus): Promise<void> {
	return new Promise((resolve) => {
		const stop = bus.onReady(() => {
			stop();
			resolve();
		});
	});
}

/** Publishes until `heard` settles: a SUBSCRIBE may still be on its way when the test publishes. */
async function publishUntilHeard<T>(
	bus: ClusterBus,
	channel: string,
	payload: Uint8Array | string,
	heard: Promise<T>
): Promise<T> {
	let done = false;
	void heard.then(() => (done = true));
	for (let attempt = 0; attempt < 100 && !done; attempt++) {
		bus.publish(channel, payload);
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
	return heard;
}

describe('the cluster bus over a real redis-server', () => {
	let redis: RedisServer;
	const log: string[] = [];
	let a: ClusterBus;
	let b: ClusterBus;

	beforeAll(async () => {
		redis = await startRedis();
		a = redisBus(redis.url, (line) => log.push(line));
		b = redisBus(redis.url, (line) => log.push(line));
		await Promise.all([ready(a), ready(b)]);
	});

	afterAll(async () => {
		await Promise.all([a.close(), b.close()]);
		await redis.stop();
	});

	it('carries bytes to the other process, with who sent them, and not back to the sender', async () => {
		const echoes: Buffer[] = [];
		const stopEcho = a.subscribe('agendawerk:test:bytes', (payload) => echoes.push(payload));
		const heard = nextMessage(b, 'agendawerk:test:bytes');
		const bytes = Uint8Array.from([0, 1, 2, 255, 10, 13]);
		const message = await publishUntilHeard(a, 'agendawerk:test:bytes', bytes, heard);
		expect([...message.payload]).toEqual([...bytes]);
		expect(message.from).toBe(a.processId);
		expect(a.processId).not.toBe(b.processId);
		expect(echoes).toEqual([]);
		stopEcho();
	});

	it('keeps channels apart and stops delivering after unsubscribe', async () => {
		const other: string[] = [];
		const stopOther = b.subscribe('agendawerk:test:other', (payload) =>
			other.push(payload.toString())
		);
		const heard = nextMessage(b, 'agendawerk:test:one');
		await publishUntilHeard(a, 'agendawerk:test:one', 'eins', heard);
		expect(other).toEqual([]);
		stopOther();
		const later: string[] = [];
		const stopLater = b.subscribe('agendawerk:test:later', (payload) =>
			later.push(payload.toString())
		);
		const heardLater = nextMessage(b, 'agendawerk:test:later');
		await publishUntilHeard(a, 'agendawerk:test:later', 'x', heardLater);
		stopLater();
		a.publish('agendawerk:test:other', 'nach dem Abbestellen');
		await new Promise((resolve) => setTimeout(resolve, 200));
		expect(other).toEqual([]);
	});

	it('survives a Redis restart: publishing meanwhile does not throw, and after it messages flow again', async () => {
		const heardBefore = nextMessage(b, 'agendawerk:test:restart');
		await publishUntilHeard(a, 'agendawerk:test:restart', 'vorher', heardBefore);
		expect(b.connected).toBe(true);
		const readyAgain = Promise.all([ready(a), ready(b)]);
		const port = redis.port;
		await redis.stop();
		a.publish('agendawerk:test:restart', 'während Redis weg ist');
		await new Promise((resolve) => setTimeout(resolve, 300));
		// The collab server looks at the log more often meanwhile (server.ts, heads timer).
		expect(b.connected).toBe(false);
		redis = await startRedis({ port });
		await readyAgain;
		expect(b.connected).toBe(true);
		// b subscribed again by itself before it said it was ready.
		const heardAfter = nextMessage(b, 'agendawerk:test:restart');
		const message = await publishUntilHeard(a, 'agendawerk:test:restart', 'nachher', heardAfter);
		expect(message.payload.toString()).toBe('nachher');
		expect(log.some((line) => line.includes('nicht erreichbar'))).toBe(true);
		expect(log.some((line) => line.includes('wieder erreichbar'))).toBe(true);
	});
});

describe('the local bus', () => {
	it('has no one to tell and says so', () => {
		const bus = localBus();
		expect(bus.shared).toBe(false);
		expect(() => bus.publish('agendawerk:x', 'y')).not.toThrow();
	});
});
