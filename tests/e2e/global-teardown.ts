import { rmSync } from 'node:fs';

/** Removes the temporary data directory that playwright.config.ts made for the test server. */
export default function globalTeardown(): void {
	const dir = process.env.AGENDAWERK_E2E_DIR;
	if (dir) rmSync(dir, { recursive: true, force: true });
}
