import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	addEntity,
	initialiseAgenda,
	setResolutionText,
	setResolutionValue,
	setText,
	setValue
} from '../../agenda/ydoc/mutations';
import { readAgenda } from '../../agenda/ydoc/read';
import { buildResolutionDraft, type DraftSource } from '../resolution-draft';
import { SAMPLE_PARTICIPATION } from '../testing/demo-agenda';
import { slugify } from './links';
import {
	oparlBody,
	oparlMeetings,
	oparlOrganization,
	oparlOrganizations,
	oparlPaper,
	oparlSystem,
	standaloneAgendaItem,
	standaloneConsultation,
	type OparlContext
} from './paper';
import type { OparlFile } from './types';
import { validateOparl } from './validate';

const ORIGIN = 'https://agenda.musterstadt.example';
const AGENDA_ID = 'abcdefghijklmnop';
const BASE = `${ORIGIN}/api/agendas/${AGENDA_ID}`;
const TRICKY = '<Netz> & „Glasfaser“ "WLAN" 🚀';

function context(overrides: Partial<OparlContext> = {}): OparlContext {
	return {
		baseUrl: BASE,
		fassung: null,
		slug: 'musterstadt',
		published: false,
		created: new Date('2026-01-05T08:00:00Z'),
		modified: new Date('2026-11-20T15:30:00Z'),
		mainFileText: 'Beschlussvorlage\n\nDer Rat beschließt die Digitale Agenda.',
		...overrides
	};
}

/** A small agenda with the resolution data a clerk fills in. */
function filledDocument() {
	const doc = new Y.Doc();
	initialiseAgenda(doc, {
		title: 'Digitale Agenda Musterstadt 2026–2030',
		municipality: 'Stadt Musterstadt',
		periodStart: 2026,
		periodEnd: 2030
	});
	setResolutionText(doc, 'reference', '2026/0123');
	setResolutionValue(doc, 'date', '2026-12-01');
	setResolutionText(doc, 'submitter', 'Bürgermeisterin');
	setResolutionText(doc, 'leadDepartment', 'Stabsstelle Digitalisierung');
	const ref = { collection: 'consultations' } as const;
	const first = addEntity(doc, ref, {
		body: TRICKY,
		date: '2027-01-12',
		role: 'vorberatung',
		result: 'empfohlen',
		votum: `einstimmig ${TRICKY}`
	});
	const second = addEntity(doc, ref, {
		body: 'Rat der Stadt',
		date: '2027-02-02',
		role: 'entscheidung'
	});
	return { doc, consultations: [first, second] };
}

function emptyDocument() {
	const doc = new Y.Doc();
	initialiseAgenda(doc, { title: '', municipality: '', periodStart: null, periodEnd: null });
	return doc;
}

function draftOf(doc: Y.Doc, source: DraftSource = { kind: 'draft' }) {
	const { agenda, problems } = readAgenda(doc);
	expect(problems).toEqual([]);
	return buildResolutionDraft({
		agenda,
		source,
		participation: SAMPLE_PARTICIPATION,
		decidingBody: null
	});
}

const FASSUNG: DraftSource = {
	kind: 'fassung',
	number: 2,
	name: 'Beschlussfassung',
	frozenAt: new Date('2026-11-01T10:00:00Z')
};

function files(paper: ReturnType<typeof oparlPaper>): OparlFile[] {
	return [...(paper.mainFile ? [paper.mainFile] : []), ...(paper.auxiliaryFile ?? [])];
}

describe('oparlPaper', () => {
	it('produces a Paper that our OParl 1.1 schema accepts', () => {
		const paper = oparlPaper(draftOf(filledDocument().doc), context());
		expect(validateOparl('Paper', paper).errors).toEqual([]);
		// Through JSON, as the route sends it.
		expect(validateOparl('Paper', JSON.parse(JSON.stringify(paper))).valid).toBe(true);
	});

	it('still validates with all resolution data missing, leaving out what is unknown', () => {
		const paper = oparlPaper(draftOf(emptyDocument()), context({ mainFileText: '' }));
		expect(validateOparl('Paper', paper).errors).toEqual([]);
		for (const key of [
			'reference',
			'date',
			'underDirectionOf',
			'originatorOrganization',
			'consultation'
		]) {
			expect(paper, key).not.toHaveProperty(key);
		}
		expect(JSON.stringify(paper)).not.toContain('null');
		expect(paper.name).toBe('Digitale Agenda');
		expect(paper.mainFile).not.toHaveProperty('date');
		expect(paper.mainFile).not.toHaveProperty('text');
		expect(files(paper).map((file) => file.name)).toEqual([
			'Beschlussvorlage – Entwurf',
			'Beschlussvorlage – Entwurf (Word)',
			'Anlage 1: Digitale Agenda',
			'Anlage 2: Finanzplan',
			'Anlage 3: Beteiligungsbericht'
		]);
		// Named as the download routes name them.
		expect(files(paper).map((file) => file.fileName)).toEqual([
			'Beschlussvorlage-musterstadt-Entwurf.pdf',
			'Beschlussvorlage-musterstadt-Entwurf.docx',
			'Anlage-1-Digitale-Agenda-musterstadt-Entwurf.pdf',
			'Anlage-2-Finanzplan-musterstadt-Entwurf.pdf',
			'Beteiligungsbericht-musterstadt-Fassung-1.pdf'
		]);
	});

	it('fills in the header of the Vorlage', () => {
		const paper = oparlPaper(draftOf(filledDocument().doc), context());
		expect(paper).toMatchObject({
			id: `${BASE}/export/oparl.json`,
			type: 'https://schema.oparl.org/1.1/Paper',
			name: 'Digitale Agenda Musterstadt 2026–2030',
			reference: '2026/0123',
			date: '2026-12-01',
			paperType: 'Beschlussvorlage',
			body: `${BASE}/oparl/body`,
			underDirectionOf: [`${BASE}/oparl/organization/stabsstelle-digitalisierung`],
			originatorOrganization: [`${BASE}/oparl/organization/buergermeisterin`],
			web: `${ORIGIN}/agenden/${AGENDA_ID}/beschlussvorlage`,
			created: '2026-01-05T09:00:00+01:00',
			modified: '2026-11-20T16:30:00+01:00'
		});
	});

	it('describes the Vorlage and its annexes as files', () => {
		const paper = oparlPaper(draftOf(filledDocument().doc), context());
		expect(paper.mainFile).toEqual({
			id: `${BASE}/oparl/file/beschlussvorlage-pdf`,
			type: 'https://schema.oparl.org/1.1/File',
			name: 'Beschlussvorlage 2026/0123',
			fileName: 'Beschlussvorlage-2026-0123.pdf',
			mimeType: 'application/pdf',
			date: '2026-12-01',
			text: 'Beschlussvorlage\n\nDer Rat beschließt die Digitale Agenda.',
			accessUrl: `${BASE}/export/beschlussvorlage.pdf?ansicht=inline`,
			downloadUrl: `${BASE}/export/beschlussvorlage.pdf`,
			created: '2026-01-05T09:00:00+01:00',
			modified: '2026-11-20T16:30:00+01:00'
		});
		expect(
			(paper.auxiliaryFile ?? []).map(({ name, fileName, mimeType, accessUrl }) => ({
				name,
				fileName,
				mimeType,
				accessUrl
			}))
		).toEqual([
			{
				name: 'Beschlussvorlage 2026/0123 (Word)',
				fileName: 'Beschlussvorlage-2026-0123.docx',
				mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
				accessUrl: `${BASE}/export/beschlussvorlage.docx?ansicht=inline`
			},
			{
				name: 'Anlage 1: Digitale Agenda Musterstadt 2026–2030',
				fileName: 'Anlage-1-Digitale-Agenda-2026-0123.pdf',
				mimeType: 'application/pdf',
				accessUrl: `${BASE}/export/agenda.pdf?ansicht=inline`
			},
			{
				name: 'Anlage 2: Finanzplan',
				fileName: 'Anlage-2-Finanzplan-2026-0123.pdf',
				mimeType: 'application/pdf',
				accessUrl: `${BASE}/export/finanzplan.pdf?ansicht=inline`
			},
			{
				name: 'Anlage 3: Beteiligungsbericht',
				fileName: 'Beteiligungsbericht-musterstadt-Fassung-1.pdf',
				mimeType: 'application/pdf',
				accessUrl: `${ORIGIN}/api/agendas/${AGENDA_ID}/export/beteiligungsbericht.pdf?fassung=1&ansicht=inline`
			}
		]);
		for (const file of files(paper)) {
			// §2-07: shown in place under accessUrl, downloaded under downloadUrl.
			expect(file.accessUrl).toBe(
				`${file.downloadUrl}${file.downloadUrl?.includes('?') ? '&' : '?'}ansicht=inline`
			);
			expect(file.name).not.toMatch(/\.(pdf|docx)$/);
		}
		// Every File has its own id.
		expect(new Set(files(paper).map((file) => file.id)).size).toBe(5);
	});

	it('carries the Beratungsfolge as embedded consultations', () => {
		const { doc, consultations } = filledDocument();
		const paper = oparlPaper(draftOf(doc), context());
		expect(paper.consultation).toEqual([
			{
				id: `${BASE}/oparl/consultation/${consultations[0]}`,
				type: 'https://schema.oparl.org/1.1/Consultation',
				organization: [`${BASE}/oparl/organization/netz-glasfaser-wlan`],
				role: 'Vorberatung',
				authoritative: false,
				keyword: ['empfohlen'],
				'agendawerk:result': 'empfohlen',
				'agendawerk:votum': `einstimmig ${TRICKY}`,
				created: '2026-01-05T09:00:00+01:00',
				modified: '2026-11-20T16:30:00+01:00'
			},
			{
				id: `${BASE}/oparl/consultation/${consultations[1]}`,
				type: 'https://schema.oparl.org/1.1/Consultation',
				organization: [`${BASE}/oparl/organization/rat-der-stadt`],
				role: 'Entscheidung',
				authoritative: true,
				created: '2026-01-05T09:00:00+01:00',
				modified: '2026-11-20T16:30:00+01:00'
			}
		]);
	});

	it('carries ?fassung=2 into the Paper, every file and every consultation', () => {
		const paper = oparlPaper(draftOf(filledDocument().doc, FASSUNG), context({ fassung: 2 }));
		expect(validateOparl('Paper', paper).errors).toEqual([]);
		expect(paper.id).toBe(`${BASE}/export/oparl.json?fassung=2`);
		expect(paper.web).toBe(`${ORIGIN}/agenden/${AGENDA_ID}/beschlussvorlage?fassung=2`);
		for (const file of files(paper)) {
			expect(file.id).toMatch(/\?fassung=2$/);
			if (file.name?.includes('Beteiligungsbericht')) continue;
			expect(file.accessUrl).toMatch(/\?fassung=2&ansicht=inline$/);
			expect(file.downloadUrl).toMatch(/\?fassung=2$/);
		}
		// The report is the one of the Fassung citizens commented on.
		expect(files(paper).map((file) => file.downloadUrl)).toContain(
			`${ORIGIN}/api/agendas/${AGENDA_ID}/export/beteiligungsbericht.pdf?fassung=1`
		);
		for (const consultation of paper.consultation ?? []) {
			expect(consultation.id).toMatch(/\?fassung=2$/);
			// Embedded: no back-reference to the Paper it is embedded in.
			expect(consultation).not.toHaveProperty('paper');
			expect(standaloneConsultation(consultation, paper, []).paper).toBe(paper.id);
		}
		// The body and the organisations are the same whatever the source.
		expect(paper.body).toBe(`${BASE}/oparl/body`);
		expect(paper.underDirectionOf).toEqual([
			`${BASE}/oparl/organization/stabsstelle-digitalisierung`
		]);
	});

	it('links a Fassung put to participation to its citizen page, which anyone may read', () => {
		const published = context({ fassung: 2, published: true });
		const paper = oparlPaper(draftOf(filledDocument().doc, FASSUNG), published);
		expect(validateOparl('Paper', paper).errors).toEqual([]);
		expect(paper.web).toBe(`${ORIGIN}/beteiligung/musterstadt?fassung=2`);
		const behindBase = context({
			fassung: 2,
			published: true,
			baseUrl: `${ORIGIN}/ris${BASE.slice(ORIGIN.length)}`
		});
		expect(oparlPaper(draftOf(filledDocument().doc, FASSUNG), behindBase).web).toBe(
			`${ORIGIN}/ris/beteiligung/musterstadt?fassung=2`
		);
		// Only a Fassung is ever published: the draft has no citizen page.
		expect(() => oparlPaper(draftOf(filledDocument().doc), context({ published: true }))).toThrow();
	});

	it('keeps a base path and takes a trailing slash', () => {
		const base = `${ORIGIN}/ris/api/agendas/${AGENDA_ID}/`;
		const paper = oparlPaper(draftOf(filledDocument().doc), context({ baseUrl: base }));
		expect(paper.id).toBe(`${ORIGIN}/ris/api/agendas/${AGENDA_ID}/export/oparl.json`);
		expect(paper.web).toBe(`${ORIGIN}/ris/agenden/${AGENDA_ID}/beschlussvorlage`);
		expect(() => oparlPaper(draftOf(emptyDocument()), context({ baseUrl: ORIGIN }))).toThrow();
	});

	it('lets tricky text survive unchanged through JSON', () => {
		const paper = oparlPaper(draftOf(filledDocument().doc), context());
		const json = JSON.stringify(paper);
		// No HTML escaping: OParl forbids it in JSON output.
		expect(json).toContain(TRICKY.replace(/"/g, '\\"'));
		const parsed = JSON.parse(json) as typeof paper;
		expect(parsed).toEqual(paper);
		expect(parsed.consultation?.[0]?.['agendawerk:votum']).toBe(`einstimmig ${TRICKY}`);
		const organization = oparlOrganizations(draftOf(filledDocument().doc), context()).find(
			(entry) => entry.organizationType === 'Gremium'
		);
		expect(JSON.parse(JSON.stringify(organization))).toMatchObject({ name: TRICKY });
	});
});

describe('meetings', () => {
	it('makes each dated step of the Beratungsfolge a Meeting of its Gremium with one AgendaItem', () => {
		const { doc, consultations } = filledDocument();
		const [first, second] = consultations;
		const meetings = oparlMeetings(draftOf(doc), context());
		expect(meetings).toEqual([
			{
				id: `${BASE}/oparl/meeting/${first}`,
				type: 'https://schema.oparl.org/1.1/Meeting',
				name: `${TRICKY}, Sitzung am 12.01.2027`,
				// The model knows the day only: the Meeting starts with it, in Berlin time.
				start: '2027-01-12T00:00:00+01:00',
				organization: [`${BASE}/oparl/organization/netz-glasfaser-wlan`],
				agendaItem: [
					{
						id: `${BASE}/oparl/agendaItem/${first}`,
						type: 'https://schema.oparl.org/1.1/AgendaItem',
						order: 0,
						name: 'Digitale Agenda Musterstadt 2026–2030',
						consultation: `${BASE}/oparl/consultation/${first}`,
						result: 'empfohlen',
						resolutionText: `einstimmig ${TRICKY}`,
						created: '2026-01-05T09:00:00+01:00',
						modified: '2026-11-20T16:30:00+01:00'
					}
				],
				created: '2026-01-05T09:00:00+01:00',
				modified: '2026-11-20T16:30:00+01:00'
			},
			{
				id: `${BASE}/oparl/meeting/${second}`,
				type: 'https://schema.oparl.org/1.1/Meeting',
				name: 'Rat der Stadt, Sitzung am 02.02.2027',
				start: '2027-02-02T00:00:00+01:00',
				organization: [`${BASE}/oparl/organization/rat-der-stadt`],
				agendaItem: [
					{
						id: `${BASE}/oparl/agendaItem/${second}`,
						type: 'https://schema.oparl.org/1.1/AgendaItem',
						order: 0,
						name: 'Digitale Agenda Musterstadt 2026–2030',
						consultation: `${BASE}/oparl/consultation/${second}`,
						// Not decided yet: neither result nor resolution text.
						created: '2026-01-05T09:00:00+01:00',
						modified: '2026-11-20T16:30:00+01:00'
					}
				],
				created: '2026-01-05T09:00:00+01:00',
				modified: '2026-11-20T16:30:00+01:00'
			}
		]);
		for (const meeting of meetings) {
			expect(validateOparl('Meeting', meeting).errors).toEqual([]);
			for (const item of meeting.agendaItem ?? []) {
				expect(validateOparl('AgendaItem', item).errors).toEqual([]);
			}
		}
	});

	it('has no Meeting for a step without a date, nor for a summer date off by the offset', () => {
		const doc = emptyDocument();
		addEntity(doc, { collection: 'consultations' }, { body: 'Rat', role: 'entscheidung' });
		const summer = addEntity(
			doc,
			{ collection: 'consultations' },
			{ date: '2027-07-01', role: 'kenntnisnahme', result: 'vertagt' }
		);
		const meetings = oparlMeetings(draftOf(doc), context({ fassung: 2 }));
		expect(meetings.map((meeting) => meeting.id)).toEqual([
			`${BASE}/oparl/meeting/${summer}?fassung=2`
		]);
		const [meeting] = meetings;
		// No Gremium named: no organization, and the name says only when.
		expect(meeting).not.toHaveProperty('organization');
		expect(meeting?.name).toBe('Sitzung am 01.07.2027');
		expect(meeting?.start).toBe('2027-07-01T00:00:00+02:00');
		expect(meeting?.agendaItem?.[0]).toMatchObject({
			id: `${BASE}/oparl/agendaItem/${summer}?fassung=2`,
			name: 'Digitale Agenda',
			consultation: `${BASE}/oparl/consultation/${summer}?fassung=2`,
			result: 'vertagt'
		});
		expect(validateOparl('Meeting', meeting).errors).toEqual([]);
	});

	it('links Consultation, Meeting and AgendaItem both ways when served on their own', () => {
		const { doc, consultations } = filledDocument();
		const draft = draftOf(doc);
		const paper = oparlPaper(draft, context());
		const meetings = oparlMeetings(draft, context());
		const [meeting] = meetings;
		const item = meeting?.agendaItem?.[0];
		if (!meeting || !item) throw new Error('no meeting');
		const alone = standaloneAgendaItem(item, meeting);
		expect(alone).toEqual({ ...item, meeting: meeting.id });
		expect(validateOparl('AgendaItem', alone).errors).toEqual([]);

		const consultation = paper.consultation?.[0];
		if (!consultation) throw new Error('no consultation');
		// Embedded in the Paper, a Consultation names neither its Meeting nor its AgendaItem.
		expect(consultation).not.toHaveProperty('meeting');
		expect(consultation).not.toHaveProperty('agendaItem');
		expect(standaloneConsultation(consultation, paper, meetings)).toEqual({
			...consultation,
			paper: paper.id,
			meeting: `${BASE}/oparl/meeting/${consultations[0]}`,
			agendaItem: `${BASE}/oparl/agendaItem/${consultations[0]}`
		});
	});

	it('starts a Meeting at its time once known, and numbers its AgendaItem with the TOP-Nr.', () => {
		const { doc, consultations } = filledDocument();
		const ref = { collection: 'consultations' } as const;
		const [first] = consultations;
		if (!first) throw new Error('Beratungsfolge fehlt');
		const before = oparlMeetings(draftOf(doc), context())[0];
		expect(before?.start).toBe('2027-01-12T00:00:00+01:00');
		expect(before?.agendaItem?.[0]).not.toHaveProperty('number');
		expect(setValue(doc, ref, first, 'time', '24:00')).toBe(false);
		expect(setValue(doc, ref, first, 'time', '18:30')).toBe(true);
		expect(setText(doc, ref, first, 'agendaItem', 'Ö 7.2')).toBe(true);
		const [meeting] = oparlMeetings(draftOf(doc), context());
		expect(meeting?.start).toBe('2027-01-12T18:30:00+01:00');
		expect(meeting?.agendaItem?.[0]?.number).toBe('Ö 7.2');
		expect(validateOparl('Meeting', meeting).errors).toEqual([]);
	});

	it('says nothing of public while nobody has decided it, as OParl knows no „undecided“', () => {
		const { doc } = filledDocument();
		const items = oparlMeetings(draftOf(doc), context()).flatMap(
			(meeting) => meeting.agendaItem ?? []
		);
		expect(items.length).toBeGreaterThan(0);
		for (const item of items) expect(item).not.toHaveProperty('public');
		setResolutionValue(doc, 'public', true);
		const decided = oparlMeetings(draftOf(doc), context()).flatMap(
			(meeting) => meeting.agendaItem ?? []
		);
		for (const item of decided) expect(item.public).toBe(true);
	});

	it('makes an AgendaItem of a non-public Vorlage non-public', () => {
		const { doc } = filledDocument();
		setResolutionValue(doc, 'public', false);
		const [meeting] = oparlMeetings(draftOf(doc), context());
		expect(meeting?.agendaItem?.[0]?.public).toBe(false);
	});
});

describe('organisations', () => {
	it('derives stable, URL-safe slugs from names', () => {
		expect(slugify('Ausschuss für Digitales')).toBe('ausschuss-fuer-digitales');
		expect(slugify('ÄÖÜ äöü ß ẞ')).toBe('aeoeue-aeoeue-ss-ss');
		// Decomposed umlauts (as some keyboards and Macs produce) give the same slug.
		expect(slugify('Ausschuss fu\u0308r Digitales')).toBe('ausschuss-fuer-digitales');
		expect(slugify('  Café  Élysée / Rat  ')).toBe('cafe-elysee-rat');
		expect(slugify(TRICKY)).toBe('netz-glasfaser-wlan');
		expect(slugify('🚀 <&> „“')).toBe('');
		fc.assert(
			fc.property(fc.string({ unit: 'grapheme' }), (name) => {
				const slug = slugify(name);
				expect(slug).toMatch(/^(?:[a-z0-9]+(?:-[a-z0-9]+)*)?$/);
				expect(slug.length).toBeLessThanOrEqual(80);
				expect(slugify(name)).toBe(slug);
				expect(encodeURIComponent(slug)).toBe(slug);
			})
		);
	});

	it('falls back to gremium-<n> when a name has no letter or digit', () => {
		const doc = emptyDocument();
		addEntity(doc, { collection: 'consultations' }, { body: 'Rat', role: 'entscheidung' });
		addEntity(doc, { collection: 'consultations' }, { body: '🚀', role: 'kenntnisnahme' });
		addEntity(doc, { collection: 'consultations' }, { body: '', role: 'vorberatung' });
		const paper = oparlPaper(draftOf(doc), context());
		expect(paper.consultation?.map((entry) => entry.organization)).toEqual([
			[`${BASE}/oparl/organization/rat`],
			[`${BASE}/oparl/organization/gremium-2`],
			// No body named: no organisation is made up.
			undefined
		]);
		expect(validateOparl('Paper', paper).errors).toEqual([]);
	});

	it('builds organisations of the right kind under the ids the Paper uses', () => {
		const draft = draftOf(filledDocument().doc);
		const paper = oparlPaper(draft, context());
		const organizations = oparlOrganizations(draft, context());
		const ids = organizations.map((organization) => organization.id);
		expect(ids).toEqual([
			...(paper.underDirectionOf ?? []),
			...(paper.originatorOrganization ?? []),
			...(paper.consultation ?? []).flatMap((entry) => entry.organization ?? [])
		]);
		expect(organizations.map((entry) => entry.organizationType)).toEqual([
			'Verwaltungsbereich',
			'Verwaltungsbereich',
			'Gremium',
			'Gremium'
		]);
		for (const organization of organizations) {
			expect(validateOparl('Organization', organization).errors).toEqual([]);
			expect(organization.body).toBe(`${BASE}/oparl/body`);
		}
		expect(oparlOrganization('Rat der Stadt', 'Gremium', context({ fassung: 2 }))).toEqual({
			id: `${BASE}/oparl/organization/rat-der-stadt`,
			type: 'https://schema.oparl.org/1.1/Organization',
			body: `${BASE}/oparl/body`,
			name: 'Rat der Stadt',
			organizationType: 'Gremium',
			// Its Sitzungen: an external list, the same whatever the source.
			meeting: `${BASE}/oparl/organization/rat-der-stadt/meeting`,
			created: '2026-01-05T09:00:00+01:00',
			modified: '2026-11-20T16:30:00+01:00'
		});
	});

	it('lists an organisation named twice once', () => {
		const doc = emptyDocument();
		setResolutionText(doc, 'leadDepartment', 'Rat');
		addEntity(doc, { collection: 'consultations' }, { body: 'Rat', role: 'entscheidung' });
		addEntity(doc, { collection: 'consultations' }, { body: 'rat', role: 'kenntnisnahme' });
		expect(oparlOrganizations(draftOf(doc), context()).map((entry) => entry.id)).toEqual([
			`${BASE}/oparl/organization/rat`
		]);
	});
});

describe('oparlBody', () => {
	it('describes the municipality with the lists OParl makes mandatory', () => {
		const body = oparlBody(draftOf(filledDocument().doc), context());
		expect(body).toEqual({
			id: `${BASE}/oparl/body`,
			type: 'https://schema.oparl.org/1.1/Body',
			name: 'Stadt Musterstadt',
			organization: `${BASE}/oparl/organization`,
			person: `${BASE}/oparl/person`,
			meeting: `${BASE}/oparl/meeting`,
			paper: `${BASE}/oparl/paper`,
			agendaItem: `${BASE}/oparl/agendaItem`,
			consultation: `${BASE}/oparl/consultation`,
			file: `${BASE}/oparl/file`,
			membership: `${BASE}/oparl/membership`,
			locationList: `${BASE}/oparl/location`,
			legislativeTermList: `${BASE}/oparl/legislativeTerm`,
			legislativeTerm: [],
			created: '2026-01-05T09:00:00+01:00',
			modified: '2026-11-20T16:30:00+01:00'
		});
		expect(validateOparl('Body', body).errors).toEqual([]);
		const unnamed = oparlBody(draftOf(emptyDocument()), context());
		expect(unnamed.name).toBe('Kommune');
		expect(validateOparl('Body', unnamed).errors).toEqual([]);
	});
});

describe('oparlSystem', () => {
	it('is the entry point, pointing at the list of bodies', () => {
		const system = oparlSystem(context());
		expect(system).toEqual({
			id: `${BASE}/oparl/system`,
			type: 'https://schema.oparl.org/1.1/System',
			oparlVersion: 'https://schema.oparl.org/1.1/',
			body: `${BASE}/oparl/bodies`,
			name: 'Agendawerk',
			created: '2026-01-05T09:00:00+01:00',
			modified: '2026-11-20T16:30:00+01:00'
		});
		expect(validateOparl('System', system).errors).toEqual([]);
	});
});
