import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The nginx configuration of the production setup (README „Betrieb“) is what nginx accepts:
 * `deploy/nginx/check.sh` runs `nginx -t` on it with a throwaway certificate. `.ci/run` installs
 * nginx; where it is missing (exit 3) the test says so instead of passing.
 */
const CONFIG = resolve('deploy/nginx/agendawerk.conf');
const check = (config: string) =>
	spawnSync('bash', [resolve('deploy/nginx/check.sh'), config], { encoding: 'utf8' });
const nginxInstalled = spawnSync('nginx', ['-v']).status === 0;

describe.runIf(nginxInstalled)('deploy/nginx/agendawerk.conf', () => {
	const dir = mkdtempSync(join(tmpdir(), 'agendawerk-nginx-'));
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	it('passes nginx -t', () => {
		const result = check(CONFIG);
		expect(result.stderr + result.stdout).toContain('gültig');
		expect(result.status).toBe(0);
	});

	it('routes the websockets of one agenda to one process and sends the upgrade headers', () => {
		const config = readFileSync(CONFIG, 'utf8');
		expect(config).toMatch(/hash \$collab_document consistent;/);
		expect(config).toMatch(/proxy_set_header Upgrade\s+\$http_upgrade;/);
		expect(config).toMatch(/proxy_set_header Connection\s+\$connection_upgrade;/);
	});

	it('fails for a configuration nginx would refuse, so that the check can fail', () => {
		const broken = join(dir, 'kaputt.conf');
		writeFileSync(broken, readFileSync(CONFIG, 'utf8').replace('least_conn;', 'least_conn'));
		const result = check(broken);
		expect(result.status).toBe(1);
	});
});

describe.runIf(!nginxInstalled)('deploy/nginx/agendawerk.conf without nginx', () => {
	it.skip('is checked where nginx is installed (.ci/run installs it)', () => {});
});
