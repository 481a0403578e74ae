import { describe, expect, it } from 'vitest';
import { RenderQueue } from './render-queue';

describe('RenderQueue', () => {
	it('runs at most `limit` tasks at once, the others in the order they came', async () => {
		const queue = new RenderQueue(2);
		let running = 0;
		let most = 0;
		const started: number[] = [];
		const releases: (() => void)[] = [];
		const tasks = Array.from({ length: 6 }, (_, index) =>
			queue.run(async () => {
				started.push(index);
				running += 1;
				most = Math.max(most, running);
				await new Promise<void>((resolve) => releases.push(resolve));
				running -= 1;
				return index;
			})
		);
		await Promise.resolve();
		expect(queue.load).toEqual({ running: 2, waiting: 4 });
		while (releases.length > 0 || started.length < 6) {
			releases.shift()?.();
			await new Promise((resolve) => setImmediate(resolve));
		}
		expect(await Promise.all(tasks)).toEqual([0, 1, 2, 3, 4, 5]);
		expect(started).toEqual([0, 1, 2, 3, 4, 5]);
		expect(most).toBe(2);
		expect(queue.load).toEqual({ running: 0, waiting: 0 });
	});

	it('frees the slot of a task that fails', async () => {
		const queue = new RenderQueue(1);
		await expect(queue.run(() => Promise.reject(new Error('kaputt')))).rejects.toThrow();
		expect(await queue.run(async () => 'weiter')).toBe('weiter');
		expect(queue.load).toEqual({ running: 0, waiting: 0 });
	});
});
