import { describe, expect, it } from 'vitest';
import { FileCache } from './file-cache';

const file = (bytes: number, label = '') => ({ bytes: new Uint8Array(bytes), label });

describe('FileCache', () => {
	it('renders a file once and serves the same bytes after', async () => {
		const cache = new FileCache<ReturnType<typeof file>>(1000);
		let renders = 0;
		const render = async () => {
			renders += 1;
			return file(10, 'erste');
		};
		const first = await cache.getOrRender('a', render);
		const second = await cache.getOrRender('a', render);
		expect(first).toEqual({ file: file(10, 'erste'), hit: false });
		expect(second.hit).toBe(true);
		expect(second.file).toBe(first.file);
		expect(renders).toBe(1);
		expect(cache.stats).toEqual({ renders: 1, hits: 1 });
	});

	it('lets requests for a file being rendered wait for that rendering', async () => {
		const cache = new FileCache<ReturnType<typeof file>>(1000);
		let renders = 0;
		let finish: (value: ReturnType<typeof file>) => void = () => {};
		const render = () => {
			renders += 1;
			return new Promise<ReturnType<typeof file>>((resolve) => (finish = resolve));
		};
		const waiting = Array.from({ length: 20 }, () => cache.getOrRender('a', render));
		finish(file(10));
		const results = await Promise.all(waiting);
		expect(renders).toBe(1);
		expect(results.filter((result) => !result.hit)).toHaveLength(1);
	});

	it('drops the least recently used files beyond its byte budget and keeps none too big', async () => {
		const cache = new FileCache<ReturnType<typeof file>>(100);
		const render = (bytes: number) => async () => file(bytes);
		await cache.getOrRender('a', render(40));
		await cache.getOrRender('b', render(40));
		await cache.getOrRender('a', render(40));
		await cache.getOrRender('c', render(40));
		expect(cache.size).toBe(80);
		expect((await cache.getOrRender('a', render(40))).hit).toBe(true);
		expect((await cache.getOrRender('b', render(40))).hit).toBe(false);
		await cache.getOrRender('huge', render(101));
		expect((await cache.getOrRender('huge', render(101))).hit).toBe(false);
		expect(cache.size).toBeLessThanOrEqual(100);
	});

	it('keeps nothing from a failed rendering', async () => {
		const cache = new FileCache<ReturnType<typeof file>>(100);
		await expect(cache.getOrRender('a', () => Promise.reject(new Error('kaputt')))).rejects.toThrow(
			'kaputt'
		);
		expect((await cache.getOrRender('a', async () => file(1))).hit).toBe(false);
	});
});
