import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import {
  deleteWebhookSource,
  saveWebhookSource,
  type WebhookSource,
  type WebhookSourceBody,
  webhookSourcesQuery,
} from '../../queries/webhooks';
import { ProblemList } from './problems';

type Kind = WebhookSourceBody['kind'];
type SurveyKind = NonNullable<WebhookSourceBody['mapping']['kind']>;

/** What each mapping field means for each kind of sender (docs/api.md, Webhooks). */
const HINTS: Record<Kind, { customer: string; employee: string; score: string; secret: string }> = {
  delighted: {
    customer: 'person property with the customer id (e.g. Customer ID)',
    employee: 'person property with the employee id',
    score: 'Delighted’s own score',
    secret: 'your Delighted private API key',
  },
  typeform: {
    customer: 'hidden field with the customer id',
    employee: 'hidden field with the employee id',
    score: 'ref (or id) of the NPS / rating question',
    secret: 'the secret set on the Typeform webhook',
  },
  generic: {
    customer: 'path of the customer id (e.g. who.customer)',
    employee: 'path of the employee id',
    score: 'path of the score (e.g. answer.value)',
    secret: 'a secret of at least 16 characters, shared with the sender',
  },
};

interface Draft {
  name: string;
  kind: Kind;
  secret: string;
  customer: string;
  employee: string;
  score: string;
  comment: string;
  responseId: string;
  respondedAt: string;
  surveyKind: SurveyKind;
  enabled: boolean;
}

const EMPTY: Draft = {
  name: '',
  kind: 'typeform',
  secret: '',
  customer: '',
  employee: '',
  score: '',
  comment: '',
  responseId: '',
  respondedAt: '',
  surveyKind: 'nps',
  enabled: true,
};

const draftOf = (s: WebhookSource): Draft => ({
  name: s.name,
  kind: s.kind,
  secret: '',
  customer: s.mapping.customer,
  employee: s.mapping.employee ?? '',
  score: s.mapping.score ?? '',
  comment: s.mapping.comment ?? '',
  responseId: s.mapping.response_id ?? '',
  respondedAt: s.mapping.responded_at ?? '',
  surveyKind: s.mapping.kind ?? 'nps',
  enabled: s.enabled,
});

const given = (v: string) => (v.trim() === '' ? undefined : v.trim());

function bodyOf(d: Draft): WebhookSourceBody {
  const optional = {
    employee: given(d.employee),
    comment: given(d.comment),
    ...(d.kind === 'delighted' ? {} : { score: given(d.score), kind: d.surveyKind }),
    ...(d.kind === 'generic'
      ? { response_id: given(d.responseId), responded_at: given(d.respondedAt) }
      : {}),
  };
  const mapping: WebhookSourceBody['mapping'] = { customer: d.customer.trim() };
  for (const [k, v] of Object.entries(optional)) {
    if (v !== undefined) Object.assign(mapping, { [k]: v });
  }
  return {
    kind: d.kind,
    mapping,
    enabled: d.enabled,
    ...(d.secret === '' ? {} : { secret: d.secret }),
  };
}

function Field(props: {
  label: string;
  hint?: string;
  value: string;
  onChange: (v: string) => void;
  type?: string;
  required?: boolean;
}) {
  return (
    <label className="field">
      <span>{props.label}</span>
      <input
        type={props.type ?? 'text'}
        value={props.value}
        required={props.required}
        onChange={(e) => props.onChange(e.target.value)}
      />
      {props.hint && <small>{props.hint}</small>}
    </label>
  );
}

/** Admin: survey tools that post responses to /api/webhooks/{name}, their secrets and mappings. */
export function WebhookSources() {
  const queryClient = useQueryClient();
  const list = useQuery(webhookSourcesQuery());
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [saved, setSaved] = useState<string | null>(null);
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['webhook-sources'] });
  const save = useMutation({
    mutationFn: (d: Draft) => saveWebhookSource(d.name.trim(), bodyOf(d)),
    onSuccess: async (r) => {
      setSaved(
        `${r.created ? 'Added' : 'Saved'} ${r.source.name}: deliveries go to ${r.source.url}`,
      );
      setDraft(EMPTY);
      await refresh();
    },
  });
  const remove = useMutation({ mutationFn: deleteWebhookSource, onSuccess: refresh });
  const hints = HINTS[draft.kind];
  const editing = list.data?.sources.some((s) => s.name === draft.name) ?? false;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(null);
    save.mutate(draft);
  };

  return (
    <div className="webhook-sources">
      {list.isError && <ProblemList error={list.error} />}
      {list.data && list.data.sources.length === 0 && <p>No survey tool is connected yet.</p>}
      {list.data && list.data.sources.length > 0 && (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Kind</th>
                <th scope="col">URL</th>
                <th scope="col">Customer</th>
                <th scope="col">Score</th>
                <th scope="col">On</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.data.sources.map((s) => (
                <tr key={s.name}>
                  <td>{s.name}</td>
                  <td>{s.kind}</td>
                  <td>
                    <code>{s.url}</code>
                  </td>
                  <td>{s.mapping.customer}</td>
                  <td>{s.kind === 'delighted' ? 'score' : s.mapping.score}</td>
                  <td>{s.enabled ? 'yes' : 'no'}</td>
                  <td>
                    <button type="button" onClick={() => setDraft(draftOf(s))}>
                      Edit
                    </button>{' '}
                    <button type="button" onClick={() => remove.mutate(s.name)}>
                      Remove
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form onSubmit={submit} aria-label="Webhook source">
        <h3>{editing ? `Change ${draft.name}` : 'Connect a survey tool'}</h3>
        <Field
          label="Name (in the URL)"
          hint="lowercase letters, digits, dashes"
          value={draft.name}
          required
          onChange={(name) => set({ name })}
        />
        <label className="field">
          <span>Kind</span>
          <select value={draft.kind} onChange={(e) => set({ kind: e.target.value as Kind })}>
            <option value="typeform">Typeform</option>
            <option value="delighted">Delighted</option>
            <option value="generic">Generic JSON</option>
          </select>
        </label>
        <Field
          label={editing ? 'Secret (leave empty to keep it)' : 'Secret'}
          hint={hints.secret}
          type="password"
          value={draft.secret}
          required={!editing}
          onChange={(secret) => set({ secret })}
        />
        <Field
          label="Customer id"
          hint={hints.customer}
          value={draft.customer}
          required
          onChange={(customer) => set({ customer })}
        />
        <Field
          label="Employee id"
          hint={hints.employee}
          value={draft.employee}
          onChange={(employee) => set({ employee })}
        />
        {draft.kind !== 'delighted' && (
          <>
            <Field
              label="Score"
              hint={hints.score}
              value={draft.score}
              required
              onChange={(score) => set({ score })}
            />
            <label className="field">
              <span>Survey kind of the score</span>
              <select
                value={draft.surveyKind}
                onChange={(e) => set({ surveyKind: e.target.value as SurveyKind })}
              >
                <option value="nps">NPS (0–10)</option>
                <option value="csat">CSAT (1–5)</option>
                <option value="ces">CES (1–7)</option>
              </select>
            </label>
            <Field
              label="Comment"
              hint={draft.kind === 'typeform' ? 'ref of a text question' : 'path of the comment'}
              value={draft.comment}
              onChange={(comment) => set({ comment })}
            />
          </>
        )}
        {draft.kind === 'generic' && (
          <>
            <Field
              label="Response id"
              hint="path of the sender's unique id of the response"
              value={draft.responseId}
              required
              onChange={(responseId) => set({ responseId })}
            />
            <Field
              label="Answered at"
              hint="path of the answer time (default: the signed timestamp)"
              value={draft.respondedAt}
              onChange={(respondedAt) => set({ respondedAt })}
            />
          </>
        )}
        <label className="field checkbox">
          <input
            type="checkbox"
            checked={draft.enabled}
            onChange={(e) => set({ enabled: e.target.checked })}
          />
          <span>Accept deliveries</span>
        </label>
        <div className="actions">
          <button type="submit" disabled={save.isPending}>
            {editing ? 'Save' : 'Connect'}
          </button>
          {editing && (
            <button type="button" onClick={() => setDraft(EMPTY)}>
              Cancel
            </button>
          )}
        </div>
        {save.isError && <ProblemList error={save.error} />}
        {saved && (
          <p role="status" className="state-ok">
            {saved}
          </p>
        )}
      </form>
    </div>
  );
}
