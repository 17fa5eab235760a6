/** Calls of the real HTTP API with the benchmark's admin token. */

export interface CallResult {
  ms: number;
  status: number;
  bytes: number;
  /** parsed JSON (JSON answers), or null */
  body: unknown;
  /** CSV answers: data rows (lines after the header) */
  csvRows: number | null;
  error: string | null;
}

export interface Client {
  base: string;
  token: string;
  timeoutMs: number;
}

/** One call, timed until the last byte of the answer arrived (the CSV streamed, not buffered). */
export async function callApi(client: Client, path: string, csv: boolean): Promise<CallResult> {
  const started = performance.now();
  try {
    const res = await fetch(`${client.base}${path}`, {
      headers: { authorization: `Bearer ${client.token}` },
      signal: AbortSignal.timeout(client.timeoutMs),
    });
    if (csv && res.ok && res.body) {
      let bytes = 0;
      let lines = 0;
      for await (const chunk of res.body) {
        bytes += chunk.byteLength;
        for (const b of chunk) if (b === 10) lines++;
      }
      const ms = performance.now() - started;
      return {
        ms,
        status: res.status,
        bytes,
        body: null,
        csvRows: Math.max(0, lines - 1),
        error: null,
      };
    }
    const text = await res.text();
    const ms = performance.now() - started;
    let body: unknown = null;
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
    const error = res.ok ? null : `HTTP ${res.status}: ${text.slice(0, 300)}`;
    return { ms, status: res.status, bytes: text.length, body, csvRows: null, error };
  } catch (err) {
    const ms = performance.now() - started;
    return { ms, status: 0, bytes: 0, body: null, csvRows: null, error: String(err) };
  }
}

/** POST /api/import of a folder's files (multipart, one part per file), timed. */
export async function importOverHttp(
  client: Client,
  files: { name: string; content: Buffer }[],
): Promise<CallResult> {
  const form = new FormData();
  for (const f of files) form.append(f.name, new Blob([f.content]), f.name);
  const started = performance.now();
  try {
    const res = await fetch(`${client.base}/api/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${client.token}` },
      body: form,
      signal: AbortSignal.timeout(client.timeoutMs),
    });
    const text = await res.text();
    const ms = performance.now() - started;
    let body: unknown = null;
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
    const error = res.ok ? null : `HTTP ${res.status}: ${text.slice(0, 500)}`;
    return { ms, status: res.status, bytes: text.length, body, csvRows: null, error };
  } catch (err) {
    return {
      ms: performance.now() - started,
      status: 0,
      bytes: 0,
      body: null,
      csvRows: null,
      error: String(err),
    };
  }
}
