import { berlinDateTime, berlinDay } from '../berlin-time';
import { formatDay } from '../format';
import { block, type Block, type ExportDocument } from './document';
import { OPARL_TYPE, type OparlPaper } from './oparl/types';

/**
 * The „Antwort der Verwaltung“ to an Anfrage of the council, as Word and PDF (through the same
 * renderers as every export) and as an OParl 1.1 Paper: the Anfrage's header (Drucksache-Nr.,
 * Betreff, Fragesteller, dates), the Stichtag the figures speak of, the Vorbemerkung, then each
 * question followed by „Zu n.“ and its answer (the clerk's, or the draft from the monitoring data).
 * Pure: the route reads the Anfrage and its answers.
 */
export interface InquiryAnswerInput {
	inquiry: {
		title: string;
		reference: string;
		askedBy: string;
		receivedOn: string | null;
		stichtag: string;
		oparlUrl: string | null;
		answerReference: string;
		preamble: string;
		/** When the Anfrage or an answer last changed: the answer's date. */
		updatedAt: Date;
		createdAt: Date;
	};
	questions: readonly { question: string; text: string }[];
	/** The municipality and the agenda, for the running footer. */
	municipality: string;
	agendaTitle: string;
}

const DE = 'de';
const TITLE = 'Antwort der Verwaltung';

/** Paragraphs of a typed text: each non-empty line one paragraph. */
function paragraphs(text: string): string[] {
	return text
		.split('\n')
		.map((line) => line.trim())
		.filter((line) => line !== '');
}

export function inquiryAnswerDocument(input: InquiryAnswerInput): ExportDocument {
	const { inquiry } = input;
	const title = inquiry.title.trim();
	const stichtag = formatDay(inquiry.stichtag, DE);
	return {
		title: `${TITLE}: ${title}`,
		subject: input.agendaTitle.trim() || 'Digitale Agenda',
		header: [TITLE, inquiry.answerReference.trim() || null, `Stichtag ${stichtag}`]
			.filter((part) => part !== null)
			.join(' · '),
		footer: [input.municipality, input.agendaTitle]
			.filter((part) => part.trim() !== '')
			.join(' · '),
		blocks: [
			block.heading(1, TITLE),
			{
				type: 'fields',
				rows: [
					{ label: 'Betreff', value: [block.value(title)] },
					{ label: 'Anfrage', value: [block.value(inquiry.reference)] },
					{ label: 'Fragesteller', value: [block.value(inquiry.askedBy)] },
					...(inquiry.receivedOn
						? [{ label: 'Eingang', value: [block.value(formatDay(inquiry.receivedOn, DE))] }]
						: []),
					...(inquiry.answerReference.trim()
						? [{ label: 'Drucksache-Nr.', value: [block.value(inquiry.answerReference)] }]
						: []),
					{ label: 'Datum', value: [block.value(formatDay(answerDay(input), DE))] },
					{ label: 'Stichtag', value: [block.value(stichtag)] }
				]
			},
			block.note(
				`Die Angaben geben den Stand der Umsetzung am ${stichtag} wieder; berücksichtigt sind nur bis zu diesem Tag freigegebene Meldungen.`
			),
			...preambleBlocks(inquiry.preamble),
			...input.questions.flatMap((question, index) => questionBlocks(index + 1, question))
		]
	};
}

/** The day the answer is dated: the last change of the Anfrage or its answers, in Berlin. */
function answerDay(input: Pick<InquiryAnswerInput, 'inquiry'>): string {
	return berlinDay(input.inquiry.updatedAt);
}

function preambleBlocks(preamble: string): Block[] {
	const lines = paragraphs(preamble);
	if (lines.length === 0) return [];
	return [block.heading(2, 'Vorbemerkung'), ...lines.map((line) => block.paragraph(line))];
}

function questionBlocks(number: number, question: { question: string; text: string }): Block[] {
	const [first = '', ...rest] = paragraphs(question.question);
	return [
		block.heading(2, `Frage ${number}`),
		block.paragraph({ text: `${number}. `, bold: true }, first),
		...rest.map((line) => block.paragraph(line)),
		block.heading(3, `Zu ${number}.`),
		...paragraphs(question.text).map((line) => block.paragraph(line))
	];
}

/** Where the answer's files are served, for the Paper's links. */
export interface AnswerLinks {
	/** The Paper's own URL (the JSON). */
	paper: string;
	pdf: string;
	/** The PDF shown in place (OParl's `accessUrl`). */
	pdfView: string;
	docx: string;
}

/**
 * The answer as an OParl 1.1 Paper: a „Mitteilung“ (the administration's answer) whose
 * `relatedPaper` is the Anfrage in the council's own system, when the clerk gave its URL, with the
 * PDF as its main file and the Word file beside it. `reference` is the answer's Drucksache-Nr.,
 * left out until the council office has given one.
 */
export function inquiryAnswerPaper(
	input: InquiryAnswerInput,
	links: AnswerLinks,
	files: { pdf: string; docx: string; text: string }
): OparlPaper {
	const { inquiry } = input;
	const stamps = {
		created: berlinDateTime(inquiry.createdAt),
		modified: berlinDateTime(inquiry.updatedAt)
	};
	const date = answerDay(input);
	const name = `${TITLE}: ${inquiry.title.trim()}`;
	return {
		id: links.paper,
		type: OPARL_TYPE.paper,
		name,
		...(inquiry.answerReference.trim() ? { reference: inquiry.answerReference.trim() } : {}),
		date,
		paperType: 'Mitteilung',
		...(inquiry.oparlUrl ? { relatedPaper: [inquiry.oparlUrl] } : {}),
		mainFile: {
			id: links.pdf,
			type: OPARL_TYPE.file,
			name,
			fileName: files.pdf,
			mimeType: 'application/pdf',
			date,
			text: files.text,
			accessUrl: links.pdfView,
			downloadUrl: links.pdf,
			...stamps
		},
		auxiliaryFile: [
			{
				id: links.docx,
				type: OPARL_TYPE.file,
				name: `${name} (Word)`,
				fileName: files.docx,
				mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
				date,
				accessUrl: links.docx,
				downloadUrl: links.docx,
				...stamps
			}
		],
		keyword: ['Antwort auf Anfrage'],
		...stamps
	};
}
