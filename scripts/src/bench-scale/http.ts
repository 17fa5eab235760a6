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

/** The whole answer read (that is when the call ends), then parsed when it is JSON. */
async function jsonAnswer(res: Response, started: number): Promise<CallResult> {
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
}

const failed = (started: number, err: unknown): CallResult => ({
  ms: performance.now() - started,
  status: 0,
  bytes: 0,
  body: null,
  csvRows: null,
  error: String(err),
});

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
    return await jsonAnswer(res, started);
  } catch (err) {
    return failed(started, err);
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
    return await jsonAnswer(res, started);
  } catch (err) {
    return failed(started, err);
  }
}
