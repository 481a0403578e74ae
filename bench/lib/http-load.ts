import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';

/** Page load for the parts that measure pages against the node:http ceiling. */
export interface Load {
	rps: number;
	p99Ms: number;
	non2xx: number;
}

export async function load(url: string, seconds: number): Promise<Load> {
	const result = await autocannon({ url, connections: 10, duration: seconds });
	return { rps: result.requests.average, p99Ms: result.latency.p99, non2xx: result.non2xx };
}

/**
 * The same bytes from a bare node:http server in a process of its own (as the app's server is):
 * the ceiling any page renderer can reach on this machine.
 */
export async function ceiling(html: string) {
	const dir = mkdtempSync(join(tmpdir(), 'agendawerk-ceiling-'));
	const file = join(dir, 'page.html');
	writeFileSync(file, html);
	const script = `
		const body = require('node:fs').readFileSync(${JSON.stringify(file)});
		const server = require('node:http').createServer((_, response) => {
			response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
			response.end(body);
		});
		// Not console.log: with FORCE_COLOR (as in CI) it colours a number, and the port is lost.
		server.listen(0, '127.0.0.1', () => process.stdout.write(server.address().port + '\\n'));`;
	const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
	const port = await new Promise<number>((resolve, reject) => {
		child.stdout.once('data', (chunk: Buffer) => {
			const port = Number(chunk.toString().trim());
			if (Number.isInteger(port)) resolve(port);
			else reject(new Error(`Obergrenze meldete keinen Port: ${JSON.stringify(chunk.toString())}`));
		});
		child.once('exit', (code) => reject(new Error(`Obergrenze beendet mit ${code}`)));
	});
	return {
		url: `http://127.0.0.1:${port}/`,
		async close() {
			const exited = new Promise((done) => child.once('exit', done));
			child.kill('SIGTERM');
			await exited;
			rmSync(dir, { recursive: true, force: true });
		}
	};
}

/**
 * A page measured as the citizen and monitoring parts do: fetched once (its bytes), warmed up
 * for a second, loaded for `seconds`, and the same bytes from the bare node:http ceiling.
 */
export async function pageAgainstCeiling(
	url: string,
	seconds: number
): Promise<{ html: string; app: Load; top: Load }> {
	const html = await (await fetch(url)).text();
	await load(url, 1);
	const app = await load(url, seconds);
	const bare = await ceiling(html);
	const top = await load(bare.url, seconds).finally(bare.close);
	return { html, app, top };
}
