import { describe, expect, it } from 'vitest';
import { match } from './oparl';

describe('oparl matcher', () => {
	it.each([
		'body',
		'organization',
		'paper',
		'person',
		'meeting',
		'organization/ausschuss-fuer-digitales',
		'consultation/abcdefghijklmnop',
		'file/beschlussvorlage-pdf'
	])('accepts %j', (param) => {
		expect(match(param)).toBe(true);
	});

	it.each([
		'',
		'bodies',
		'body/x',
		'paper/x',
		'file/',
		'file/a/b',
		'organization/a/b',
		'consultation',
		'file',
		'__proto__'
	])('refuses %j', (param) => {
		expect(match(param)).toBe(false);
	});
});
