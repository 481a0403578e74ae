import { describe, expect, it } from 'vitest';
import { SharedRuns } from './shared-run';

describe('SharedRuns', () => {
	it('gives callers of one key that ask while it runs the same run, later callers a new one', async () => {
		const runs = new SharedRuns<number>();
		let started = 0;
		const work = async () => {
			started += 1;
			await new Promise((resolve) => setTimeout(resolve, 10));
			return started;
		};
		const together = await Promise.all([runs.run('a', work), runs.run('a', work)]);
		expect(together).toEqual([1, 1]);
		expect(await runs.run('b', work)).toBe(2);
		expect(await runs.run('a', work)).toBe(3);
	});

	it('lets the next caller start again after a run failed', async () => {
		const runs = new SharedRuns<string>();
		await expect(runs.run('a', () => Promise.reject(new Error('weg')))).rejects.toThrow('weg');
		expect(await runs.run('a', async () => 'wieder da')).toBe('wieder da');
	});
});
