import type { RequestEvent } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { oncePerRequest } from './once-per-request';

const request = () => ({ locals: {} }) as RequestEvent;

describe('oncePerRequest', () => {
	it('loads once for the callers of one request, and anew for the next request', async () => {
		let loads = 0;
		const load = oncePerRequest(async () => ++loads);
		const first = request();
		expect(await Promise.all([load(first), load(first)])).toEqual([1, 1]);
		expect(await load(request())).toBe(2);
		expect(loads).toBe(2);
	});
});
