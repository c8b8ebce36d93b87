// Generic editors driven by the settings' JSON Schema: objects, lists (add, remove, move; limits counted as you
// type), records, enums and constant unions, discriminated unions, strings (secret ones masked, clock times, time
// zones), numbers, durations and switches. Anything else is edited as JSON, so a new section is never hidden.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { DirectoryPick, directoryListOf } from './directory.js';
import { type Choice, useForm } from './form-context.js';
import { DurationInput, MultiChoice, ScalarInput } from './inputs.js';
import {
  branchesOf,
  choicesOf,
  defaultFor,
  discriminatorOf,
  isSecretField,
  joinPath,
  type JsonSchema,
  MASK_PREFIX,
  nonNullSide,
  resolve,
  typeOf,
} from './schema.js';

export interface FieldProps {
  schema: JsonSchema;
  value: unknown;
  onChange: (value: unknown) => void;
  /** Dotted path from the settings root: how server errors find their field. */
  path: string;
  name: string;
  /** Hide the label (list items, union branches). */
  bare?: boolean;
  /** The kind of thing the field belongs to (a union branch such as `send_message`): picks its label and help. */
  context?: string;
}

type Obj = Record<string, unknown>;
const SCALARS = ['string', 'number', 'integer', 'boolean'];
/** The pattern zod emits for a HH:MM clock time (business hours, flow time ranges). */
const CLOCK = '^([01]\\d|2[0-3]):[0-5]\\d$';
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export function Field(props: FieldProps) {
  const { root, directory } = useForm();
  const schema = resolve(props.schema, root);
  const choices = choicesOf(schema, root);
  if (choices) return <Labelled {...props} schema={schema}><Choice {...props} schema={schema} choices={choices} /></Labelled>;
  if (branchesOf(schema).length) {
    if (discriminatorOf(schema, root)) return <Union {...props} schema={schema} />;
    const side = nonNullSide(schema, root);
    if (side) return <Nullable {...props} schema={schema} side={side} />;
    if (branchesOf(schema).every((b) => SCALARS.includes(typeOf(resolve(b, root)) ?? ''))) return <Labelled {...props} schema={schema}><ScalarInput {...props} schema={schema} /></Labelled>;
    return <Labelled {...props} schema={schema}><JsonEditor {...props} /></Labelled>;
  }
  switch (typeOf(schema)) {
    case 'object':
      if (schema.properties) return <ObjectEditor {...props} schema={schema} />;
      if (typeof schema.additionalProperties === 'object') return <RecordEditor {...props} schema={schema} />;
      break;
    case 'array': {
      const itemChoices = schema.items && choicesOf(resolve(schema.items, root), root);
      if (itemChoices) return <Labelled {...props} schema={schema}><MultiChoice {...props} schema={schema} choices={itemChoices} context={props.name} /></Labelled>;
      if (schema.items) return <ListEditor {...props} schema={schema} />;
      break;
    }
    case 'string':
      return <Labelled {...props} schema={schema}><Text {...props} schema={schema} /></Labelled>;
    case 'integer': {
      if (/(^s|S)econds$/.test(props.name)) return <Labelled {...props} schema={schema}><DurationInput {...props} schema={schema} /></Labelled>;
      // An agent's or a team's id: picked by name when Chatwoot's lists could be read.
      const list = directoryListOf(props.name);
      if (list !== undefined && directory) return <Labelled {...props} schema={schema}><DirectoryPick {...props} schema={schema} list={directory[list]} /></Labelled>;
    }
    // falls through: other integers are plain numbers
    case 'number':
      return <Labelled {...props} schema={schema}><NumberInput {...props} schema={schema} /></Labelled>;
    case 'boolean':
      return <Switch {...props} schema={schema} />;
  }
  return <Labelled {...props} schema={schema}><JsonEditor {...props} /></Labelled>;
}

/** The label, the help text, and the server's error for this path, around an input. */
function Labelled(props: FieldProps & { children: ComponentChildren; extra?: ComponentChildren }) {
  const { label, help, errors } = useForm();
  const error = errors[props.path];
  const helpText = help(props.name, props.schema, props.context);
  return (
    <div class={`field${props.bare ? ' bare' : ''}${error ? ' invalid' : ''}`} data-path={props.path}>
      {!props.bare && <label class="field-label" for={props.path}>{label(props.name, props.schema, props.context)}</label>}
      {props.children}
      {props.extra}
      {helpText && !props.bare && <p class="help">{helpText}</p>}
      {error && <p class="error" role="alert">{error}</p>}
    </div>
  );
}

function Counter({ n, max }: { n: number; max?: number }) {
  const { t } = useForm();
  if (max === undefined) return null;
  const over = n > max;
  return <span class={`counter${over ? ' over' : ''}`}>{t('field.count', { n, max })}{over ? ` · ${t('field.over')}` : ''}</span>;
}

function Text(props: FieldProps) {
  const { t, choices, directory } = useForm();
  const value = typeof props.value === 'string' ? props.value : '';
  if (props.schema.pattern === CLOCK) return <input id={props.path} type="time" value={value} onInput={(e) => props.onChange((e.currentTarget as HTMLInputElement).value)} />;
  const choice = choices?.[props.name];
  if (choice) return <ChoiceSelect {...props} choices={choice} />;
  // The account's labels while typing one (a new label is still free text).
  const suggested = props.name === 'timeZone' ? timeZones() : props.name === 'labels' && directory?.labels.length ? directory.labels : undefined;
  if (suggested) {
    return (
      <>
        <input id={props.path} type="text" list={`${props.path}-list`} value={value} onInput={(e) => props.onChange((e.currentTarget as HTMLInputElement).value)} />
        <datalist id={`${props.path}-list`}>{suggested.map((v) => <option value={v} />)}</datalist>
      </>
    );
  }
  const secret = isSecretField(props.schema, props.name);
  const max = props.schema.maxLength;
  const onInput = (e: Event) => props.onChange((e.currentTarget as HTMLInputElement).value);
  if (secret) {
    const kept = value.startsWith(MASK_PREFIX);
    return (
      <>
        <input id={props.path} type="password" autocomplete="off" value={kept ? '' : value} placeholder={kept ? value : ''} onInput={onInput} />
        {kept && <p class="help">{t('field.secretKept')}</p>}
      </>
    );
  }
  const long = (max ?? 0) > 300;
  return (
    <div class="text-input">
      {long ? (
        <textarea id={props.path} rows={Math.min(12, Math.max(3, value.split('\n').length + 1))} value={value} onInput={onInput} />
      ) : (
        <input id={props.path} type={props.schema.format === 'uri' ? 'url' : 'text'} value={value} onInput={onInput} />
      )}
      <Counter n={value.length} max={max} />
    </div>
  );
}

/** A select of the given values; a stored value no longer among them stays selectable, marked. */
function ChoiceSelect(props: FieldProps & { choices: Choice[] }) {
  const { t } = useForm();
  const value = typeof props.value === 'string' ? props.value : '';
  const known = value === '' || props.choices.some((c) => c.value === value);
  return (
    <select id={props.path} value={value} onChange={(e) => props.onChange((e.currentTarget as HTMLSelectElement).value)}>
      <option value="">{t('directory.choose')}</option>
      {props.choices.map((c) => <option value={c.value}>{c.label}</option>)}
      {!known && <option value={value}>{t('choice.missing', { value })}</option>}
    </select>
  );
}

/** The browser's IANA time zones, to pick from while typing. */
const timeZones = (): string[] => (typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []);

function NumberInput(props: FieldProps) {
  const s = props.schema;
  const min = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : undefined);
  const max = s.maximum !== undefined && s.maximum < Number.MAX_SAFE_INTEGER ? s.maximum : undefined;
  return (
    <input
      id={props.path}
      type="number"
      min={min}
      max={max}
      step={typeOf(s) === 'integer' ? 1 : 'any'}
      value={typeof props.value === 'number' ? props.value : ''}
      onInput={(e) => {
        const raw = (e.currentTarget as HTMLInputElement).value;
        props.onChange(raw === '' ? undefined : Number(raw));
      }}
    />
  );
}

function Switch(props: FieldProps) {
  const { label, help, errors } = useForm();
  const helpText = help(props.name, props.schema, props.context);
  return (
    <div class="field switch" data-path={props.path}>
      <label>
        <input id={props.path} type="checkbox" checked={props.value === true} onChange={(e) => props.onChange((e.currentTarget as HTMLInputElement).checked)} />
        {label(props.name, props.schema, props.context)}
      </label>
      {helpText && !props.bare && <p class="help">{helpText}</p>}
      {errors[props.path] && <p class="error" role="alert">{errors[props.path]}</p>}
    </div>
  );
}

function Choice(props: FieldProps & { choices: unknown[] }) {
  const { option } = useForm();
  // `option.priority.medium` before `option.medium` (which is a reply length).
  const index = props.choices.findIndex((c) => c === props.value);
  return (
    <select id={props.path} value={String(index)} onChange={(e) => props.onChange(props.choices[Number((e.currentTarget as HTMLSelectElement).value)])}>
      {index < 0 && <option value="-1">—</option>}
      {props.choices.map((c, i) => <option value={String(i)}>{option(c, props.name)}</option>)}
    </select>
  );
}

export function ObjectEditor(props: FieldProps & { skip?: string; bareKeys?: string[] }) {
  const { label, help } = useForm();
  const value = isObj(props.value) ? props.value : {};
  const entries = Object.entries(props.schema.properties ?? {}).filter(([key]) => key !== props.skip);
  const body = entries.map(([key, child]) => (
    <Field key={key} name={key} context={props.bare ? props.context : props.name} bare={props.bareKeys?.includes(key)} schema={child} path={joinPath(props.path, key)} value={value[key]} onChange={(v) => props.onChange({ ...value, [key]: v })} />
  ));
  if (props.bare) return <div class="object">{body}</div>;
  const helpText = help(props.name, props.schema, props.context);
  return (
    <fieldset class="object" data-path={props.path}>
      <legend>{label(props.name, props.schema, props.context)}</legend>
      {helpText && <p class="help">{helpText}</p>}
      {body}
    </fieldset>
  );
}

/**
 * A discriminated union: choose the kind, then fill in that kind's fields; fields both kinds share are kept. A kind's
 * single choice (`sentiment` → `frustrated`) sits next to it without a label, so it reads as a sentence.
 */
function Union(props: FieldProps) {
  const { root, label, help, option, errors } = useForm();
  const key = discriminatorOf(props.schema, root)!;
  const branches = branchesOf(props.schema).map((b) => resolve(b, root));
  const value = isObj(props.value) ? props.value : {};
  const current = branches.findIndex((b) => b.properties?.[key]?.const === value[key]);
  const choose = (i: number) => {
    const branch = branches[i]!;
    const fresh = defaultFor(branch, root) as Obj;
    // A field is kept only where both kinds define it the same way (a `value` enum of another kind is not kept).
    const same = (k: string) => JSON.stringify(branch.properties?.[k]) === JSON.stringify(branches[current]?.properties?.[k]);
    const kept = Object.fromEntries(Object.entries(value).filter(([k]) => k !== key && branch.properties?.[k] && same(k)));
    props.onChange({ ...fresh, ...kept, [key]: branch.properties![key]!.const });
  };
  const branch = branches[current];
  const kind = branch ? String(branch.properties![key]!.const) : undefined;
  const inline = branch?.properties?.['value'] && choicesOf(resolve(branch.properties['value'], root), root) ? ['value'] : [];
  const kindHelp = kind && help(kind, branch, props.name, key);
  return (
    <div class={`field union${errors[props.path] ? ' invalid' : ''}`} data-path={props.path}>
      {!props.bare && <label class="field-label" for={joinPath(props.path, key)}>{label(props.name, props.schema, props.context)}</label>}
      <select id={joinPath(props.path, key)} class="union-kind" value={String(current)} onChange={(e) => choose(Number((e.currentTarget as HTMLSelectElement).value))}>
        {current < 0 && <option value="-1">—</option>}
        {branches.map((b, i) => <option value={String(i)}>{option(b.properties![key]!.const, props.name, key)}</option>)}
      </select>
      {branch && <ObjectEditor {...props} schema={branch} skip={key} bare bareKeys={inline} context={kind} />}
      {kindHelp && <p class="help">{kindHelp}</p>}
      {errors[props.path] && <p class="error" role="alert">{errors[props.path]}</p>}
    </div>
  );
}

function Nullable(props: FieldProps & { side: JsonSchema }) {
  const { root, t } = useForm();
  if (props.value === null || props.value === undefined) {
    return (
      <Labelled {...props}>
        <span class="muted">{t('field.none')}</span>{' '}
        <button type="button" onClick={() => props.onChange(defaultFor(props.side, root))}>{t('field.set')}</button>
      </Labelled>
    );
  }
  return (
    <div class="nullable">
      <Field {...props} schema={props.side} />
      <button type="button" class="link" onClick={() => props.onChange(null)}>{t('field.remove')}</button>
    </div>
  );
}

export interface ListProps extends FieldProps {
  addLabel?: string;
  itemTitle?: (index: number) => string;
}

/** A list: each item edited in place; add is refused at maxItems; the count is shown against the limit. */
export function ListEditor(props: ListProps) {
  const { root, t, label, help, errors, pickers } = useForm();
  const items = Array.isArray(props.value) ? props.value : [];
  const itemSchema = resolve(props.schema.items ?? {}, root);
  const max = props.schema.maxItems;
  const set = (next: unknown[]) => props.onChange(next);
  const simple = ['string', 'number', 'integer'].includes(typeOf(itemSchema) ?? '') && !choicesOf(itemSchema, root);
  const helpText = help(props.name, props.schema, props.context);
  return (
    <fieldset class={`list${errors[props.path] ? ' invalid' : ''}`} data-path={props.path}>
      {!props.bare && <legend>{label(props.name, props.schema, props.context)} <Counter n={items.length} max={max} /></legend>}
      {helpText && <p class="help">{helpText}</p>}
      <ol class={simple ? 'items simple' : 'items'}>
        {items.map((item, i) => (
          <li key={i} class="item">
            {props.itemTitle && <h4>{props.itemTitle(i)}</h4>}
            <Field bare name={props.name} context={props.name} schema={itemSchema} value={item} path={joinPath(props.path, i)} onChange={(v) => set(items.map((x, j) => (j === i ? v : x)))} />
            <div class="item-tools">
              {i > 0 && <button type="button" class="link" title={t('field.up')} onClick={() => set([...items.slice(0, i - 1), item, items[i - 1], ...items.slice(i + 1)])}>↑</button>}
              <button type="button" class="link remove" onClick={() => set(items.filter((_, j) => j !== i))}>{t('field.remove')}</button>
            </div>
          </li>
        ))}
      </ol>
      <button type="button" class="add" disabled={max !== undefined && items.length >= max} onClick={() => set([...items, defaultFor(itemSchema, root)])}>
        {props.addLabel ?? `+ ${t('field.add')}`}
      </button>
      {(max === undefined || items.length < max) && pickers?.[props.name]?.((item) => set([...items, item]))}
      {errors[props.path] && <p class="error" role="alert">{errors[props.path]}</p>}
    </fieldset>
  );
}

/**
 * A map of names to values: HTTP headers, a flow's steps by id, opening hours by weekday. Keys from a fixed set
 * (weekdays) are all listed, each on or off; free keys are added by name, checked against the schema's pattern.
 * A new entry starts as a copy of the first entry of the schema's default (opening hours: 09:00-17:00).
 */
function RecordEditor(props: FieldProps) {
  const { root, t, label, help } = useForm();
  const value = isObj(props.value) ? props.value : {};
  const valueSchema = resolve(props.schema.additionalProperties as JsonSchema, root);
  const fixedKeys = props.schema.propertyNames?.enum?.map(String);
  const pattern = props.schema.propertyNames?.pattern;
  const [newKey, setNewKey] = useState('');
  const template = isObj(props.schema.default) ? Object.values(props.schema.default)[0] : undefined;
  const fresh = () => (template === undefined ? defaultFor(valueSchema, root) : structuredClone(template));
  const remove = (key: string) => props.onChange(Object.fromEntries(Object.entries(value).filter(([k]) => k !== key)));
  const entry = (key: string, v: unknown) => (
    <Field name={key} context={props.name} bare schema={valueSchema} value={v} path={joinPath(props.path, key)} onChange={(next) => props.onChange({ ...value, [key]: next })} />
  );
  const helpText = help(props.name, props.schema, props.context);
  if (fixedKeys) {
    return (
      <fieldset class="record fixed" data-path={props.path}>
        <legend>{label(props.name, props.schema, props.context)}</legend>
        {helpText && <p class="help">{helpText}</p>}
        {fixedKeys.map((key) => (
          <div class="record-row" key={key} data-key={key}>
            <label class="check">
              <input type="checkbox" id={joinPath(props.path, `${key}.on`)} checked={key in value} onChange={(e) => ((e.currentTarget as HTMLInputElement).checked ? props.onChange({ ...value, [key]: fresh() }) : remove(key))} />
              {label(key, undefined, props.name)}
            </label>
            {key in value ? entry(key, value[key]) : <span class="muted">{t('field.off', { name: label(props.name, props.schema, props.context) })}</span>}
          </div>
        ))}
      </fieldset>
    );
  }
  const key = newKey.trim();
  const badKey = key !== '' && pattern !== undefined && !new RegExp(pattern).test(key);
  return (
    <fieldset class="record" data-path={props.path}>
      <legend>{label(props.name, props.schema, props.context)}</legend>
      {helpText && <p class="help">{helpText}</p>}
      {Object.entries(value).map(([k, v]) => (
        <div class="record-row" key={k} data-key={k}>
          <div class="record-entry">
            <h4>{label('entryTitle', undefined, props.name).replace('{key}', k)}</h4>
            {entry(k, v)}
          </div>
          <button type="button" class="link remove" onClick={() => remove(k)}>{t('field.remove')}</button>
        </div>
      ))}
      <div class="record-add">
        <input id={joinPath(props.path, '+key')} placeholder={label('newKey', undefined, props.name)} value={newKey} onInput={(e) => setNewKey((e.currentTarget as HTMLInputElement).value)} />
        <button type="button" disabled={!key || key in value || badKey} onClick={() => {
          props.onChange({ ...value, [key]: fresh() });
          setNewKey('');
        }}>+ {t('field.add')}</button>
        {badKey && <span class="error">{t('field.badKey')}</span>}
      </div>
    </fieldset>
  );
}

/** The last resort: edit the value as JSON, applied when it parses. */
function JsonEditor(props: FieldProps) {
  const { t } = useForm();
  const [text, setText] = useState(() => JSON.stringify(props.value ?? null, null, 2));
  const [bad, setBad] = useState(false);
  return (
    <div class="json">
      <textarea id={props.path} rows={6} value={text} onInput={(e) => {
        const next = (e.currentTarget as HTMLTextAreaElement).value;
        setText(next);
        try {
          props.onChange(JSON.parse(next));
          setBad(false);
        } catch {
          setBad(true);
        }
      }} />
      <p class={bad ? 'error' : 'help'}>{bad ? t('field.jsonInvalid') : t('field.json')}</p>
    </div>
  );
}
