/**
 * End-to-end tests in Debian's Chromium against the production build (`npm run build` first):
 * `build/agendawerk.js` (the bundled `server/index.ts`) on a free port with a fresh SQLite file,
 * seeded with the Musterstadt demo.
 */
import { defineConfig, devices } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Playwright evaluates this file in its main process and again in every worker: the port and the
// data directory are chosen once, in the main process, and handed to the workers through the env.
if (!process.env.AGENDAWERK_E2E_PORT) {
	// Synchronous on purpose (the config cannot await): a child process asks the OS for a free port.
	process.env.AGENDAWERK_E2E_PORT = execFileSync(
		process.execPath,
		[
			'-e',
			"const s = require('node:net').createServer().listen(0, '127.0.0.1', () => " +
				'{ process.stdout.write(String(s.address().port)); s.close(); });'
		],
		{ encoding: 'utf8' }
	).trim();
	process.env.AGENDAWERK_E2E_DIR = mkdtempSync(join(tmpdir(), 'agendawerk-e2e-'));
	removeFinishedPassedRuns();
}
const port = process.env.AGENDAWERK_E2E_PORT;
const dataDir = process.env.AGENDAWERK_E2E_DIR ?? '';
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: false,
	forbidOnly: !!process.env.CI,
	retries: 0,
	workers: 2,
	// The tests are whole journeys with several axe scans each: on two busy cores one takes up
	// to half a minute, and a failure should mean a defect, not a slow machine.
	timeout: 60_000,
	expect: { timeout: 5_000 },
	reporter: process.env.CI ? 'line' : 'list',
	// Playwright empties its output folder when it starts: with one folder per run, two runs in
	// the same working tree (two people, or a person and an agent) cannot delete each other's traces.
	outputDir: `test-results/e2e-${port}`,
	globalTeardown: './tests/e2e/global-teardown.ts',
	use: {
		baseURL,
		locale: 'de-DE',
		timezoneId: 'Europe/Berlin',
		trace: 'retain-on-failure',
		launchOptions: { executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] }
	},
	projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }],
	webServer: {
		command: 'node build/agendawerk.js',
		url: `${baseURL}/healthz`,
		reuseExistingServer: false,
		timeout: 60_000,
		stdout: 'ignore',
		stderr: 'pipe',
		env: {
			NODE_ENV: 'production',
			PORT: port ?? '',
			HOST: '127.0.0.1',
			DATABASE_PATH: join(dataDir, 'agendawerk.db'),
			// Every test registers and logs in from 127.0.0.1: the production limits would trip.
			RATE_LIMIT_LOGIN_PER_IP: '1000',
			RATE_LIMIT_LOGIN_PER_EMAIL: '1000',
			RATE_LIMIT_REGISTRATION_PER_IP: '1000',
			RATE_LIMIT_REGISTRATION_PER_EMAIL: '1000',
			RATE_LIMIT_COMMENTS_PER_USER: '1000'
		}
	}
});

/**
 * Each run has its own output folder (see `outputDir`). Folders of earlier runs that finished and
 * passed hold nothing but Playwright's `.last-run.json`: those go; failed runs keep their traces,
 * and folders of runs still going (no `.last-run.json` yet) are never touched.
 */
function removeFinishedPassedRuns(): void {
	let runs: string[];
	try {
		runs = readdirSync('test-results').filter((name) => name.startsWith('e2e-'));
	} catch {
		return;
	}
	for (const run of runs) {
		const folder = join('test-results', run);
		try {
			const entries = readdirSync(folder);
			const lastRun = JSON.parse(readFileSync(join(folder, '.last-run.json'), 'utf8')) as {
				status?: string;
			};
			if (entries.length === 1 && lastRun.status === 'passed') {
				rmSync(folder, { recursive: true, force: true });
			}
		} catch {
			// Not finished yet, or not ours to judge: leave it.
		}
	}
}
