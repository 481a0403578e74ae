import { describe, expect, it } from 'vitest';
import { richTextToPlain } from '../agenda/model/rich-text';
import { documentText } from './document';
import {
	inquiryAnswerDocument,
	inquiryAnswerPaper,
	type InquiryAnswerInput
} from './inquiry-answer-document';
import { validateOparl } from './oparl/validate';

const INPUT: InquiryAnswerInput = {
	inquiry: {
		title: 'Stand der Digitalisierung',
		reference: 'AF/2023/014',
		askedBy: 'Fraktion Bündnis',
		receivedOn: '2023-03-01',
		stichtag: '2023-03-31',
		oparlUrl: 'https://ratsinfo.example/oparl/paper/4711',
		answerReference: 'MI/2023/020',
		preamble: 'Die Verwaltung beantwortet die Anfrage wie folgt.',
		createdAt: new Date('2023-03-02T09:00:00Z'),
		updatedAt: new Date('2023-04-05T10:00:00Z')
	},
	questions: [
		{ question: 'Wie ist der Stand beim OZG?\na) eAkte', text: 'Status: in Arbeit.' },
		{ question: 'Gibt es E-Payment?', text: '[Antwort ergänzen]' }
	],
	municipality: 'Stadt Beispielhausen',
	agendaTitle: 'Digitale Agenda'
};

describe('inquiryAnswerDocument', () => {
	it('gives the header, the Stichtag and each question followed by „Zu n.“ and its answer', () => {
		const document = inquiryAnswerDocument(INPUT);
		const text = documentText(document, richTextToPlain);
		expect(document.title).toBe('Antwort der Verwaltung: Stand der Digitalisierung');
		expect(document.header).toBe('Antwort der Verwaltung · MI/2023/020 · Stichtag 31.03.2023');
		for (const part of ['AF/2023/014', 'Fraktion Bündnis', '05.04.2023', 'Vorbemerkung']) {
			expect(text).toContain(part);
		}
		expect(text).toContain('Stand der Umsetzung am 31.03.2023');
		const order = ['1. Wie ist der Stand beim OZG?', 'a) eAkte', 'Zu 1.', 'Status: in Arbeit.'];
		const positions = order.map((part) => text.indexOf(part));
		expect(positions.every((position) => position >= 0)).toBe(true);
		expect([...positions].sort((a, b) => a - b)).toEqual(positions);
		expect(text.indexOf('Zu 2.')).toBeGreaterThan(text.indexOf('2. Gibt es E-Payment?'));
	});
});

describe('inquiryAnswerPaper', () => {
	const links = {
		paper: 'https://agenda.example/api/agendas/a/anfragen/q/antwort.json',
		pdf: 'https://agenda.example/api/agendas/a/anfragen/q/antwort.pdf',
		pdfView: 'https://agenda.example/api/agendas/a/anfragen/q/antwort.pdf?ansicht=inline',
		docx: 'https://agenda.example/api/agendas/a/anfragen/q/antwort.docx'
	};
	const files = { pdf: 'Antwort-AF-2023-014.pdf', docx: 'Antwort-AF-2023-014.docx', text: 'Zu 1.' };

	it('is a valid OParl 1.1 Paper related to the Anfrage, with the PDF as main file', () => {
		const paper = inquiryAnswerPaper(INPUT, links, files);
		expect(validateOparl('Paper', paper)).toEqual({ valid: true, errors: [] });
		expect(paper).toMatchObject({
			reference: 'MI/2023/020',
			paperType: 'Mitteilung',
			relatedPaper: ['https://ratsinfo.example/oparl/paper/4711'],
			date: '2023-04-05',
			modified: '2023-04-05T12:00:00+02:00'
		});
		expect(paper.mainFile?.accessUrl).toBe(links.pdfView);
		expect(paper.mainFile?.mimeType).toBe('application/pdf');
	});

	it('leaves out what the clerk has not given', () => {
		const paper = inquiryAnswerPaper(
			{ ...INPUT, inquiry: { ...INPUT.inquiry, oparlUrl: null, answerReference: '' } },
			links,
			files
		);
		expect(validateOparl('Paper', paper).valid).toBe(true);
		expect(paper).not.toHaveProperty('relatedPaper');
		expect(paper).not.toHaveProperty('reference');
	});
});
