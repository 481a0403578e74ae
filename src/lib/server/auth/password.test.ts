import { describe, expect, it } from 'vitest';
import { hashPassword, verifyAgainstDummy, verifyPassword } from './password';

describe('password hashing', () => {
	it('produces an argon2id hash with the configured parameters and a random salt', async () => {
		const first = await hashPassword('richtig-langes-passwort');
		const second = await hashPassword('richtig-langes-passwort');
		expect(first.startsWith('$argon2id$')).toBe(true);
		expect(first).toContain('m=19456,t=2,p=1');
		expect(first).not.toContain('richtig-langes-passwort');
		expect(second).not.toBe(first);
	});

	it('verifies the right password and refuses a wrong one', async () => {
		const stored = await hashPassword('richtig-langes-passwort');
		expect(await verifyPassword(stored, 'richtig-langes-passwort')).toBe(true);
		expect(await verifyPassword(stored, 'falsches-langes-passwort')).toBe(false);
		expect(await verifyPassword(stored, '')).toBe(false);
	});

	it('reads a malformed stored hash as a wrong password instead of throwing', async () => {
		expect(await verifyPassword('not-a-hash', 'richtig-langes-passwort')).toBe(false);
	});

	it('verifyAgainstDummy always answers false', async () => {
		expect(await verifyAgainstDummy('agendawerk-timing-equaliser')).toBe(false);
		expect(await verifyAgainstDummy('irgendein-passwort')).toBe(false);
	});
});
