import { createRequire } from 'node:module';

// `hyphen` is CommonJS whose exports Node cannot name for an ES import: the built server (which
// leaves dependencies to Node) failed to load with `import { hyphenateSync } from 'hyphen/de'`.
const require = createRequire(import.meta.url);
const { hyphenateSync } = require('hyphen/de') as typeof import('hyphen/de');

/**
 * Where a word of the PDF export may break at the end of a line: German hyphenation points
 * (Liang's patterns of the `hyphen` package) and after a hyphen the word already has
 * („Kita-|Ausbau“). Numbers, dates, amounts, URLs and e-mail addresses never break here: a
 * reader must not mistake „1.234.|567,00 €“ or a link for two things.
 */

export interface BreakPoint {
	/** Offset into the word (UTF-16 code units): the head is `word.slice(0, at)`. */
	at: number;
	/** Whether the head ends with a hyphen drawn at the break (not when it already has one). */
	hyphen: boolean;
}

/** Words with a digit or any of these characters are not language: never hyphenated. */
const NOT_A_WORD = /[\p{N}@/\\:_=&?#%+~<>|]|^www\./iu;
const SOFT_HYPHEN = '\u00ad';
/** Hyphens a word may already have: ASCII, U+2010 HYPHEN, and the en dash of „Kita–Ausbau“. */
const HYPHENS = new Set(['-', '\u2010', '–']);

/** The points where `word` (no spaces) may break, in order. */
export function breakPoints(word: string): BreakPoint[] {
	if (NOT_A_WORD.test(word)) return [];
	const points: BreakPoint[] = [];
	let at = 0;
	for (const character of hyphenateSync(word, { hyphenChar: SOFT_HYPHEN })) {
		if (character === SOFT_HYPHEN) {
			points.push({ at, hyphen: true });
			continue;
		}
		at += character.length;
		// A break right after the word's own hyphen, never at its very end.
		if (HYPHENS.has(character) && at > 1 && at < word.length) points.push({ at, hyphen: false });
	}
	return points;
}
