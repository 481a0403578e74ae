import { describe, expect, it } from 'vitest';
import type { ExportDocument } from '$lib/export/document';
import { SAMPLE_DOCUMENT } from '$lib/export/testing/sample-document';
import { readZip } from '../../../../tests/support/zip';
import { renderDocx } from './render-docx';

/**
 * What LibreOffice and Word need to read the exports as structured, unbroken documents: headings
 * with an outline level, line spacing that cannot overlap, tables that do not leave rows alone on
 * a page, and columns as wide as their figures.
 */

async function parts(document: ExportDocument) {
	const files = readZip(
		await renderDocx(document, { createdAt: new Date('2026-12-06T08:02:00Z') })
	);
	const part = (name: string) => files.get(name)?.toString('utf8') ?? '';
	return { styles: part('word/styles.xml'), body: part('word/document.xml') };
}

/** The XML of the style with this id. */
function style(styles: string, id: string): string {
	return styles.match(new RegExp(`<w:style [^>]*w:styleId="${id}">.*?</w:style>`, 's'))?.[0] ?? '';
}

describe('renderDocx: headings LibreOffice and screen readers navigate by', () => {
	it('gives Heading 1 to 6 the outline levels 0 to 5 in styles.xml', async () => {
		const { styles } = await parts(SAMPLE_DOCUMENT);
		for (const level of [1, 2, 3, 4, 5, 6]) {
			expect(style(styles, `Heading${level}`)).toContain(`<w:outlineLvl w:val="${level - 1}"/>`);
		}
		expect(style(styles, 'Title')).not.toContain('<w:outlineLvl');
	});
});

describe('renderDocx: line spacing', () => {
	it('says how every line spacing is meant, so a two-line title does not overlap', async () => {
		const document: ExportDocument = {
			...SAMPLE_DOCUMENT,
			titlePage: {
				title: 'Digitale Agenda Musterstadt 2026–2030',
				lines: ['Stadt Musterstadt']
			}
		};
		const { styles, body } = await parts(document);
		const spacings = [
			...styles.matchAll(/<w:spacing [^>]*>/g),
			...body.matchAll(/<w:spacing [^>]*>/g)
		]
			.map(([spacing]) => spacing)
			.filter((spacing) => spacing.includes('w:line='));
		expect(spacings.length).toBeGreaterThan(0);
		for (const spacing of spacings) expect(spacing).toMatch(/w:lineRule="(auto|atLeast)"/);
		// The title's lines are spaced for its own size, not for the body's.
		expect(style(styles, 'Title')).toMatch(/<w:spacing [^>]*w:line="\d+" w:lineRule="auto"/);
	});
});
