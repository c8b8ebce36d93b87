// The Rules tab: each rule as WHEN (conditions, all or any) THEN (actions), with the limits counted as you type.
// The shape comes from the schema (rules-shape.ts); a schema it cannot read is edited with the generic list editor.
// `ask_for` offers the custom attributes defined in Chatwoot by their display name (GET /api/custom-attributes).
import { useContext, useEffect, useState } from 'preact/hooks';
import type { CustomAttributeDefinition } from '../../chatwoot/port.js';
import { api } from './api.js';
import { Field, ListEditor } from './fields.js';
import { Form, useForm } from './form-context.js';
import { askAttributeFrom, getIn, ruleShape, setIn } from './rules-shape.js';
import { defaultFor, joinPath, type JsonSchema, resolve } from './schema.js';

interface Props {
  schema: JsonSchema;
  value: unknown;
  onChange: (value: unknown) => void;
  path: string;
}

export function RulesEditor(props: Props) {
  const ctx = useContext(Form);
  const [attributes, setAttributes] = useState<CustomAttributeDefinition[]>([]);
  // Without the list (Chatwoot unreachable) attribute keys are typed in as any other field.
  useEffect(() => {
    api<{ attributes: CustomAttributeDefinition[] }>('GET', '/api/custom-attributes').then((r) => setAttributes(r.attributes), () => undefined);
  }, []);
  const pick = (add: (item: unknown) => void) => <AttributePicker attributes={attributes} onPick={(d) => add(askAttributeFrom(d))} />;
  return (
    <Form.Provider value={{ ...ctx, pickers: attributes.length ? { ...ctx.pickers, attributes: pick } : ctx.pickers }}>
      <Rules {...props} />
    </Form.Provider>
  );
}

/** A custom attribute chosen by its display name; the select goes back to its prompt after each choice. */
function AttributePicker(props: { attributes: CustomAttributeDefinition[]; onPick: (d: CustomAttributeDefinition) => void }) {
  const { t } = useForm();
  return (
    <select class="pick-attribute" value="" aria-label={t('rules.pickAttribute')} onChange={(e) => {
      const chosen = props.attributes[Number((e.currentTarget as HTMLSelectElement).value)];
      if (chosen) props.onPick(chosen);
    }}>
      <option value="">{`+ ${t('rules.pickAttribute')}`}</option>
      {props.attributes.map((d, i) => <option value={String(i)}>{`${d.name} (${t(`rules.attributeOn.${d.on}`)})`}</option>)}
    </select>
  );
}

function Rules(props: Props) {
  const { root, t } = useForm();
  const shape = ruleShape(props.schema, root);
  if (!shape) return <ListEditor name="rules" {...props} />;
  const rules = Array.isArray(props.value) ? props.value : [];
  const max = resolve(props.schema, root).maxItems;
  const ruleSchema = resolve(resolve(props.schema, root).items!, root);
  const set = (next: unknown[]) => props.onChange(next);
  // A new rule has a name no other rule has (names are unique), one condition and one action to fill in.
  const newRule = () => {
    const names = new Set(rules.map((r) => getIn(r, ['name'])));
    let n = rules.length + 1;
    while (names.has(t('rules.rule', { n }))) n++;
    const rule = defaultFor(ruleSchema, root);
    return ruleSchema.properties?.['name'] ? setIn(rule, ['name'], t('rules.rule', { n })) : rule;
  };
  const part = (rule: unknown, i: number, which: 'conditions' | 'actions', addKey: string) => {
    const p = shape[which];
    return (
      <ListEditor
        bare
        name={p.at[p.at.length - 1]!}
        schema={p.schema}
        value={getIn(rule, p.at)}
        path={joinPath(props.path, [i, ...p.at].join('.'))}
        addLabel={`+ ${t(addKey)}`}
        onChange={(v) => set(rules.map((r, j) => (j === i ? setIn(r, p.at, v) : r)))}
      />
    );
  };
  const count = (rule: unknown, which: 'conditions' | 'actions') => {
    const list = getIn(rule, shape[which].at);
    const n = Array.isArray(list) ? list.length : 0;
    const limit = shape[which].schema.maxItems;
    return <span class={`counter${limit !== undefined && n > limit ? ' over' : ''}`}>{limit === undefined ? n : t('field.count', { n, max: limit })}</span>;
  };
  return (
    <div class="rules">
      <p class="rules-count">{max === undefined ? null : t('rules.count', { n: rules.length, max })}</p>
      {rules.map((rule, i) => (
        <section class="rule" key={i} data-path={joinPath(props.path, i)}>
          <header>
            <h3>{String(getIn(rule, ['name']) || t('rules.rule', { n: i + 1 }))}</h3>
            <button type="button" class="link remove" onClick={() => set(rules.filter((_, j) => j !== i))}>{t('field.remove')}</button>
          </header>
          {Object.entries(ruleSchema.properties ?? {})
            .filter(([key]) => !shape.containers.includes(key))
            .map(([key, child]) => (
              <Field key={key} name={key} schema={child} path={joinPath(props.path, `${i}.${key}`)} value={getIn(rule, [key])} onChange={(v) => set(rules.map((r, j) => (j === i ? setIn(r, [key], v) : r)))} />
            ))}
          <div class="when">
            <h4>{t('rules.when')} {count(rule, 'conditions')}</h4>
            {shape.match && (
              <div class="match">
                {t('rules.match')}{' '}
                <Field bare name={shape.match.at[shape.match.at.length - 1]!} schema={shape.match.schema} path={joinPath(props.path, [i, ...shape.match.at].join('.'))} value={getIn(rule, shape.match.at)} onChange={(v) => set(rules.map((r, j) => (j === i ? setIn(r, shape.match!.at, v) : r)))} />
              </div>
            )}
            {part(rule, i, 'conditions', 'rules.addCondition')}
          </div>
          <div class="then">
            <h4>{t('rules.then')} {count(rule, 'actions')}</h4>
            {part(rule, i, 'actions', 'rules.addAction')}
            <p class="help">{t('rules.order')}</p>
          </div>
        </section>
      ))}
      <button type="button" class="add" disabled={max !== undefined && rules.length >= max} onClick={() => set([...rules, newRule()])}>
        + {t('rules.addRule')}
      </button>
    </div>
  );
}
