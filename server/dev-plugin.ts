import type { Plugin } from 'vite';

/**
 * `npm run dev`: migrates and seeds before Vite serves the first request, as `server/index.ts`
 * does in production. The modules load through Vite's SSR pipeline, so the config itself stays
 * free of database code. The collab websocket will hook the dev server's `upgrade` here too.
 */
export function agendawerkDevServer(): Plugin {
	return {
		name: 'agendawerk-dev-server',
		apply: 'serve',
		async configureServer(server) {
			if (process.env.VITEST) return;
			const { readConfig } = (await server.ssrLoadModule(
				'/src/lib/server/config.ts'
			)) as typeof import('../src/lib/server/config');
			const { prepareDatabase } = (await server.ssrLoadModule(
				'/src/lib/server/startup.ts'
			)) as typeof import('../src/lib/server/startup');
			const db = await prepareDatabase(readConfig(), (line) => console.log(line));
			db.$client.close();
		}
	};
}
