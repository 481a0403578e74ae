import { describe, expect, it } from 'vitest';
import { isUnsubscribePost } from './one-click';

describe('isUnsubscribePost', () => {
	it('knows POSTs to an unsubscribe link', () => {
		expect(isUnsubscribePost('POST', '/abbestellen/abc/comment-replied')).toBe(true);
		expect(isUnsubscribePost('POST', '/abbestellen/abc/comment-replied?x=1')).toBe(true);
	});

	it('lets nothing else through: other methods, other paths, paths that lead elsewhere', () => {
		expect(isUnsubscribePost('GET', '/abbestellen/abc/comment-replied')).toBe(false);
		expect(isUnsubscribePost('POST', '/konto?/notifications')).toBe(false);
		expect(isUnsubscribePost('POST', '/abbestellen/abc')).toBe(false);
		expect(isUnsubscribePost('POST', '/abbestellen/abc/kind/mehr')).toBe(false);
		expect(isUnsubscribePost('POST', '/abbestellen/../konto?/delete')).toBe(false);
		expect(isUnsubscribePost('POST', '/abbestellen/%2e%2e/%2e%2e/konto')).toBe(false);
		expect(isUnsubscribePost('POST', '/x/abbestellen/abc/comment-replied')).toBe(false);
		expect(isUnsubscribePost('POST', undefined)).toBe(false);
	});
});
