import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { paraglideOptions } from './paraglide.config.ts';
import { agendawerkDevServer } from './server/dev-plugin.ts';

export default defineConfig({
	plugins: [
		// Not under Vitest: its file watching kept every test run open ten seconds after the end
		// ("close timed out"); `npm run test:unit` compiles the messages first instead. Nor in the
		// test's `vite dev` (AGENDAWERK_MESSAGES_COMPILED): it would rewrite src/lib/paraglide
		// while the other tests' servers import from it.
		!process.env.VITEST &&
			!process.env.AGENDAWERK_MESSAGES_COMPILED &&
			paraglideVitePlugin(paraglideOptions),
		sveltekit(),
		agendawerkDevServer()
	],
	test: {
		projects: [
			{
				extends: './vite.config.ts',
				test: {
					name: 'unit',
					environment: 'node',
					include: ['src/**/*.test.ts', 'server/**/*.test.ts']
				}
			},
			{
				extends: './vite.config.ts',
				test: {
					name: 'http',
					environment: 'node',
					include: ['tests/http/**/*.test.ts'],
					// Each file starts its own production server; two at a time suit two cores.
					maxWorkers: 2,
					// Vitest 4 runs projects with different maxWorkers only in separate groups: the
					// unit tests (group 0) first, then these, so that `vitest run` runs both.
					sequence: { groupOrder: 1 },
					testTimeout: 30_000,
					hookTimeout: 60_000
				}
			}
		]
	}
});
