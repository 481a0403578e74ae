import { describe, expect, it } from 'vitest';
import { linkify, safeHref, type Segment } from './linkify';

const text = (value: string): Segment => ({ type: 'text', text: value });
const link = (value: string, href = value): Segment => ({ type: 'link', text: value, href });

describe('linkify', () => {
	it('leaves text without addresses as one segment', () => {
		expect(linkify('Bitte mehr Radwege.')).toEqual([text('Bitte mehr Radwege.')]);
		expect(linkify('')).toEqual([]);
	});

	it('links http and https addresses in the middle of text', () => {
		expect(linkify('Siehe https://musterstadt.de/rat und http://example.org weiter')).toEqual([
			text('Siehe '),
			link('https://musterstadt.de/rat'),
			text(' und '),
			link('http://example.org'),
			text(' weiter')
		]);
	});

	it('links www. addresses with https', () => {
		expect(linkify('www.musterstadt.de/buergerbuero')).toEqual([
			link('www.musterstadt.de/buergerbuero', 'https://www.musterstadt.de/buergerbuero')
		]);
	});

	it('keeps query strings and fragments', () => {
		expect(linkify('https://example.org/a?b=1&c=2#teil')).toEqual([
			link('https://example.org/a?b=1&c=2#teil')
		]);
	});

	it('leaves trailing punctuation out of the link', () => {
		for (const mark of ['.', ',', ';', ':', '!', '?']) {
			expect(linkify(`Mehr unter https://example.org/info${mark}`)).toEqual([
				text('Mehr unter '),
				link('https://example.org/info'),
				text(mark)
			]);
		}
		expect(linkify('(siehe https://example.org/a).')).toEqual([
			text('(siehe '),
			link('https://example.org/a'),
			text(').')
		]);
		expect(linkify('Wirklich?! https://example.org?!')).toEqual([
			text('Wirklich?! '),
			link('https://example.org'),
			text('?!')
		]);
	});

	it('keeps brackets that belong to the address', () => {
		expect(linkify('https://de.wikipedia.org/wiki/Agenda_(Politik)')).toEqual([
			link('https://de.wikipedia.org/wiki/Agenda_(Politik)')
		]);
		expect(linkify('(https://de.wikipedia.org/wiki/Agenda_(Politik))')).toEqual([
			text('('),
			link('https://de.wikipedia.org/wiki/Agenda_(Politik)'),
			text(')')
		]);
	});

	it('stops at quotes, angle brackets and whitespace', () => {
		expect(linkify('"https://example.org" <https://example.net>\nhttps://x.example')).toEqual([
			text('"'),
			link('https://example.org'),
			text('" <'),
			link('https://example.net'),
			text('>\n'),
			link('https://x.example')
		]);
	});

	it('never links other schemes', () => {
		for (const value of [
			'javascript:alert(1)',
			'JavaScript:alert(document.cookie)',
			'data:text/html,<script>alert(1)</script>',
			'vbscript:msgbox',
			'ftp://example.org',
			'mailto:someone@example.org'
		]) {
			expect(linkify(value)).toEqual([text(value)]);
		}
	});

	it('does not link a scheme hidden inside another address or word', () => {
		expect(linkify('javascript:https://example.org')).toEqual([
			text('javascript:https://example.org')
		]);
		expect(linkify('xhttps://example.org')).toEqual([text('xhttps://example.org')]);
		expect(linkify('name@www.example.org')).toEqual([text('name@www.example.org')]);
	});

	it('needs a host after the scheme', () => {
		expect(linkify('https:// und www. und https://.')).toEqual([
			text('https:// und www. und https://.')
		]);
		expect(linkify('www.ohnepunkt')).toEqual([text('www.ohnepunkt')]);
	});

	it('is case-insensitive for the scheme and keeps the text as written', () => {
		expect(linkify('HTTPS://Example.org/A')).toEqual([link('HTTPS://Example.org/A')]);
		expect(linkify('WWW.Example.org')).toEqual([
			link('WWW.Example.org', 'https://WWW.Example.org')
		]);
	});

	it('links addresses with umlauts', () => {
		expect(linkify('https://bürgerbüro.example/öffnungszeiten')).toEqual([
			link('https://bürgerbüro.example/öffnungszeiten')
		]);
	});

	it('puts every character back: the segments join to the input', () => {
		const input =
			'A https://a.example/x), b www.b.example. c (http://c.example/(d)) javascript:e https:// f';
		expect(
			linkify(input)
				.map((segment) => segment.text)
				.join('')
		).toBe(input);
	});
});

describe('safeHref', () => {
	it('accepts http, https and mailto', () => {
		expect(safeHref('https://example.org/a')).toBe('https://example.org/a');
		expect(safeHref(' http://example.org ')).toBe('http://example.org');
		expect(safeHref('mailto:rathaus@musterstadt.example')).toBe(
			'mailto:rathaus@musterstadt.example'
		);
	});

	it('refuses every other scheme, relative paths and odd values', () => {
		for (const value of [
			'javascript:alert(1)',
			'JAVASCRIPT:alert(1)',
			'java\nscript:alert(1)',
			'https://exa mple.org',
			'https:\t//example.org',
			'data:text/html,x',
			'/intern',
			'//evil.example',
			'https:///x',
			'',
			null,
			42
		]) {
			expect(safeHref(value)).toBeNull();
		}
	});
});
