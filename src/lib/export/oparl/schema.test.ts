import { describe, expect, it } from 'vitest';
import { validateOparl } from './validate';

const STAMPS = { created: '2026-01-05T10:00:00+01:00', modified: '2026-02-01T12:30:00+01:00' };

function file(overrides: Record<string, unknown> = {}) {
	return {
		id: 'https://ris.example.org/files/1',
		type: 'https://schema.oparl.org/1.1/File',
		accessUrl: 'https://ris.example.org/files/1.pdf',
		...STAMPS,
		...overrides
	};
}

function consultation(overrides: Record<string, unknown> = {}) {
	return {
		id: 'https://ris.example.org/consultation/1',
		type: 'https://schema.oparl.org/1.1/Consultation',
		organization: ['https://ris.example.org/organization/rat'],
		role: 'Entscheidung',
		authoritative: true,
		...STAMPS,
		...overrides
	};
}

/** The smallest Paper OParl 1.1 accepts, plus one embedded file and consultation. */
function paper(overrides: Record<string, unknown> = {}) {
	return {
		id: 'https://ris.example.org/paper/1',
		type: 'https://schema.oparl.org/1.1/Paper',
		mainFile: file(),
		consultation: [consultation()],
		...STAMPS,
		...overrides
	};
}

function without(value: Record<string, unknown>, key: string) {
	const copy = { ...value };
	delete copy[key];
	return copy;
}

describe('OParl 1.1 schema', () => {
	it('accepts a minimal Paper', () => {
		const result = validateOparl('Paper', {
			id: 'https://ris.example.org/paper/1',
			type: 'https://schema.oparl.org/1.1/Paper',
			...STAMPS
		});
		expect(result).toEqual({ valid: true, errors: [] });
		expect(validateOparl('Paper', paper())).toEqual({ valid: true, errors: [] });
	});

	it('accepts self-hosted addresses and vendor extensions', () => {
		const local = paper({
			id: 'http://localhost:3000/api/agendas/abc/export/oparl.json?fassung=2',
			body: 'http://192.168.1.20/oparl/body',
			'agendawerk:anything': { nested: true }
		});
		expect(validateOparl('Paper', local).errors).toEqual([]);
	});

	it.each([
		['without id', without(paper(), 'id'), "must have required property 'id'"],
		['with a wrong type', paper({ type: 'https://schema.oparl.org/1.0/Paper' }), '/type'],
		['with an OParl 1.0 type URL', paper({ type: 'http://oparl.org/schema/1.0/Paper' }), '/type'],
		['without created', without(paper(), 'created'), "required property 'created'"],
		['with created not a date-time', paper({ created: '2026-01-05' }), '/created'],
		['with modified without a zone', paper({ modified: '2026-01-05T09:00:00' }), '/modified'],
		// §2-04: exactly yyyy-mm-ddThh:mm:ss±hh:mm, which JSON Schema's date-time is laxer about.
		['with created in UTC as Z', paper({ created: '2026-01-05T09:00:00Z' }), '/created'],
		[
			'with created to the millisecond',
			paper({ created: '2026-01-05T09:00:00.786+00:00' }),
			'/created'
		],
		['with created on no real day', paper({ created: '2026-02-30T09:00:00+01:00' }), '/created'],
		['with a date that is no day', paper({ date: '1.12.2026' }), '/date'],
		['with an id that is no URL', paper({ id: 'paper-1' }), '/id'],
		[
			'with a non-URL accessUrl in mainFile',
			paper({ mainFile: file({ accessUrl: 'Beschlussvorlage.pdf' }) }),
			'/mainFile/accessUrl'
		],
		[
			'with an embedded File lacking accessUrl',
			paper({ auxiliaryFile: [without(file(), 'accessUrl')] }),
			'/auxiliaryFile/0'
		],
		[
			'with an embedded File lacking modified',
			paper({ mainFile: without(file(), 'modified') }),
			'/mainFile'
		],
		[
			'with a Consultation whose authoritative is "ja"',
			paper({ consultation: [consultation({ authoritative: 'ja' })] }),
			'/consultation/0/authoritative'
		],
		[
			'with a Consultation naming its organisation without a list',
			paper({ consultation: [consultation({ organization: 'https://ris.example.org/o/1' })] }),
			'/consultation/0/organization'
		],
		['with deleted not a boolean', paper({ deleted: 'nein' }), '/deleted'],
		['with keyword not a list', paper({ keyword: 'Digitales' }), '/keyword']
	])('rejects a Paper %s', (_, value, expected) => {
		const result = validateOparl('Paper', value);
		expect(result.valid).toBe(false);
		expect(result.errors.join('\n')).toContain(expected);
	});

	it('knows the mandatory lists of a Body', () => {
		const body = {
			id: 'https://ris.example.org/body/1',
			type: 'https://schema.oparl.org/1.1/Body',
			name: 'Musterstadt',
			organization: 'https://ris.example.org/body/1/organization',
			person: 'https://ris.example.org/body/1/person',
			meeting: 'https://ris.example.org/body/1/meeting',
			paper: 'https://ris.example.org/body/1/paper',
			agendaItem: 'https://ris.example.org/body/1/agendaItem',
			consultation: 'https://ris.example.org/body/1/consultation',
			file: 'https://ris.example.org/body/1/file',
			membership: 'https://ris.example.org/body/1/membership',
			locationList: 'https://ris.example.org/body/1/location',
			legislativeTermList: 'https://ris.example.org/body/1/legislativeTerm',
			legislativeTerm: [],
			...STAMPS
		};
		expect(validateOparl('Body', body).errors).toEqual([]);
		// The six lists OParl 1.1 added (§4-01) are as mandatory as the older ones.
		for (const key of [
			'name',
			'organization',
			'person',
			'meeting',
			'paper',
			'agendaItem',
			'consultation',
			'file',
			'membership',
			'locationList',
			'legislativeTermList',
			'legislativeTerm'
		]) {
			expect(validateOparl('Body', without(body, key)).valid, key).toBe(false);
		}
		expect(
			validateOparl('Body', { ...body, legislativeTerm: [{ id: 'https://x.example/lt/1' }] }).valid
		).toBe(false);
	});

	it('knows the System, the entry point', () => {
		const system = {
			id: 'https://ris.example.org/oparl/system',
			type: 'https://schema.oparl.org/1.1/System',
			oparlVersion: 'https://schema.oparl.org/1.1/',
			body: 'https://ris.example.org/oparl/bodies',
			...STAMPS
		};
		expect(validateOparl('System', system).errors).toEqual([]);
		for (const key of ['oparlVersion', 'body', 'created']) {
			expect(validateOparl('System', without(system, key)).valid, key).toBe(false);
		}
		expect(validateOparl('System', { ...system, oparlVersion: '1.1' }).valid).toBe(false);
	});

	it('knows the page of an external object list', () => {
		const page = {
			data: [file()],
			pagination: { totalElements: 1, elementsPerPage: 1, currentPage: 1, totalPages: 1 },
			links: {}
		};
		expect(validateOparl('ListPage', page).errors).toEqual([]);
		expect(validateOparl('ListPage', without(page, 'pagination')).valid).toBe(false);
		expect(validateOparl('ListPage', { ...page, data: [{ id: 'x' }] }).valid).toBe(false);
	});

	it('checks the organisation type against the values OParl names', () => {
		const organization = {
			id: 'https://ris.example.org/organization/1',
			type: 'https://schema.oparl.org/1.1/Organization',
			organizationType: 'Gremium',
			...STAMPS
		};
		expect(validateOparl('Organization', organization).errors).toEqual([]);
		expect(
			validateOparl('Organization', { ...organization, organizationType: 'Ausschuss' }).valid
		).toBe(false);
	});

	it('validates a File and a Consultation on their own', () => {
		expect(validateOparl('File', file()).valid).toBe(true);
		expect(validateOparl('File', file({ size: 1.5 })).valid).toBe(false);
		expect(validateOparl('Consultation', consultation()).valid).toBe(true);
		expect(validateOparl('Consultation', consultation({ paper: 'nope' })).valid).toBe(false);
	});

	it('knows a Meeting with its embedded AgendaItems', () => {
		const item = {
			id: 'https://ris.example.org/agendaItem/1',
			type: 'https://schema.oparl.org/1.1/AgendaItem',
			order: 0,
			number: '10.1',
			public: true,
			consultation: 'https://ris.example.org/consultation/1',
			result: 'empfohlen',
			resolutionText: 'einstimmig',
			...STAMPS
		};
		const meeting = {
			id: 'https://ris.example.org/meeting/1',
			type: 'https://schema.oparl.org/1.1/Meeting',
			name: 'Rat, Sitzung am 02.02.2027',
			start: '2027-02-02T18:00:00+01:00',
			organization: ['https://ris.example.org/organization/rat'],
			agendaItem: [item],
			...STAMPS
		};
		expect(validateOparl('Meeting', meeting).errors).toEqual([]);
		expect(validateOparl('AgendaItem', item).errors).toEqual([]);
		// `order` is mandatory for an AgendaItem, and a whole number.
		expect(validateOparl('AgendaItem', without(item, 'order')).valid).toBe(false);
		expect(validateOparl('AgendaItem', { ...item, order: 0.5 }).valid).toBe(false);
		// Embedded items are checked too.
		expect(validateOparl('Meeting', { ...meeting, agendaItem: [without(item, 'id')] }).valid).toBe(
			false
		);
		expect(validateOparl('Meeting', { ...meeting, start: '2027-02-02' }).valid).toBe(false);
		expect(validateOparl('Meeting', without(meeting, 'created')).valid).toBe(false);
		expect(
			validateOparl('Meeting', { ...meeting, type: 'https://schema.oparl.org/1.1/Paper' }).valid
		).toBe(false);
	});
});
