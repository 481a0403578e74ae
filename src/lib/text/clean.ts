/**
 * What people type reaches other people's screens, CSV files and documents. These functions
 * remove what nobody types on purpose and what only serves to deceive: control characters
 * (NUL, escape sequences), bidirectional overrides that show text reversed (U+202E) and, in
 * names, invisible characters that make two names look alike ("Stabsstelle\u200BDigitalisierung").
 * Text is put in Unicode normal form C, so the same word is stored the same way.
 */

/** C0 and C1 controls except tab and line feed, and DEL. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** Bidirectional marks, embeddings, overrides and isolates, and the byte order mark. */
const BIDI_AND_BOM = /[\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/**
 * Characters that show nothing: zero-width space and joiners, word joiner, invisible operators,
 * soft hyphen, Mongolian vowel separator, Hangul fillers. Comments keep the joiners (emoji
 * sequences and some scripts need them); names lose them.
 */
const INVISIBLE = /[\u00ad\u115f\u1160\u180e\u200b-\u200d\u2060-\u2064\u206a-\u206f\u3164\uffa0]/g;

/** Line and paragraph separators and lone carriage returns become line feeds. */
const LINE_BREAKS = /\r\n?|[\u2028\u2029\u0085]/g;

/**
 * Multi-line text such as a comment: normal form C, Windows and Unicode line breaks as `\n`,
 * controls, bidirectional overrides and the BOM removed, tabs kept. Leading and trailing
 * whitespace stay to the caller (forms trim).
 */
export function cleanMultilineText(value: string): string {
	return value
		.normalize('NFC')
		.replace(LINE_BREAKS, '\n')
		.replace(CONTROLS, '')
		.replace(BIDI_AND_BOM, '');
}

/**
 * A one-line text such as a display name: as `cleanMultilineText`, without invisible characters,
 * and every run of whitespace (line breaks, tabs and the many Unicode spaces) one ordinary space,
 * trimmed.
 */
export function cleanSingleLineText(value: string): string {
	return cleanMultilineText(value).replace(INVISIBLE, '').replace(/\s+/gu, ' ').trim();
}
