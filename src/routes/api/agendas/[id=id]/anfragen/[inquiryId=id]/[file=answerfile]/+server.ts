import { error, json } from '@sveltejs/kit';
import { richTextToPlain } from '$lib/agenda/model/rich-text';
import { documentText } from '$lib/export/document';
import { inquiryAnswerFileName } from '$lib/export/file-names';
import {
	inquiryAnswerDocument,
	inquiryAnswerPaper,
	type InquiryAnswerInput
} from '$lib/export/inquiry-answer-document';
import { ANSWER_FILES } from '$lib/export/inquiry-answer-files';
import { VIEW_PARAMETER } from '$lib/export/oparl/links';
import { m } from '$lib/paraglide/messages';
import { agendaAccess } from '$lib/server/agendas/access';
import { db } from '$lib/server/db';
import { refuseTooManyDownloads } from '$lib/server/export/download-limit';
import { renderedDocument } from '$lib/server/export/rendered-files';
import { answeredInquiry } from '$lib/server/monitoring/inquiries';
import type { RequestHandler } from './$types';

const CONTENT_TYPES = {
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	pdf: 'application/pdf'
} as const;

/**
 * `GET /api/agendas/<id>/anfragen/<anfrage>/antwort.docx|pdf|json`: the „Antwort der Verwaltung“
 * as Word, PDF and OParl 1.1 Paper, for the agenda's members (the answer may hold what the clerk
 * has not yet sent to the council). The files are rendered in the export queue and kept in its
 * memory while the answer does not change (`X-Export-Cache`).
 */
export const GET: RequestHandler = async (event) => {
	const format = ANSWER_FILES[event.params.file];
	const refused = await refuseTooManyDownloads(event);
	if (refused) return refused;
	const { agenda } = await agendaAccess(event, 'monitoring.readAll');
	const answered = await answeredInquiry(db, agenda.id, event.params.inquiryId);
	if (!answered) error(404, m.inquiry_error_not_found());
	const input: InquiryAnswerInput = {
		inquiry: answered.inquiry,
		questions: answered.questions,
		municipality: agenda.municipality,
		agendaTitle: agenda.title
	};
	const naming = {
		reference: answered.inquiry.reference,
		slug: agenda.slug,
		stichtag: answered.inquiry.stichtag
	};
	const document = inquiryAnswerDocument(input);
	if (format === 'json') {
		const base = `${event.url.origin}${event.url.pathname.replace(/\/[^/]+$/, '')}`;
		const paper = inquiryAnswerPaper(
			input,
			{
				paper: `${base}/antwort.json`,
				pdf: `${base}/antwort.pdf`,
				pdfView: `${base}/antwort.pdf?${VIEW_PARAMETER}=inline`,
				docx: `${base}/antwort.docx`
			},
			{
				pdf: inquiryAnswerFileName('pdf', naming),
				docx: inquiryAnswerFileName('docx', naming),
				text: documentText(document, richTextToPlain)
			}
		);
		return json(paper, {
			headers: {
				'content-disposition': `inline; filename="${inquiryAnswerFileName('json', naming)}"`,
				'cache-control': 'private, no-store'
			}
		});
	}
	const inline = event.url.searchParams.get(VIEW_PARAMETER) === 'inline';
	const rendered = await renderedDocument(document, format, new Date());
	return new Response(new Uint8Array(rendered.bytes), {
		headers: {
			'content-type': CONTENT_TYPES[format],
			'content-disposition': `${inline ? 'inline' : 'attachment'}; filename="${inquiryAnswerFileName(format, naming)}"`,
			'cache-control': 'private, no-store',
			'x-export-cache': rendered.cached ? 'hit' : 'miss'
		}
	});
};
