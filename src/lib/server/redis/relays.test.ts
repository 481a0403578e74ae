import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type RedisServer } from '../../../../tests/support/redis';
import { announceAccessChange, onAccessChange, type AccessChange } from '../access-changes';
import { commentsNotifier } from '../participation/notify';
import { PublicPageCache, sharedPublicPageCache } from '../public-page-cache';
import { CHANNELS, installClusterBus, localBus, redisBus, type ClusterBus } from './bus';
import { agendaIdIn, installRelays } from './relays';

const AGENDA = 'abcdefghijklmnop';

function ready(bus: ClusterBus): Promise<void> {
	return new Promise((resolve) => {
		const stop = bus.onReady(() => {
			stop();
			resolve();
		});
	});
}

/** Waits until `done()` holds, doing `poke()` meanwhile: a SUBSCRIBE may still be on its way. */
async function until(done: () => boolean, poke: () => void): Promise<void> {
	for (let attempt = 0; attempt < 100 && !done(); attempt++) {
		poke();
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
	expect(done()).toBe(true);
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Two processes in one: this test's globalThis is process A (its bus is installed, it announces),
 * and process B's bus has the relays. What B hears, it passes to the listeners on the same
 * globalThis, so a listener hears a change twice: once from A directly, once relayed by B.
 */
describe('the relays over a real redis-server', () => {
	let redis: RedisServer;
	let a: ClusterBus;
	let b: ClusterBus;
	let stopRelays = () => {};

	beforeAll(async () => {
		redis = await startRedis();
		a = redisBus(redis.url, () => {});
		b = redisBus(redis.url, () => {});
		stopRelays = installRelays(b);
		await Promise.all([ready(a), ready(b)]);
		installClusterBus(a);
	});

	afterAll(async () => {
		stopRelays();
		installClusterBus(localBus());
		await Promise.all([a.close(), b.close()]);
		await redis.stop();
	});

	it('passes an access change with its agenda to the other process, and one without as "any agenda"', async () => {
		const heard: AccessChange[] = [];
		const stop = onAccessChange((change) => heard.push(change));
		await until(
			() => heard.filter((change) => change.agendaId === AGENDA).length >= 2,
			() => announceAccessChange({ agendaId: AGENDA })
		);
		heard.length = 0;
		announceAccessChange();
		await until(
			() => heard.length >= 2,
			() => {}
		);
		expect(heard).toEqual([{}, {}]);
		stop();
	});

	it('trusts nothing in an access message beyond a well-formed agenda id', async () => {
		const heard: AccessChange[] = [];
		const stop = onAccessChange((change) => heard.push(change));
		a.publish(CHANNELS.access, 'kein JSON');
		a.publish(CHANNELS.access, JSON.stringify({ agendaId: '../../etc' }));
		a.publish(CHANNELS.access, JSON.stringify({ agendaId: 42 }));
		a.publish(CHANNELS.access, 'null');
		await pause(200);
		expect(heard).toEqual([]);
		stop();
		expect(agendaIdIn(Buffer.from(JSON.stringify({ agendaId: AGENDA, role: 'owner' })))).toBe(
			AGENDA
		);
	});

	it('passes a comment change to the other process’s streams of that agenda', async () => {
		let heard = 0;
		let other = 0;
		const stop = commentsNotifier.subscribe(AGENDA, () => heard++);
		const stopOther = commentsNotifier.subscribe('zzzzzzzzzzzzzzzz', () => other++);
		await until(
			() => heard >= 2,
			() => commentsNotifier.publish(AGENDA)
		);
		expect(other).toBe(0);
		stop();
		stopOther();
	});

	it('empties the other process’s public pages when this one clears its cache after a write', async () => {
		// B's cache is the shared one its relay empties; A's is a cache of its own.
		const onB = sharedPublicPageCache(60_000);
		const onA = new PublicPageCache(60_000);
		const key = 'GET /beteiligung/x ';
		const page = () =>
			new Response('<p>alt</p>', { status: 200, headers: { 'content-type': 'text/html' } });
		await onB.store(key, page(), onB.begin());
		await until(
			() => onB.lookup(key) === null,
			() => onA.clear()
		);
		// Hearing it, B empties its cache only and tells nobody: a message told on (here through
		// A's bus, the installed one) would come back to B and empty it again, for ever.
		await onB.store(key, page(), onB.begin());
		await pause(300);
		expect(onB.lookup(key)).not.toBeNull();
	});
});
