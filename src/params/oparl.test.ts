import { describe, expect, it } from 'vitest';
import { match } from './oparl';

describe('oparl matcher', () => {
	it.each([
		'system',
		'body',
		'bodies',
		'organization',
		'paper',
		'person',
		'meeting',
		// The lists OParl 1.1 adds to the Body.
		'agendaItem',
		'consultation',
		'file',
		'membership',
		'location',
		'legislativeTerm',
		'organization/ausschuss-fuer-digitales',
		// An organisation's list of Sitzungen.
		'organization/ausschuss-fuer-digitales/meeting',
		'consultation/abcdefghijklmnop',
		'meeting/abcdefghijklmnop',
		'agendaItem/abcdefghijklmnop',
		'file/beschlussvorlage-pdf'
	])('accepts %j', (param) => {
		expect(match(param)).toBe(true);
	});

	it.each([
		'',
		'body/x',
		'system/x',
		'bodies/x',
		'paper/x',
		'file/',
		'file/a/b',
		'organization/a/b',
		'meeting/a/b',
		'meeting/a/meeting',
		'organization/a/paper',
		'organization//meeting',
		'organization/a/meeting/x',
		'__proto__',
		'toString'
	])('refuses %j', (param) => {
		expect(match(param)).toBe(false);
	});
});
