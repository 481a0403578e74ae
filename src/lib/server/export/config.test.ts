import { describe, expect, it } from 'vitest';
import { readConfig } from '../config';

describe('readConfig for exports', () => {
	it('has the documented defaults and takes what the environment says', () => {
		const defaults = readConfig({});
		expect(defaults.exportCacheBytes).toBe(64 * 1024 * 1024);
		expect(defaults.exportRenderConcurrency).toBe(2);
		expect(defaults.exportDownloadsPerIp).toBe(30);
		const custom = readConfig({
			EXPORT_CACHE_MB: '0',
			EXPORT_RENDER_CONCURRENCY: '4',
			RATE_LIMIT_EXPORT_PER_IP: '-1'
		});
		expect(custom.exportCacheBytes).toBe(0);
		expect(custom.exportRenderConcurrency).toBe(4);
		expect(custom.exportDownloadsPerIp).toBe(30);
	});
});
