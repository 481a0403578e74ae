import { block, type Block, type ExportDocument } from './document';

/** One part of the Gesamtdokument: the Vorlage or an annex, and the bookmark it starts with. */
export interface CompletePart {
	/** E.g. `Beschlussvorlage 2026/0123` or `Anlage 1: Digitale Agenda Musterstadt`. */
	heading: string;
	document: ExportDocument;
}

/**
 * The Vorlage and its annexes as one printable document, for members who read them on a tablet:
 * each part on a new portrait page under a level-1 heading (a top-level bookmark) that names it
 * and under its own running header and footer (an annex's pages say they are the annex), its own
 * headings one level lower so that its bookmarks nest below. One document model rendered
 * once, rather than PDF files merged, so that the tags, fonts and PDF/A metadata stay those of
 * one file. A part's title page becomes its heading and the lines below it.
 */
export function completeDocument(parts: CompletePart[]): ExportDocument {
	const [first] = parts;
	if (!first) throw new Error('A Gesamtdokument needs at least one part');
	return {
		title: `Gesamtdokument: ${first.document.title}`,
		subject: first.document.subject,
		header: first.document.header,
		footer: first.document.footer,
		blocks: parts.flatMap((part) => [
			block.pageBreak('portrait', {
				header: part.document.header,
				footer: part.document.footer
			}),
			block.heading(1, part.heading),
			...titlePageBlocks(part.document),
			...part.document.blocks.map(demoted)
		])
	};
}

function titlePageBlocks({ titlePage }: ExportDocument): Block[] {
	if (!titlePage) return [];
	const lines = [titlePage.kicker, titlePage.title, titlePage.subtitle, ...titlePage.lines];
	return lines.filter((line): line is string => Boolean(line)).map((line) => block.paragraph(line));
}

function demoted(part: Block): Block {
	if (part.type === 'heading') return { ...part, level: lower(part.level) };
	if (part.type === 'rich') return { ...part, baseLevel: lower(part.baseLevel) };
	return part;
}

function lower(level: 1 | 2 | 3): 2 | 3 {
	return level === 1 ? 2 : 3;
}
