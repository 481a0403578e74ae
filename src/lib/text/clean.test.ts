import { describe, expect, it } from 'vitest';
import { cleanMultilineText, cleanSingleLineText } from './clean';

describe('cleanMultilineText', () => {
	it('removes NUL, escape sequences and other controls but keeps line breaks and tabs', () => {
		expect(cleanMultilineText('a\u0000b\u001b[31mc\u0007\n\td\u0085e')).toBe('ab[31mc\n\td\ne');
	});

	it('removes bidirectional overrides and the byte order mark', () => {
		expect(cleanMultilineText('gut\u202Etxt.exe\u2066x\u2069\uFEFF')).toBe('guttxt.exex');
	});

	it('keeps the joiners that emoji sequences need', () => {
		expect(cleanMultilineText('👩\u200D💻')).toBe('👩\u200D💻');
	});

	it('puts text in normal form C and turns Windows line breaks into line feeds', () => {
		expect(cleanMultilineText('Gru\u0308\u00dfe\r\nzweite\rdritte')).toBe('Grüße\nzweite\ndritte');
		expect(cleanMultilineText('Gru\u0308\u00dfe')).toHaveLength(5);
	});

	it('keeps ordinary text, umlauts and emoji unchanged', () => {
		const text = 'Schöne Grüße aus Musterstadt 👍🏽 – „Digitale Agenda“';
		expect(cleanMultilineText(text)).toBe(text);
	});
});

describe('cleanSingleLineText', () => {
	it('turns every run of whitespace into one space and trims', () => {
		expect(cleanSingleLineText('  Anna\u00a0\u2003Berger\n\t(AG) ')).toBe('Anna Berger (AG)');
	});

	it('makes a name with zero-width characters equal to the plain one', () => {
		expect(cleanSingleLineText('Stabsstelle\u200B Digi\u200Dtalisierung')).toBe(
			'Stabsstelle Digitalisierung'
		);
	});
});
