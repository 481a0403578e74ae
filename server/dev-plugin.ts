import type { Plugin } from 'vite';

/**
 * `npm run dev`: migrates and seeds before Vite serves the first request, as `server/index.ts`
 * does in production. The modules load through Vite's SSR pipeline, so the config itself stays
 * free of database code. The collab websocket hooks the dev server's `upgrade`, and the background
 * (mail delivery, notifications, session cleanup) starts once it listens, as `server/index.ts`
 * does in production.
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
			const config = readConfig();
			const db = await prepareDatabase(config, (line) => console.log(line));
			const { createAgendaCollabServer } = (await server.ssrLoadModule(
				'/src/lib/server/collab/agenda-collab.ts'
			)) as typeof import('../src/lib/server/collab/agenda-collab');
			const collab = createAgendaCollabServer(db, { allowedOrigin: null, ...config.collab });
			// Vite's own HMR websocket shares this server; only `/collab/…` upgrades are ours.
			server.httpServer?.on('upgrade', (request, socket, head) => {
				collab.handleUpgrade(request, socket, head);
			});
			const { closeDatabase } = (await server.ssrLoadModule(
				'/src/lib/server/db/connection.ts'
			)) as typeof import('../src/lib/server/db/connection');
			const { startBackgroundWork } = (await server.ssrLoadModule(
				'/src/lib/server/background.ts'
			)) as typeof import('../src/lib/server/background');
			let background: import('../src/lib/server/background').BackgroundWork | undefined;
			server.httpServer?.once('listening', () => {
				const address = server.httpServer?.address();
				const port = typeof address === 'object' && address ? address.port : config.port;
				background = startBackgroundWork(db, config, `http://localhost:${port}`);
			});
			server.httpServer?.on('close', () => {
				void collab
					.close()
					.then(() => background?.stop())
					.then(() => closeDatabase(db));
			});
		}
	};
}
