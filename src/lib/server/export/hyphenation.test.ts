import { describe, expect, it } from 'vitest';
import { breakPoints } from './hyphenation';

/** The word with `|` at each break point, `-|` where a hyphen is drawn. */
function marked(word: string): string {
	let result = '';
	let from = 0;
	for (const point of breakPoints(word)) {
		result += word.slice(from, point.at) + (point.hyphen ? '-|' : '|');
		from = point.at;
	}
	return result + word.slice(from);
}

describe('breakPoints', () => {
	it('hyphenates German words by their syllables', () => {
		expect(marked('Personalkosten')).toBe('Per-|so-|nal-|kos-|ten');
		expect(marked('Unterstützungen')).toBe('Un-|ter-|stüt-|zun-|gen');
		expect(marked('übernommen,')).toBe('über-|nom-|men,');
	});

	it('breaks after a hyphen the word has, without a second one', () => {
		expect(marked('Kita-Ausbau')).toBe('Kita-|Aus-|bau');
		expect(marked('-Ausbau')).toBe('-Aus-|bau');
	});

	it('never breaks numbers, dates, amounts, times, URLs or e-mail addresses', () => {
		for (const text of [
			'06.12.2026,',
			'08:02',
			'1.234.567,00',
			'2026–2030',
			'https://example.org/beteiligung',
			'www.musterstadt.de',
			'buergerbeteiligung@musterstadt.de',
			'CO₂-Einsparung'
		]) {
			expect(breakPoints(text), text).toEqual([]);
		}
	});
});
