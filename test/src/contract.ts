import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

/**
 * Checks real answers against the OpenAPI document of the app that gave them: the
 * operation of the method and path, the declared response of the status (or the
 * `default` error response), its media type, and for JSON the body against the schema.
 * test/src/app.ts runs every answer of the integration suite through it.
 */
export interface OpenApiDocument {
  [key: string]: unknown;
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components?: Record<string, unknown>;
}
interface Operation {
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}

const pointer = (...parts: string[]) =>
  `#/${parts.map((p) => p.replaceAll('~', '~0').replaceAll('/', '~1')).join('/')}`;

export class ContractChecker {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  private readonly templates: { template: string; pattern: RegExp; params: number }[];

  constructor(readonly document: OpenApiDocument) {
    addFormats.default(this.ajv);
    this.ajv.addSchema({ ...document, $id: 'openapi' });
    this.templates = Object.keys(document.paths)
      .map((template) => ({
        template,
        pattern: new RegExp(`^${template.replace(/\{[^/}]+\}/g, '[^/]+').replace(/\./g, '\\.')}$`),
        params: (template.match(/\{/g) ?? []).length,
      }))
      // a literal path wins over a template (/api/kpis/leaderboard before /api/kpis/{x})
      .sort((a, b) => a.params - b.params);
  }

  /** The document's path template of a concrete path, or null when no operation has it. */
  templateOf(method: string, path: string): string | null {
    const m = method.toLowerCase();
    return (
      this.templates.find((t) => t.pattern.test(path) && this.document.paths[t.template]?.[m])
        ?.template ?? null
    );
  }

  /** Problems of one answer against the document ([] when it conforms or is not documented). */
  async check(method: string, url: string, res: Response): Promise<string[]> {
    const path = new URL(url, 'http://local').pathname;
    const template = this.templateOf(method, path);
    if (!template) return [];
    const m = method.toLowerCase();
    const op = this.document.paths[template]![m]!;
    const where = `${method.toUpperCase()} ${path} → ${res.status}`;
    const key = String(res.status) in op.responses ? String(res.status) : 'default';
    const declared = op.responses[key];
    if (!declared) return [`${where}: status not declared for ${template}`];
    if (res.status < 400 && key === 'default') return [`${where}: success status not declared`];
    const media = Object.keys(declared.content ?? {});
    if (media.length === 0) {
      const text = res.body ? await res.clone().text() : '';
      return text === '' ? [] : [`${where}: declared without a body, got one`];
    }
    const type = (res.headers.get('content-type') ?? '').split(';')[0]!.trim();
    const mediaType = media.find((mt) => mt === type);
    if (!mediaType)
      return [`${where}: content-type ${type || '(none)'}, declared ${media.join(', ')}`];
    if (mediaType !== 'application/json') return [];
    const validate = this.ajv.getSchema(
      `openapi${pointer('paths', template, m, 'responses', key, 'content', mediaType, 'schema')}`,
    );
    if (!validate) return [`${where}: no schema`];
    const body: unknown = await res.clone().json();
    if (validate(body)) return [];
    return (validate.errors ?? []).map(
      (e) => `${where}: ${e.instancePath || '(body)'} ${e.message} ${JSON.stringify(e.params)}`,
    );
  }
}
