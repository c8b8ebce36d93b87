// A knowledge source's own fields (name; snippets; a website's URL, depth, page cap, re-sync hours), edited with the
// generic schema-driven editors: the source kinds come from the settings schema, so a field added there shows up here.
import { Field } from './fields.js';
import { useForm } from './form-context.js';
import { branchesOf, defaultFor, joinPath, type JsonSchema, resolve } from './schema.js';

/** Set by the server (id), by the kind chosen (type) or by the state buttons (state): never typed. */
const NOT_EDITED = new Set(['id', 'type', 'state']);

/** The schema of `profile.knowledge.sources`: its item kinds by type, and the limit. */
export function sourcesSchema(root: JsonSchema): { kinds: Map<string, JsonSchema>; max: number | undefined } {
  const profile = resolve(root.properties?.['defaultProfile'] ?? {}, root);
  const knowledge = resolve(profile.properties?.['knowledge'] ?? {}, root);
  const sources = resolve(knowledge.properties?.['sources'] ?? {}, root);
  const kinds = branchesOf(resolve(sources.items ?? {}, root)).map((branch) => resolve(branch, root));
  return { kinds: new Map(kinds.map((kind) => [String(kind.properties?.['type']?.const), kind])), max: sources.maxItems };
}

/** A new source of this kind: its defaults, and one empty Q&A pair to fill in for snippets. */
export function newSource(kind: JsonSchema, root: JsonSchema): Record<string, unknown> {
  const { id: _id, ...fresh } = defaultFor(kind, root) as Record<string, unknown>;
  const snippets = kind.properties?.['snippets'];
  const snippet = snippets && resolve(snippets, root).items;
  return snippet ? { ...fresh, snippets: [defaultFor(snippet, root)] } : fresh;
}

/** The fields a person edits, without the ones set elsewhere (a stale state must not undo a disable). */
export function editedFields(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([key]) => !NOT_EDITED.has(key)));
}

/** Chosen from a list when the source is added (a Help Center portal, knowledge-add.tsx), never typed or changed. */
const CHOSEN = new Set(['portal']);

export function SourceFields(props: { kind: JsonSchema; value: Record<string, unknown>; path: string; onChange: (value: Record<string, unknown>) => void }) {
  const { root } = useForm();
  const keys = Object.keys(props.kind.properties ?? {}).filter((key) => !NOT_EDITED.has(key) && !CHOSEN.has(key));
  return (
    <div class="source-fields">
      {keys.map((key) => (
        <Field key={key} name={key} context="source" schema={resolve(props.kind.properties![key]!, root)} path={joinPath(props.path, key)} value={props.value[key]} onChange={(v) => props.onChange({ ...props.value, [key]: v })} />
      ))}
    </div>
  );
}
