import { isRedirect } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { redirectToLogin, safeRedirectTarget } from './redirect-target';

const ORIGIN = 'https://agenda.musterstadt.example';

/** Where a browser would go if it got `target` as the Location of a page on ORIGIN. */
function resolvedOrigin(target: string): string {
	return new URL(target, `${ORIGIN}/anmelden`).origin;
}

describe('safeRedirectTarget', () => {
	it.each([
		'/',
		'/konto',
		'/agenden/abcdefghijklmnop',
		'/agenden/abcdefghijklmnop/mitglieder?tab=einladungen#neu',
		'/einladung/abc?weiter=https://evil.example',
		'/a//b',
		'/%2F%2Fevil.example'
	])('accepts the local path %j', (target) => {
		expect(safeRedirectTarget(target)).toBe(target);
		expect(resolvedOrigin(target)).toBe(ORIGIN);
	});

	it.each([
		['protocol-relative', '//evil.example'],
		['protocol-relative with path', '//evil.example/anmelden'],
		['backslash', '/\\evil.example'],
		['double backslash', '\\\\evil.example'],
		['absolute https', 'https://evil.example'],
		['absolute http', 'http://evil.example/konto'],
		['javascript', 'javascript:alert(1)'],
		['data', 'data:text/html,<script>alert(1)</script>'],
		['relative', 'konto'],
		['empty', ''],
		['space before', ' /konto'],
		['tab after the slash', '/\t/evil.example'],
		['newline after the slash', '/\n/evil.example'],
		['CR LF after the slash', '/\r\n/evil.example'],
		['tab before a backslash', '/\t\\evil.example'],
		['NUL in the path', '/konto\u0000']
	])('refuses %s (%j)', (_name, target) => {
		expect(safeRedirectTarget(target)).toBe('/');
	});

	it.each([
		['a euro sign', '/€', '/%E2%82%AC'],
		[
			'umlauts in path, query and fragment',
			'/straße?q=grün#über',
			'/stra%C3%9Fe?q=gr%C3%BCn#%C3%BCber'
		],
		['an emoji', '/😀', '/%F0%9F%98%80'],
		['a lone surrogate', '/\ud800', '/%EF%BF%BD'],
		['a space and quotes', '/a b"c', '/a%20b%22c']
	])('percent-encodes %s, so that a Location header can carry it', (_name, target, encoded) => {
		const result = safeRedirectTarget(target);
		expect(result).toBe(encoded);
		// A header value is a byte string: nothing above U+00FF, and here plain ASCII.
		expect(() => new Headers({ location: result })).not.toThrow();
		expect(result).toMatch(/^[\x21-\x7e]+$/);
		expect(resolvedOrigin(result)).toBe(ORIGIN);
	});

	it('keeps targets that are already percent-encoded as they are', () => {
		expect(safeRedirectTarget('/%E2%82%AC?x=%C3%BC')).toBe('/%E2%82%AC?x=%C3%BC');
	});

	it('refuses a target whose encoded form is over 2000 characters', () => {
		// 500 euro signs are 4,500 characters once encoded: too long for a header worth sending.
		expect(safeRedirectTarget(`/${'€'.repeat(500)}`)).toBe('/');
	});

	it('refuses targets over 2000 characters', () => {
		expect(safeRedirectTarget(`/${'a'.repeat(1999)}`)).toHaveLength(2000);
		expect(safeRedirectTarget(`/${'a'.repeat(2000)}`)).toBe('/');
	});

	it.each([null, undefined, 42, {}, ['/konto']])('refuses the non-string %j', (value) => {
		expect(safeRedirectTarget(value)).toBe('/');
	});

	it('falls back to the given fallback', () => {
		expect(safeRedirectTarget('//evil.example', '/konto')).toBe('/konto');
		expect(safeRedirectTarget(null, '/agenden/neu')).toBe('/agenden/neu');
		expect(safeRedirectTarget('/konto', '/agenden/neu')).toBe('/konto');
	});

	it('never returns a target that a browser would resolve to another origin', () => {
		const tricky = ['\t', '\n', '\r', '\\', '/', '%2f', '@', ':', ' ', '\u0000', '\u007f', 'x'];
		for (const a of tricky) {
			for (const b of tricky) {
				const target = `/${a}${b}evil.example`;
				expect(resolvedOrigin(safeRedirectTarget(target)), JSON.stringify(target)).toBe(ORIGIN);
			}
		}
	});
});

describe('redirectToLogin', () => {
	function locationOf(url: string): { status: number; location: string } {
		try {
			redirectToLogin(new URL(url, ORIGIN));
		} catch (thrown) {
			if (isRedirect(thrown)) return { status: thrown.status, location: thrown.location };
			throw thrown;
		}
		throw new Error('no redirect');
	}

	it('sends to the log-in with the path as the way back, which the log-in then follows', () => {
		const { status, location } = locationOf('/agenden/abcdefghijklmnop/mitglieder?/invite');
		expect(status).toBe(303);
		expect(location).toBe('/anmelden?weiter=%2Fagenden%2Fabcdefghijklmnop%2Fmitglieder');
		const weiter = new URL(location, ORIGIN).searchParams.get('weiter');
		expect(safeRedirectTarget(weiter)).toBe('/agenden/abcdefghijklmnop/mitglieder');
	});
});
