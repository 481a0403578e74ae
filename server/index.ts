/**
 * Production entry (`npm start`): migrates and seeds the database, then serves the adapter-node
 * handler on one HTTP server that will also carry the collab websocket (`/collab/<agendaId>`).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { readConfig } from '../src/lib/server/config';
import { closeDatabase } from '../src/lib/server/db/connection';
import { databaseUrlProblem } from '../src/lib/server/db/dialect';
import {
	isPublicReaderPath,
	pageKey,
	sharedPublicPageCache
} from '../src/lib/server/public-page-cache';
import { SECURITY_HEADERS } from '../src/lib/server/security-headers';
import { findUserByEmail } from '../src/lib/server/accounts/users';
import { DEMO_ACCOUNTS } from '../src/lib/server/demo/accounts';
import { BEISPIELHAUSEN_ACCOUNTS } from '../src/lib/server/demo/beispielhausen';
import { prepareDatabase } from '../src/lib/server/startup';
import { createAgendaCollabServer } from '../src/lib/server/collab/agenda-collab';
import { startBackgroundWork, type BackgroundWork } from '../src/lib/server/background';
import { smtpUrlProblem } from '../src/lib/server/mail/transport';
import { isUnsubscribePost } from '../src/lib/server/notifications/one-click';
import { clusterBus, installClusterBus, redisBus } from '../src/lib/server/redis/bus';
import { redisUrlProblem } from '../src/lib/server/redis/client';
import {
	installRedisCommands,
	openRedisCommands,
	redisCommands
} from '../src/lib/server/redis/commands';
import { installRelays } from '../src/lib/server/redis/relays';
import { installRenderWorker } from '../src/lib/server/export/render-workers';

type Handler = (req: IncomingMessage, res: ServerResponse, next?: () => void) => void;

const config = readConfig();
const databaseProblem = config.databaseUrl ? databaseUrlProblem(config.databaseUrl) : null;
if (databaseProblem) {
	console.error(databaseProblem);
	process.exit(1);
}
const redisProblem = config.redisUrl ? redisUrlProblem(config.redisUrl) : null;
if (redisProblem) {
	console.error(redisProblem);
	process.exit(1);
}
const smtpProblem = config.mail.smtpUrl ? smtpUrlProblem(config.mail.smtpUrl) : null;
if (smtpProblem) {
	console.error(smtpProblem);
	process.exit(1);
}
if (config.mail.smtpUrl && !config.mail.linkOrigin) {
	// Links in mails would follow the request's Host header, which the requester chooses.
	console.error('SMTP_URL braucht ORIGIN: Links in E-Mails zeigen auf diese öffentliche Adresse.');
	process.exit(1);
}
// Exports render in worker threads: the bundled worker lies beside the bundled entry.
if (!installRenderWorker(new URL('./render-worker.js', import.meta.url))) {
	console.error('build/render-worker.js fehlt: erst `npm run build`.');
	process.exit(1);
}
const db = await prepareDatabase(config, (line) => console.log(line));
// Before SvelteKit's bundle loads: its modules reach the bus through globalThis.
if (config.redisUrl) {
	const log = (line: string) => console.warn(line);
	const bus = redisBus(config.redisUrl, log);
	installClusterBus(bus);
	installRedisCommands(openRedisCommands(config.redisUrl, log));
	installRelays(bus);
}

/**
 * Without ORIGIN, the public origin is what the browser used: the protocol of this socket and its
 * Host header. Kit's CSRF check compares form posts against it, and cookies get `Secure` exactly
 * when it is https. A client cannot forge the protocol header: it is overwritten on every request.
 * Behind a TLS-terminating proxy, set ORIGIN.
 */
const PROTOCOL_HEADER = 'x-agendawerk-socket-protocol';
if (!process.env.ORIGIN) process.env.PROTOCOL_HEADER = PROTOCOL_HEADER;

/**
 * A monitoring import posts its file once (the import that follows the dry run posts a token): it
 * must fit adapter-node's request limit (`BODY_SIZE_LIMIT`, 512 KB unless set) with the form
 * around it, or the import page cannot answer in German. The limit is not raised here: it holds
 * for every form, and a larger one let a big body that an action never reads break the client's
 * next request on the same connection.
 */
const bodyLimit = Number(process.env.BODY_SIZE_LIMIT ?? 512 * 1024);
const importBodyBytes = config.monitoringImportMaxBytes + 32 * 1024;
if (Number.isFinite(bodyLimit) && importBodyBytes > bodyLimit) {
	console.warn(
		`MONITORING_IMPORT_MAX_KB passt nicht zu BODY_SIZE_LIMIT: bitte BODY_SIZE_LIMIT auf mindestens ${importBodyBytes} Bytes setzen.`
	);
}

// Imported only after migration and after the env is final: adapter-node reads it at import.
const handlerPath = pathToFileURL(resolve('build/handler.js')).href;
const { handler } = (await import(handlerPath)) as { handler: Handler };

// Created here first, so that SvelteKit's hooks (which fill it) and this entry share one.
const publicPages = sharedPublicPageCache(config.publicPageCacheMs);

/**
 * A participation or progress page that an anonymous reader got a moment ago goes out again as stored,
 * without SvelteKit: for a hit, wrapping the same bytes in a Request and a Response cost more
 * than sending them. Only GET; misses and everything else go to Kit, which fills the cache.
 */
function answerFromCache(req: IncomingMessage, res: ServerResponse): boolean {
	if (
		req.method !== 'GET' ||
		!publicPages.enabled ||
		req.url === undefined ||
		!isPublicReaderPath(req.url)
	) {
		return false;
	}
	const { pathname, search } = new URL(req.url, 'http://localhost');
	const page = publicPages.lookup(pageKey('GET', pathname + search, req.headers.cookie));
	if (!page) return false;
	res.writeHead(page.status, page.headers.flat());
	res.end(page.body);
	return true;
}

/**
 * The handler serves the static files (`/_app/…`, `/favicon.svg`) itself, before SvelteKit and
 * its hooks: they get the security headers here. SvelteKit's responses set the same headers,
 * which replace these. No CSP here: it would also go out with SvelteKit's 304 for a page, and
 * browsers merge a 304's headers into the page they kept, replacing the page's own CSP (scripts
 * and styles blocked). Files need none; pages and SvelteKit's other responses get theirs in
 * the hooks.
 */
function setSecurityHeaders(res: ServerResponse): void {
	for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
}

const server = createServer((req, res) => {
	if (answerFromCache(req, res)) return;
	setSecurityHeaders(res);
	if (!process.env.ORIGIN) {
		req.headers[PROTOCOL_HEADER] =
			'encrypted' in req.socket && req.socket.encrypted ? 'https' : 'http';
	}
	if (isUnsubscribePost(req.method, req.url)) {
		// RFC 8058 one-click unsubscribe comes from the mail provider's server without an Origin;
		// the token in the path authorizes it, not a cookie, so Kit's CSRF check has nothing to
		// protect here (see one-click.ts). Every other POST keeps the check.
		req.headers.origin =
			process.env.ORIGIN || `${String(req.headers[PROTOCOL_HEADER])}://${req.headers.host}`;
	}
	handler(req, res);
});

const collab = createAgendaCollabServer(db, {
	allowedOrigin: process.env.ORIGIN || null,
	...config.collab
});
server.on('upgrade', (request, socket, head) => {
	if (!collab.handleUpgrade(request, socket, head)) socket.destroy();
});

let background: BackgroundWork | undefined;

server.listen(config.port, config.host, () => {
	const { port } = server.address() as AddressInfo;
	const origin = process.env.ORIGIN ? ` (öffentlich: ${process.env.ORIGIN})` : '';
	console.log(`Agendawerk läuft auf http://localhost:${port}${origin}`);
	// Started once the port is known: without ORIGIN, links in mails point here.
	background = startBackgroundWork(db, config, `http://localhost:${port}`);
	listDemoAccounts().catch((error: unknown) =>
		console.error(`Demo-Zugänge nicht gelesen: ${String(error)}`)
	);
});

/** The demo accounts that exist, for the start banner. */
async function listDemoAccounts() {
	const demo = [];
	for (const account of [...DEMO_ACCOUNTS, ...BEISPIELHAUSEN_ACCOUNTS]) {
		if (await findUserByEmail(db, account.email)) demo.push(account);
	}
	if (demo.length > 0) {
		const password = config.demoPasswordIsDefault ? config.demoPassword : '(DEMO_PASSWORD)';
		console.log(`Demo-Zugänge (Passwort: ${password}):`);
		for (const account of demo) console.log(`  ${account.email}  ${account.displayName}`);
	}
}

async function shutdown(signal: string) {
	console.log(`${signal}: Agendawerk wird beendet …`);
	// A hung connection must not keep a deploy waiting for ever.
	setTimeout(() => process.exit(0), 5000).unref();
	// Editors first: their documents are compacted and flushed before the database closes.
	await collab.close();
	await background?.stop();
	await clusterBus().close();
	redisCommands()?.disconnect();
	server.close(() => {
		void closeDatabase(db).finally(() => process.exit(0));
	});
	server.closeAllConnections();
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
